"""About, Contact, author and 404 pages show the clinic's facts from clinic.toml, never retyped."""


import pytest
from support.pages import page_at, parse_html
from support.project import CLINIC


@pytest.fixture(scope="module")
def contact(preview_site):
    return page_at(preview_site, "contact/")


def test_about_and_contact_are_in_the_main_navigation(preview_site):
    nav = page_at(preview_site, "").css_first("nav.site-nav")
    hrefs = [a.attributes["href"] for a in nav.css("a")]
    assert "./about/" in hrefs and "./contact/" in hrefs


def test_the_about_page_ends_with_the_call_to_action(preview_site):
    about = page_at(preview_site, "about/")
    assert about.css_first("h1").text(strip=True) == "About us"
    assert about.css_first('.cta a[href^="tel:"]').attributes["href"] == "tel:" + CLINIC["phone_e164"]


def test_the_contact_page_gives_phone_email_booking_and_address_with_a_map(contact):
    details = contact.css_first(".contact-details")
    hrefs = {a.attributes["href"] for a in details.css("a")}
    assert {
        "tel:" + CLINIC["phone_e164"],
        "mailto:" + CLINIC["email"],
        CLINIC["booking_url"],
        CLINIC["address"]["map_url"],
    } <= hrefs
    address = details.css_first("address").text(separator=" ", strip=True)
    for part in ("street", "locality", "region", "postal_code"):
        assert CLINIC["address"][part] in address


def test_the_contact_page_lists_the_opening_hours(contact):
    hours = contact.css_first(".contact-details .opening-hours")
    assert [dt.text(strip=True) for dt in hours.css("dt")] == [h["days"] for h in CLINIC["hours"]]
    times = [t.text(strip=True) for t in hours.css("time")]
    assert times == [time for h in CLINIC["hours"] for time in (h["opens"], h["closes"])]


def test_an_author_page_shows_the_authors_bio(preview_site):
    author = page_at(preview_site, "author/holistic-oriental-medicine/")
    bio = CLINIC["authors"]["Holistic Oriental Medicine"]["bio"]
    assert author.css_first(".author-bio").text(strip=True) == bio


def test_the_404_page_offers_search_archives_and_latest_articles(preview_site):
    page = parse_html(preview_site / "404.html")
    hrefs = [a.attributes["href"] for a in page.css(".next-steps a")]
    # From the root of the site: the 404 page is served at any address that has no page.
    assert hrefs == ["/search/", "/archives/", "/"]
    latest = page.css(".archive-list a")
    assert latest and latest[0].attributes["href"].startswith("/unlocking-the-healing-power")
