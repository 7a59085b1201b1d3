"""Netlify's own parsers accept the generated `_headers` and `_redirects`, and read from them the
very redirects that nginx sends with deploy/nginx.conf (and the very headers:
test_promised_policy.py)."""

from support.servers import fetch, netlify_reading


def test_netlify_finds_no_problem_in_the_host_files(served_site):
    _, site = served_site
    assert netlify_reading(site, [])["errors"] == []


def test_netlify_and_nginx_redirect_alike(served_site):
    address, site = served_site
    redirects = netlify_reading(site, [])["redirects"]
    assert redirects
    for redirect in redirects:
        status, headers, _ = fetch(address, redirect["from"])
        assert (status, headers["Location"].removeprefix(address)) == (redirect["status"], redirect["to"])
