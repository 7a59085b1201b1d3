"""clinic_links: {tel} and {booking} link targets become the clinic's phone and booking page."""

from conftest import build_site, page_at


def test_placeholders_become_clinic_links(tmp_path):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    (articles / "links.md").write_text(
        "Title: Links\nDate: 2025-01-01\n\n[Call]({tel}) or [book]({booking}).\n", encoding="utf-8"
    )
    site = build_site(
        tmp_path / "output",
        PATH=str(tmp_path / "content"),
        CLINIC_LINKS={"tel": "tel:+15035550100", "booking": "https://example.com/book?a=1&b=2"},
    )
    links = page_at(site, "links/").css(".prose a")
    assert [a.attributes["href"] for a in links] == [
        "tel:+15035550100",
        "https://example.com/book?a=1&b=2",
    ]
