"""Behind a real nginx with the repository's server block, the published site is served whole,
compressed, with every security and cache header, and our page for a missing address."""

import subprocess
from urllib.parse import urlsplit

import pytest
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser
from support.pages import address_of, published_files
from support.project import PROJECT_ROOT
from support.servers import fetch

from holistic_oriental_medicine.hosting.host_config import nginx_server_block, response_headers
from holistic_oriental_medicine.hosting.nginx_server import nginx_command

POLICY = read_settings(str(PROJECT_ROOT / "publishconf.py"))["HOST_POLICY"]
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".xml": "text/xml; charset=utf-8",
    ".js": "application/javascript; charset=utf-8",
    ".json": "application/json",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    # The CMS's configuration (admin/config.yml).
    ".yml": "text/yaml",
    # The search index: compressed binary files that Pagefind's script fetches and unpacks.
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pagefind": "application/octet-stream",
}
def test_every_published_file_answers_200_with_its_content_type(served_site):
    address, site = served_site
    files = published_files(site)
    assert {path.suffix for path in files} >= {".html", ".css", ".xml", ".png", ".ico"}
    for path in files:
        status, headers, body = fetch(address, address_of(site, path))
        assert status == 200, path
        assert headers["Content-Type"] == CONTENT_TYPES[path.suffix], path
        assert body == path.read_bytes(), path


def test_a_missing_address_answers_404_with_our_page(served_site):
    address, _ = served_site
    status, headers, body = fetch(address, "/no-such-article/")
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert LexborHTMLParser(body.decode()).css_first("h1").text(strip=True) == "Page not found"


@pytest.mark.parametrize("encoding, suffix", [("gzip", ".gz"), ("br", ".br")])
def test_compressed_copies_are_sent_as_they_are(served_site, encoding, suffix):
    address, site = served_site
    stylesheet = next((site / "theme").rglob("*.css"))
    for path in [site / "index.html", stylesheet, site / "feeds/all.atom.xml"]:
        status, headers, body = fetch(address, address_of(site, path), **{"Accept-Encoding": encoding})
        assert status == 200
        assert headers["Content-Encoding"] == encoding, path
        assert headers["Vary"] == "Accept-Encoding", path
        assert body == path.with_name(path.name + suffix).read_bytes(), path


def test_a_client_without_compression_gets_the_plain_file(served_site):
    address, site = served_site
    status, headers, body = fetch(address, "/", **{"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in headers
    assert body == (site / "index.html").read_bytes()


@pytest.mark.parametrize("path", ["/", "/archives/", "/feeds/all.atom.xml", "/no-such-page/"])
def test_every_response_carries_the_security_headers(served_site, path):
    address, _ = served_site
    _, headers, _ = fetch(address, path)
    for name, value in response_headers(POLICY).items():
        assert headers[name] == value, name


def test_pages_are_cached_briefly_and_content_named_files_for_a_year(served_site):
    address, site = served_site
    assert fetch(address, "/")[1]["Cache-Control"] == POLICY["cache_control"]["/"]
    checked = []
    longer_lived = {prefix: value for prefix, value in POLICY["cache_control"].items() if prefix != "/"}
    for prefix, cache_control in longer_lived.items():
        files = [p for p in sorted(site.glob(prefix.strip("/") + "/**/*")) if p.is_file()]
        for path in files[:1]:
            assert fetch(address, address_of(site, path))[1]["Cache-Control"] == cache_control, path
            checked.append(prefix)
    assert {"/theme/", "/pagefind/fragment/", "/pagefind/index/"} <= set(checked)


def test_feed_addresses_redirect_to_the_feeds(served_site):
    address, _ = served_site
    for source, target in POLICY["redirects"].items():
        status, headers, _ = fetch(address, source)
        assert status == 301
        assert urlsplit(headers["Location"]).path == target


def test_configuration_for_other_hosts_is_not_served(served_site):
    address, site = served_site
    assert (site / "_headers").is_file()
    assert fetch(address, "/_headers")[0] == 404
    assert fetch(address, "/_redirects")[0] == 404


def test_nginx_loads_the_configuration_whatever_the_clinics_name(tmp_path):
    settings = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    settings["SITENAME"] = "Clínica de Acupuntura Ñandú 東洋医学 " * 8
    server_block = nginx_server_block(settings, listen="127.0.0.1:9", root=str(tmp_path))
    result = subprocess.run(nginx_command(server_block, tmp_path, "-t"), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_picture_opened_on_its_own_gets_a_policy_that_runs_nothing(served_site):
    address, site = served_site
    picture = site / "photos/points.svg"
    picture.parent.mkdir(exist_ok=True)
    picture.write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>', encoding="utf-8")
    status, headers, _ = fetch(address, "/photos/points.svg")
    assert status == 200
    assert headers["Content-Security-Policy"] == "default-src 'none'; img-src data:; style-src 'unsafe-inline'; sandbox"
    assert headers["X-Content-Type-Options"] == "nosniff"
