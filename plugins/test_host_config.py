"""One policy gives the same headers, caching and redirects in every host's format."""

from host_config import (
    content_security_policy,
    netlify_headers,
    netlify_redirects,
    nginx_server_block,
    response_headers,
)

POLICY = {
    "content_security_policy": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "frame-ancestors": ["'none'"],
    },
    "headers": {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"},
    "cache_control": {"/": "public, max-age=300", "/theme/": "public, max-age=31536000, immutable"},
    "redirects": {"/feed": "/feeds/all.atom.xml"},
    "not_found": "404.html",
}
SETTINGS = {
    "HOST_POLICY": POLICY,
    "SITENAME": "Holistic Oriental Medicine",
    "SITEURL": "https://clinic.example",
    "DEPLOY_PATH": "/srv/clinic",
}


def header_rules(text):
    """`_headers` as {path: {header: value}}, a detached header as {"! name": None}."""
    rules, path = {}, None
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("  ! "):
            rules[path][line.strip()] = None
        elif line.startswith("  "):
            name, value = line.strip().split(": ", 1)
            rules[path][name] = value
        else:
            path = line
            rules[path] = {}
    return rules


def test_the_csp_joins_directives_and_sources():
    assert content_security_policy(POLICY) == (
        "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    )


def test_the_meta_csp_leaves_out_what_only_a_header_can_carry():
    assert "frame-ancestors" not in content_security_policy(POLICY, for_meta=True)
    assert "img-src 'self' data:" in content_security_policy(POLICY, for_meta=True)


def test_every_path_gets_the_security_headers_and_the_short_cache():
    rules = header_rules(netlify_headers(POLICY))
    assert rules["/*"] == {**response_headers(POLICY), "Cache-Control": "public, max-age=300"}


def test_hashed_theme_files_are_cached_for_a_year():
    rules = header_rules(netlify_headers(POLICY))
    assert rules["/theme/*"] == {
        "! Cache-Control": None,
        "Cache-Control": "public, max-age=31536000, immutable",
    }


def test_redirects_are_permanent():
    lines = [line for line in netlify_redirects(POLICY).splitlines() if not line.startswith("#")]
    assert lines == ["/feed /feeds/all.atom.xml 301"]


def test_the_nginx_server_block_carries_the_same_policy():
    block = nginx_server_block(SETTINGS)
    for name, value in response_headers(POLICY).items():
        assert f'add_header {name} "{value}" always;' in block
    assert 'default "public, max-age=300";' in block
    assert '"~^/theme/" "public, max-age=31536000, immutable";' in block
    assert "return 301 /feeds/all.atom.xml;" in block
    assert "error_page 404 /404.html;" in block
    assert "server_name clinic.example;" in block
    assert "root /srv/clinic;" in block


def test_the_nginx_server_block_can_listen_and_serve_elsewhere():
    block = nginx_server_block(SETTINGS, listen="127.0.0.1:8123", root="/tmp/site")
    assert "listen 127.0.0.1:8123;" in block
    assert "root /tmp/site;" in block
