"""The Nu HTML Checker (vnu, run with Java) finds no error on any generated page."""

from support.pages import nu_html_errors


def test_every_preview_and_published_page_is_valid_html(html_pages, served_site):
    _, site = served_site
    published = sorted(site.rglob("*.html"))
    assert len(published) >= len(html_pages) > 10
    assert nu_html_errors([*html_pages, *published]) == []


def test_the_checker_reports_an_invalid_page(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>", encoding="utf-8")
    errors = nu_html_errors([page])
    assert any("Stray end tag “span”" in error for error in errors)
    assert all(error.startswith(f"file:{page}:1: ") for error in errors)
