"""The production build is compressed, cache-busted and carries its host configuration."""

import gzip
import hashlib
from urllib.parse import urlsplit

import brotli
from pelican.settings import read_settings
from support.pages import REFERENCES, SEED_ARTICLE_URL, SEED_ARTICLE_WIX_ADDRESS, local_target, parse_html
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.hosting.host_config import (
    content_security_policy,
    netlify_headers,
    netlify_redirects,
)
from holistic_oriental_medicine.plugins.asset_hash import DIGEST_LENGTH

SETTINGS = read_settings(str(PROJECT_ROOT / "publishconf.py"))
POLICY = SETTINGS["HOST_POLICY"]
TEXT_EXTENSIONS = SETTINGS["PRECOMPRESS_TEXT_EXTENSIONS"]
# Below this size compression gains nothing and pelican-precompress leaves a file alone.
SMALLEST_COMPRESSED = 200


def text_files(site):
    return [path for path in site.rglob("*") if path.suffix in TEXT_EXTENSIONS]


def test_every_text_file_has_brotli_and_gzip_copies_of_itself(published_site):
    files = [path for path in text_files(published_site) if path.stat().st_size >= SMALLEST_COMPRESSED]
    assert any(path.suffix == ".html" for path in files) and any(path.suffix == ".css" for path in files)
    for path in files:
        original = path.read_bytes()
        assert brotli.decompress(path.with_name(path.name + ".br").read_bytes()) == original, path
        assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == original, path


def test_compressed_copies_carry_no_time_or_file_name(published_site):
    for gzipped in published_site.rglob("*.gz"):
        header = gzipped.read_bytes()[:10]
        flags, modification_time = header[3], header[4:8]
        assert flags & 0x08 == 0, f"{gzipped} stores a file name"
        assert modification_time == b"\0\0\0\0", f"{gzipped} stores a time"


def test_theme_files_are_named_by_their_content(published_site):
    theme_files = [p for p in (published_site / "theme").rglob("*") if p.suffix in {".css", ".svg", ".js"}]
    assert theme_files
    for path in theme_files:
        digest = path.name.split(".")[-2]
        assert digest == hashlib.sha256(path.read_bytes()).hexdigest()[:DIGEST_LENGTH], path


def test_every_page_links_the_hashed_stylesheet(published_site, published_pages):
    for page in published_pages:
        href = parse_html(page).css_first('link[rel="stylesheet"]').attributes["href"]
        assert (published_site / urlsplit(href).path.lstrip("/")).is_file(), (page, href)


def test_every_local_reference_in_production_points_at_a_file_that_exists(published_site, published_pages):
    site_url = SETTINGS["SITEURL"] + "/"
    missing = []
    for page in published_pages:
        tree = parse_html(page)
        for tag, attribute in REFERENCES.items():
            for node in tree.css(f"{tag}[{attribute}]"):
                reference = node.attributes[attribute]
                if reference.startswith(site_url):
                    reference = "/" + reference[len(site_url):]
                target = local_target(page, reference, published_site)
                if target is not None and not target.is_file():
                    missing.append(f"{page.relative_to(published_site)}: {node.attributes[attribute]}")
    assert missing == []


def test_every_page_carries_the_policy_in_a_meta_tag_before_any_resource(published_pages):
    expected = content_security_policy(POLICY, for_meta=True)
    for page in published_pages:
        head = parse_html(page).css_first("head")
        meta = head.css_first('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None and meta.attributes["content"] == expected, page
        children = [(node.tag, node.attributes.get("http-equiv")) for node in head.iter()]
        policy_position = children.index(("meta", "Content-Security-Policy"))
        first_resource = min(i for i, (tag, _) in enumerate(children) if tag in {"link", "script", "style"})
        assert policy_position < first_resource, page


def test_no_page_runs_inline_script_or_style(published_pages):
    executable = {None, "", "module", "text/javascript", "application/javascript"}
    for page in published_pages:
        tree = parse_html(page)
        inline_scripts = [
            node for node in tree.css("script:not([src])") if node.attributes.get("type") in executable
        ]
        assert inline_scripts == [], page
        assert tree.css("style, [style]") == [], page
        assert not [node for node in tree.css("*") if any(a.startswith("on") for a in node.attributes)]


def test_host_files_are_written_from_the_policy(published_site):
    assert (published_site / "_headers").read_text(encoding="utf-8") == netlify_headers(POLICY)
    moved = {SEED_ARTICLE_WIX_ADDRESS: "/" + SEED_ARTICLE_URL}
    assert (published_site / "_redirects").read_text(encoding="utf-8") == netlify_redirects(POLICY, moved)


def test_redirects_point_at_files_that_exist(published_site):
    for target in POLICY["redirects"].values():
        assert (published_site / target.lstrip("/")).is_file(), target


def test_the_not_found_page_is_at_the_root_for_every_host(published_site):
    assert (published_site / POLICY["not_found"]).is_file()
