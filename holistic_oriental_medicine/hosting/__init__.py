"""Hosting: the one host policy (headers, redirects, caching) written for each host, nginx, and
putting the published site on a host (GitHub Pages, rsync)."""
