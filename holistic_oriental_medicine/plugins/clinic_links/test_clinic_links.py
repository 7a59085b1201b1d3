"""clinic_links: {tel} and {booking} link targets become the clinic's phone and booking page."""

from pathlib import Path

from support.pages import page_at
from support.plugin_builds import build

TEST_DATA = Path(__file__).with_name("test_data")


def test_placeholders_become_clinic_links(tmp_path):
    site = build(
        TEST_DATA,
        tmp_path / "output",
        ["clinic_links"],
        CLINIC_LINKS={"tel": "tel:+15035550100", "booking": "https://example.com/book?a=1&b=2"},
    )
    links = page_at(site, "links/").css(".prose a")
    assert [a.attributes["href"] for a in links] == [
        "tel:+15035550100",
        "https://example.com/book?a=1&b=2",
    ]
