"""Hosting: the one host policy (headers, redirects, caching) written for each host, and nginx."""
