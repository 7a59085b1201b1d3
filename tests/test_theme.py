"""Every page of the theme is readable without JavaScript, has landmarks and a skip link."""

import pytest
from support.builds import SUBPATH_SITEURL
from support.pages import PAGE_TYPES, page_at, parse_html
from support.project import PROJECT_ROOT

TEMPLATES = PROJECT_ROOT / "theme/templates"


def test_every_page_type_has_a_template_of_our_own():
    templates = ["base", "article", "page", "contact", "index", "archives", "tags", "tag",
                 "categories", "category", "authors", "author", "search", "404"]
    for name in templates:
        assert (TEMPLATES / f"{name}.html").is_file(), name


def test_the_404_page_is_built(preview_site):
    page = parse_html(preview_site / "404.html")
    assert page.css_first("h1").text(strip=True) == "Page not found"


@pytest.mark.parametrize("url", PAGE_TYPES.values(), ids=PAGE_TYPES.keys())
def test_each_page_has_language_landmarks_one_h1_and_a_skip_link_first(preview_site, url):
    page = page_at(preview_site, url)
    assert page.css_first("html").attributes["lang"] == "en"
    for landmark in ("header", "nav", "main", "footer"):
        assert page.css_first(landmark) is not None, landmark
    assert len(page.css("h1")) == 1
    first_link = page.css_first("body a")
    assert first_link.attributes["href"] == "#main"
    assert page.css_first("main").attributes["id"] == "main"


def test_only_the_search_page_runs_javascript_and_no_page_loads_web_fonts(html_pages, preview_site):
    search_page = preview_site / "search/index.html"
    for path in html_pages:
        page = parse_html(path)
        # JSON-LD blocks are data for search engines, not code.
        code = [s for s in page.css("script") if s.attributes.get("type") != "application/ld+json"]
        if path == search_page:
            assert [s.attributes["src"].rsplit("/", 1)[-1] for s in code] == [
                "pagefind-ui.js",
                "search.js",
            ]
        else:
            assert code == [], path
        assert [s for s in code if not s.attributes.get("src")] == [], "inline script"
        assert not [link for link in page.css("link") if "font" in link.attributes.get("href", "")]
    for stylesheet in preview_site.rglob("*.css"):
        assert "@font-face" not in stylesheet.read_text(encoding="utf-8")


def test_every_page_offers_the_clinic_phone(html_pages):
    for path in html_pages:
        assert parse_html(path).css_first('header a[href^="tel:"]') is not None, path


def test_production_links_are_absolute_under_siteurl(subpath_site):
    home = page_at(subpath_site, "")
    stylesheet = home.css_first('link[rel="stylesheet"]').attributes["href"]
    assert stylesheet.startswith(SUBPATH_SITEURL + "/theme/")
