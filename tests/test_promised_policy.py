"""The security policy the README promises, pinned here as written, not read from HOST_POLICY:
adding 'unsafe-eval' or inline styles, dropping a directive or HSTS, fails a test, in the settings
and in what every host really sends for every reader's page. Pages under an explicitly named
other policy (ADMIN_PATH, for the content editor's own pages) are the one exception."""

from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser
from support.pages import address_of, published_files
from support.project import PROJECT_ROOT
from support.servers import fetch, netlify_reading

# Only the site's own files run or style a page; Pagefind's WebAssembly is the one addition.
PROMISED_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
PROMISED_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=63072000",
}
# Pages with a policy of their own, named here, are not readers' pages.
ADMIN_PATH = "/admin/"
# Headers nginx writes itself, for every response, whatever the policy.
SERVER_HEADERS = {
    "Server", "Date", "Content-Type", "Content-Length", "Last-Modified", "Connection", "ETag",
    "Accept-Ranges", "Content-Encoding", "Vary", "Location", "Transfer-Encoding",
}


def csp_directives(value):
    """A Content-Security-Policy value as {directive: [sources]}."""
    directives = {}
    for part in value.split(";"):
        directive, *sources = part.split()
        directives[directive] = sources
    return directives


def reader_pages(site):
    return [
        path for path in published_files(site)
        if path.suffix == ".html" and not address_of(site, path).startswith(ADMIN_PATH)
    ]


def test_the_policy_of_readers_pages_is_the_promised_one():
    policy = read_settings(str(PROJECT_ROOT / "publishconf.py"))["HOST_POLICY"]
    assert policy["content_security_policy"] == PROMISED_CSP
    assert policy["headers"] == PROMISED_HEADERS


def test_nginx_sends_the_promised_policy_with_every_readers_page(served_site):
    address, site = served_site
    for path in reader_pages(site):
        _, headers, _ = fetch(address, address_of(site, path))
        assert csp_directives(headers["Content-Security-Policy"]) == PROMISED_CSP, path
        assert {name: headers[name] for name in PROMISED_HEADERS} == PROMISED_HEADERS, path


def test_every_readers_page_carries_the_promised_policy_in_its_meta_tag(served_site):
    _, site = served_site
    for_meta = {name: sources for name, sources in PROMISED_CSP.items() if name != "frame-ancestors"}
    for path in reader_pages(site):
        page = LexborHTMLParser(path.read_text(encoding="utf-8"))
        [meta] = page.css('meta[http-equiv="Content-Security-Policy"]')
        assert csp_directives(meta.attributes["content"]) == for_meta, path


def test_netlify_and_nginx_send_exactly_the_same_policy_headers_both_ways(served_site):
    address, site = served_site
    paths = [address_of(site, path) for path in published_files(site)]
    netlify = netlify_reading(site, paths)["headers"]
    for path in paths:
        _, headers, _ = fetch(address, path)
        nginx = {name: value for name, value in headers.items() if name not in SERVER_HEADERS}
        assert netlify[path] == nginx, path
        assert "Cache-Control" in nginx and "Content-Security-Policy" in nginx, path
