"""An article's old addresses each get a page that sends readers on, and reach the host files;
the sitemap lists only the new addresses."""

from pathlib import Path

import pytest
from support.pages import page_at
from support.plugin_builds import build

from holistic_oriental_medicine.hosting.host_config import REDIRECT_MAP

# An article with three old addresses (redirect_from), in YAML front matter (validate_content
# reads it); host_config writes the addresses into the host files and each page's policy.
MOVED_ARTICLE_CONTENT = Path(__file__).with_name("test_data") / "moved_article"
PLUGINS = ["validate_content", "redirects", "holistic_oriental_medicine.hosting.host_config"]


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    return build(MOVED_ARTICLE_CONTENT, tmp_path_factory.mktemp("published") / "site", PLUGINS, production=True)


def test_each_old_address_has_a_page_that_sends_readers_to_the_article(published_site):
    new_address = "https://www.holisticorientalmedicine.example/cafe-for-the-back/"
    for page in (
        "post/café-for-the-back/",
        "single-post/2019/05/01/Café-For-The-Back/",
        "blog/old-page.html",
    ):
        html = page_at(published_site, page)
        assert html.css_first('meta[http-equiv="refresh"]').attributes["content"] == f"0; url={new_address}"
        assert html.css_first('link[rel="canonical"]').attributes["href"] == new_address
        assert html.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert html.css_first("body a").attributes["href"] == new_address
        assert html.css_first("body a").text() == "Café for the Back"
        assert html.css_first('meta[http-equiv="Content-Security-Policy"]') is not None
        assert html.css("script, style, link[rel=stylesheet]") == []


def test_the_host_files_redirect_every_old_address_and_the_sitemap_lists_only_the_new(published_site):
    redirects = (published_site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/post/caf%C3%A9-for-the-back /cafe-for-the-back/ 301" in redirects
    assert "/single-post/2019/05/01/Caf%C3%A9-For-The-Back /cafe-for-the-back/ 301" in redirects
    assert "/blog/old-page.html /cafe-for-the-back/ 301" in redirects
    nginx_map = (published_site / REDIRECT_MAP).read_text(encoding="utf-8").splitlines()
    assert '"/post/café-for-the-back" "/cafe-for-the-back/";' in nginx_map
    sitemap = (published_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cafe-for-the-back/</loc>" in sitemap
    assert "post/" not in sitemap and "old-page" not in sitemap


def test_the_preview_links_relatively_from_the_old_address(tmp_path):
    site = build(MOVED_ARTICLE_CONTENT, tmp_path / "site", PLUGINS)
    html = page_at(site, "post/café-for-the-back/")
    assert html.css_first("body a").attributes["href"] == "../../cafe-for-the-back/"
