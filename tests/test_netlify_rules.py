"""Netlify's own parsers accept the generated `_headers` and `_redirects`, and read from them the
very headers and redirects that nginx sends with deploy/nginx.conf."""

from conftest import address_of, fetch, netlify_reading, published_files


def test_netlify_finds_no_problem_in_the_host_files(served_site):
    _, site = served_site
    assert netlify_reading(site, [])["errors"] == []


def test_netlify_and_nginx_send_the_same_headers_for_every_address(served_site):
    address, site = served_site
    paths = [address_of(site, path) for path in published_files(site)]
    netlify = netlify_reading(site, paths)["headers"]
    for path in paths:
        _, nginx_headers, _ = fetch(address, path)
        assert netlify[path] == {name: nginx_headers[name] for name in netlify[path]}, path
        assert "Cache-Control" in netlify[path] and "Content-Security-Policy" in netlify[path], path


def test_netlify_and_nginx_redirect_alike(served_site):
    address, site = served_site
    redirects = netlify_reading(site, [])["redirects"]
    assert redirects
    for redirect in redirects:
        status, headers, _ = fetch(address, redirect["from"])
        assert (status, headers["Location"].removeprefix(address)) == (redirect["status"], redirect["to"])
