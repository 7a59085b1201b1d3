"""An article's old addresses each get a page that sends readers on, and reach the host files;
the sitemap lists only the new addresses."""

from conftest import MOVED_ARTICLE_CONTENT, build_site, parse_html, publish_content

from holistic_oriental_medicine.hosting.host_config import REDIRECT_MAP


def test_each_old_address_has_a_page_that_sends_readers_to_the_article(tmp_path):
    site = publish_content(MOVED_ARTICLE_CONTENT, tmp_path / "site")
    new_address = "https://www.holisticorientalmedicine.example/cafe-for-the-back/"
    for page in (
        "post/café-for-the-back/index.html",
        "single-post/2019/05/01/Café-For-The-Back/index.html",
        "blog/old-page.html",
    ):
        html = parse_html(site / page)
        assert html.css_first('meta[http-equiv="refresh"]').attributes["content"] == f"0; url={new_address}"
        assert html.css_first('link[rel="canonical"]').attributes["href"] == new_address
        assert html.css_first('meta[name="robots"]').attributes["content"] == "noindex"
        assert html.css_first("body a").attributes["href"] == new_address
        assert html.css_first("body a").text() == "Café for the Back"
        assert html.css_first('meta[http-equiv="Content-Security-Policy"]') is not None
        assert html.css("script, style, link[rel=stylesheet]") == []


def test_the_host_files_redirect_every_old_address_and_the_sitemap_lists_only_the_new(tmp_path):
    site = publish_content(MOVED_ARTICLE_CONTENT, tmp_path / "site")
    redirects = (site / "_redirects").read_text(encoding="utf-8").splitlines()
    assert "/post/caf%C3%A9-for-the-back /cafe-for-the-back/ 301" in redirects
    assert "/single-post/2019/05/01/Caf%C3%A9-For-The-Back /cafe-for-the-back/ 301" in redirects
    assert "/blog/old-page.html /cafe-for-the-back/ 301" in redirects
    nginx_map = (site / REDIRECT_MAP).read_text(encoding="utf-8").splitlines()
    assert '"/post/café-for-the-back" "/cafe-for-the-back/";' in nginx_map
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/cafe-for-the-back/</loc>" in sitemap
    assert "post/" not in sitemap and "old-page" not in sitemap


def test_the_preview_links_relatively_from_the_old_address(tmp_path):
    content = MOVED_ARTICLE_CONTENT
    site = build_site(tmp_path / "site", PATH=str(content))
    html = parse_html(site / "post/café-for-the-back/index.html")
    assert html.css_first("body a").attributes["href"] == "../../cafe-for-the-back/"
