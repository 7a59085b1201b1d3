"""One policy gives the same headers, caching and redirects in every host's format."""

from types import SimpleNamespace

import pytest

from .host_config import (
    SubPathOnARootHost,
    UnsafeHostValue,
    content_security_policy,
    deploy_destination,
    host_variable,
    netlify_headers,
    netlify_redirects,
    nginx_redirect_map,
    nginx_server_block,
    refuse_a_sub_path_on_a_root_host,
    response_headers,
    site_path,
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


MOVED = {"/post/café-au-lait": "/cafe-au-lait/", "/blog": "/"}


def test_moved_articles_are_redirected_for_netlify_encoded_and_for_nginx_decoded():
    lines = netlify_redirects(POLICY, MOVED).splitlines()
    assert lines[-2:] == ["/blog / 301", "/post/caf%C3%A9-au-lait /cafe-au-lait/ 301"]
    assert nginx_redirect_map(MOVED).splitlines()[1:] == [
        '"/blog" "/";',
        '"/post/café-au-lait" "/cafe-au-lait/";',
    ]


def test_a_site_below_the_root_of_its_domain_has_every_host_rule_below_its_path():
    assert site_path("https://user.github.io/repo/") == "/repo"
    assert site_path("https://www.clinic.example") == ""
    redirects = netlify_redirects(POLICY, MOVED, base="/repo").splitlines()[1:]
    assert redirects == [
        "/repo/feed /repo/feeds/all.atom.xml 301",
        "/repo/blog /repo/ 301",
        "/repo/post/caf%C3%A9-au-lait /repo/cafe-au-lait/ 301",
    ]
    assert nginx_redirect_map(MOVED, base="/repo").splitlines()[1:] == [
        '"/repo/blog" "/repo/";',
        '"/repo/post/café-au-lait" "/repo/cafe-au-lait/";',
    ]
    assert list(header_rules(netlify_headers(POLICY, base="/repo"))) == ["/repo/*", "/repo/theme/*"]


@pytest.mark.parametrize("host", ["Netlify", "Cloudflare Pages"])
def test_a_host_that_serves_only_the_root_of_a_domain_refuses_a_site_below_it(host):
    build = SimpleNamespace(settings={"ROOT_ONLY_HOST": host, "SITEURL": "https://clinic.pages.dev/clinic"})
    with pytest.raises(SubPathOnARootHost) as refusal:
        refuse_a_sub_path_on_a_root_host(build)
    assert str(refusal.value) == (
        'publishconf.py: SITEURL: "https://clinic.pages.dev/clinic" is below the root of its domain, '
        f"but {host} serves a site at the root of its domain (its _headers and _redirects too). "
        "Fix: set SITEURL without the path, e.g. https://clinic.pages.dev, or to the clinic's own domain."
    )


@pytest.mark.parametrize(
    "settings",
    [{"ROOT_ONLY_HOST": "Netlify", "SITEURL": "https://clinic.netlify.app/"},
     {"ROOT_ONLY_HOST": None, "SITEURL": "https://user.github.io/clinic"}],
)
def test_a_site_at_the_root_or_on_another_host_is_built(settings):
    refuse_a_sub_path_on_a_root_host(SimpleNamespace(settings=settings))


@pytest.mark.parametrize(
    "moved",
    [
        {'/a";return 302 /x;#': "/b/"},
        {"/a": "/b/; include /etc/passwd"},
        {"/a": "https://elsewhere.example/"},
        {"/a%20b": "/b/"},
        {"/a\n}": "/b/"},
    ],
)
def test_nothing_but_safe_site_paths_reaches_the_host_files(moved):
    with pytest.raises(ValueError):
        nginx_redirect_map(moved)
    with pytest.raises(ValueError):
        netlify_redirects(POLICY, moved)


def test_the_server_block_includes_the_published_map_of_old_addresses():
    block = nginx_server_block(SETTINGS)
    moved_to = host_variable("clinic.example", "moved_to")
    assert 'include "/srv/clinic/_redirects.ma[p]";' in block
    assert f"if ({moved_to}) {{" in block
    assert f"return 301 {moved_to};" in block


def test_the_nginx_server_block_carries_the_same_policy():
    block = nginx_server_block(SETTINGS)
    for name, value in response_headers(POLICY).items():
        assert f'add_header {name} "{value}" always;' in block
    assert 'default "public, max-age=300";' in block
    assert '"~^/theme/" "public, max-age=31536000, immutable";' in block
    assert "return 301 /feeds/all.atom.xml;" in block
    assert "error_page 404 /404.html;" in block
    assert "server_name clinic.example;" in block
    assert 'root "/srv/clinic";' in block


def test_the_nginx_server_block_can_listen_and_serve_elsewhere():
    block = nginx_server_block(SETTINGS, listen="127.0.0.1:8123", root="/tmp/site")
    assert "listen 127.0.0.1:8123;" in block
    assert 'root "/tmp/site";' in block


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("SITEURL", "https://x.example;return 200 injected"),
        ("SITEURL", 'https://x.example"'),
        ("DEPLOY_PATH", "/srv/clinic;\n}\nserver { return 200 injected; }"),
        ("DEPLOY_PATH", "srv/clinic"),
    ],
)
def test_a_value_that_could_end_an_nginx_directive_is_refused(setting, value):
    with pytest.raises(UnsafeHostValue, match=f"publishconf.py: {setting}: "):
        nginx_server_block({**SETTINGS, setting: value})


def test_the_clinics_name_never_reaches_the_nginx_configuration():
    named = {**SETTINGS, "SITENAME": "Clinic\n}\nserver { return 200 injected; }"}
    assert nginx_server_block(named) == nginx_server_block(SETTINGS)


def test_the_nginx_root_is_quoted():
    assert '    root "/srv/clinic";' in nginx_server_block(SETTINGS).splitlines()


@pytest.mark.parametrize(
    ("host", "path"),
    [("deploy@x.example$(id>pwned.txt)", "/srv/clinic"), ("-oProxyCommand=id", "/srv/clinic"),
     ("deploy@clinic.example", "/srv/clinic $(id)"), ("", "--rsh=id")],
)
def test_a_deploy_destination_that_is_not_a_login_and_a_path_is_refused(host, path):
    with pytest.raises(UnsafeHostValue):
        deploy_destination({"DEPLOY_HOST": host, "DEPLOY_PATH": path})


def test_the_deploy_destination_is_login_colon_folder():
    assert deploy_destination({"DEPLOY_HOST": "deploy@clinic.example", "DEPLOY_PATH": "/srv/c"}) == (
        "deploy@clinic.example:/srv/c/"
    )
    assert deploy_destination({"DEPLOY_HOST": "", "DEPLOY_PATH": "/srv/c/"}) == "/srv/c/"


PICTURES = {"path": "/photos/", "content_security_policy": {"default-src": ["'none'"], "sandbox": []}}


def test_pictures_get_a_policy_of_their_own_that_runs_nothing():
    policy = {**POLICY, "pictures": PICTURES}
    rules = header_rules(netlify_headers(policy))
    assert rules["/photos/*"] == {
        "! Content-Security-Policy": None,
        "Content-Security-Policy": "default-src 'none'; sandbox",
    }
    block = nginx_server_block({**SETTINGS, "HOST_POLICY": policy})
    location = block.split("    location /photos/ {\n")[1].split("    }\n")[0]
    assert "add_header Content-Security-Policy \"default-src 'none'; sandbox\" always;" in location
    assert 'add_header X-Content-Type-Options "nosniff" always;' in location
