"""Atom and RSS feeds: valid, complete, absolute, dated by `modified`, and linked from pages."""

from email.utils import parsedate_to_datetime

import pytest
from lxml import etree
from support.pages import SEED_ARTICLE_URL, page_at
from support.project import PROJECT_ROOT

ATOM = "{http://www.w3.org/2005/Atom}"
SITEURL = "https://www.holisticorientalmedicine.example"
ATOM_SCHEMA = etree.RelaxNG(etree.parse(str(PROJECT_ROOT / "tests/schemas/atom.rng")))
ATOM_FEEDS = [
    "feeds/all.atom.xml",
    "feeds/category/pain-relief.atom.xml",
    "feeds/tag/acupuncture.atom.xml",
    "feeds/tag/back-pain.atom.xml",
    "feeds/tag/traditional-chinese-medicine.atom.xml",
]


def heading_texts(html, tag):
    return ["".join(heading.itertext()).strip() for heading in html.iter(tag)]


def parse_xml(path):
    return etree.parse(str(path))


@pytest.mark.parametrize("feed", ATOM_FEEDS)
def test_each_atom_feed_is_valid_rfc_4287(published_site, feed):
    document = parse_xml(published_site / feed)
    assert ATOM_SCHEMA.validate(document), ATOM_SCHEMA.error_log
    # Rules of RFC 4287 that its RELAX NG schema cannot express.
    for entry in document.getroot().iter(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}author/{ATOM}name") is not None
        assert entry.find(f"{ATOM}link[@rel='alternate']") is not None


def test_the_atom_schema_rejects_a_feed_without_id_or_updated():
    broken = etree.fromstring(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Clinic</title></feed>'
    )
    assert not ATOM_SCHEMA.validate(broken)


def test_the_atom_feed_carries_the_whole_article_with_absolute_links_and_modified_date(
    published_site,
):
    feed = parse_xml(published_site / "feeds/all.atom.xml").getroot()
    entry = feed.find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"{SITEURL}/{SEED_ARTICLE_URL}"
    assert entry.find(f"{ATOM}published").text.startswith("2025-02-16")
    assert entry.find(f"{ATOM}updated").text.startswith("2025-03-31")
    assert feed.find(f"{ATOM}updated").text.startswith("2025-03-31")
    content = etree.HTML(entry.find(f"{ATOM}content").text)
    assert "BL23 (Kidney Shu)" in "".join(content.itertext())
    assert heading_texts(content, "h2")[-1] == "Embracing the Healing Journey"
    for link in feed.iter(f"{ATOM}link"):
        assert link.get("href").startswith(SITEURL + "/")


def test_the_rss_feed_has_the_rss_2_structure_and_full_content(published_site):
    rss = parse_xml(published_site / "feeds/all.rss.xml").getroot()
    assert rss.tag == "rss" and rss.get("version") == "2.0"
    (channel,) = rss.findall("channel")
    for required in ("title", "link", "description"):
        assert channel.findtext(required).strip(), required
    assert channel.findtext("link").startswith(SITEURL)
    items = channel.findall("item")
    assert len(items) == 1
    item = items[0]
    assert item.findtext("link") == f"{SITEURL}/{SEED_ARTICLE_URL}"
    assert item.findtext("guid").strip()
    assert parsedate_to_datetime(item.findtext("pubDate")).date().isoformat() == "2025-02-16"
    body = etree.HTML(item.findtext("description"))
    assert "Reducing Inflammation" in heading_texts(body, "h3")


def test_every_page_links_the_site_feeds_and_its_own_category_or_tag_feed(published_site):
    def feeds(url):
        return {
            link.attributes["href"]
            for link in page_at(published_site, url).css('link[rel="alternate"]')
        }

    site_feeds = {f"{SITEURL}/feeds/all.atom.xml", f"{SITEURL}/feeds/all.rss.xml"}
    assert feeds("") == site_feeds
    assert feeds("category/pain-relief/") == site_feeds | {
        f"{SITEURL}/feeds/category/pain-relief.atom.xml"
    }
    assert feeds("tag/back-pain/") == site_feeds | {f"{SITEURL}/feeds/tag/back-pain.atom.xml"}
    for href in feeds(SEED_ARTICLE_URL):
        assert (published_site / href.removeprefix(SITEURL + "/")).is_file(), href


def test_feed_links_name_their_type(published_site):
    home = page_at(published_site, "")
    types = {link.attributes["type"] for link in home.css('link[rel="alternate"]')}
    assert types == {"application/atom+xml", "application/rss+xml"}
