"""The 404 page is served in place of any missing address, at any depth: in the preview too, it
keeps the site's style and its links work (a draft taken out of draft leaves its tab there)."""

from urllib.parse import urljoin, urlsplit

from support.pages import parse_html

DEEP_MISSING_ADDRESS = "http://127.0.0.1:8000/drafts/acupuncture-for-stress/"


def test_the_preview_s_404_page_is_styled_and_linked_at_any_depth(preview_site):
    page = parse_html(preview_site / "404.html")
    stylesheets = [link.attributes["href"] for link in page.css('link[rel="stylesheet"]')]
    assert stylesheets
    for node in [*page.css("link[href]"), *page.css("a[href]"), *page.css("script[src]")]:
        reference = node.attributes.get("href") or node.attributes.get("src")
        if reference.startswith(("data:", "tel:", "mailto:", "https://", "#")):
            continue
        path = urlsplit(urljoin(DEEP_MISSING_ADDRESS, reference)).path
        target = preview_site / path.lstrip("/")
        assert target.is_file() or (target / "index.html").is_file(), (reference, path)
