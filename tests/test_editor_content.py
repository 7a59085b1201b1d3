"""What editors write is published as they meant it: both front-matter styles, text shown as
typed everywhere (page, attributes, feeds, structured data), readable addresses for any title,
one tag whatever its capitals, and drafts and scheduled articles kept out of the public site
but shown, marked, in the preview."""

from datetime import datetime, timedelta
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pytest
from lxml import etree
from selectolax.lexbor import LexborHTMLParser
from support.builds import build_site, publish_content
from support.pages import json_ld, page_at
from support.project import CLINIC

ATOM = "{http://www.w3.org/2005/Atom}"

TITLE = """Needles & <Pins>: "Quoted" and 'single'"""
AUTHOR = "O'Brien & <Sons>"
TAG = "R&D <b>"
SUMMARY = """Less <than> & "more" <script>alert(1)</script>"""
CJK_TITLE = "针灸与睡眠 🌙 Sleep"
# Words that appear only in drafts and scheduled articles: none may reach the public site.
UNPUBLISHED_WORDS = [
    "Zebra", "Quagga", "draftonlytag", "scheduledtag", "Draftcategory", "Futurecategory",
    "Draft Author", "Future Author", "later-today",
]


def clinic_time(delta):
    """The clinic's local time `delta` from now, as an editor writes it."""
    return (datetime.now(ZoneInfo(CLINIC["timezone"])) + delta).strftime("%Y-%m-%d %H:%M")


ARTICLES = {
    "typed.md": f"""Title: {TITLE}
Slug: needles-and-pins
Date: 2025-01-02
Author: {AUTHOR}
Tags: {TAG}, Back Pain
Summary: {SUMMARY}

Plain words.
""",
    "yaml-style.md": """---
title: Written in YAML
date: 2025-01-03
category: Wellness
tags: [back pain, Stress, Back Pain]
read_time: 4
---

Words in a YAML article.
""",
    "cjk.md": f"""Title: {CJK_TITLE}
Date: 2025-01-04

Sleep better.
""",
    "draft.md": """Title: Unfinished Zebra
Date: 2025-01-05
Status: draft
Author: Draft Author
Category: Draftcategory
Tags: draftonlytag

Not ready.
""",
    "scheduled.md": """Title: Scheduled Quagga
Date: 2099-01-01
Author: Future Author
Category: Futurecategory
Tags: scheduledtag

Not yet.
""",
    # Two hours ahead in the clinic's time zone: still scheduled, whatever the machine's zone.
    "later-today.md": f"""Title: Later Today
Slug: later-today
Date: {clinic_time(timedelta(hours=2))}

Soon.
""",
    # An hour ago in the clinic's time zone: published.
    "earlier-today.md": f"""Title: Earlier Today
Slug: earlier-today
Date: {clinic_time(timedelta(hours=-1))}

Just out.
""",
}
# As Windows editors save: a UTF-8 byte-order mark and CRLF (or old Mac CR) line ends.
SAVED_ON_WINDOWS = {
    "yaml-crlf.md": "\ufeff---\r\ntitle: Saved with CRLF\r\ndate: 2025-01-06\r\n"
    "tags: C++, Sleep Hygiene\r\n---\r\n\r\nWords.\r\n",
    "header-cr.md": "\ufeffTitle: Saved with CR\rDate: 2025-01-07\r\rWords.\r",
}


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    root = tmp_path_factory.mktemp("editor-content")
    (root / "articles").mkdir()
    for name, text in ARTICLES.items():
        (root / "articles" / name).write_text(text, encoding="utf-8")
    for name, text in SAVED_ON_WINDOWS.items():
        (root / "articles" / name).write_bytes(text.encode("utf-8"))
    return root


@pytest.fixture(scope="module")
def preview(content, tmp_path_factory):
    return build_site(tmp_path_factory.mktemp("editor-preview"), PATH=str(content))


@pytest.fixture(scope="module")
def published(content, tmp_path_factory):
    return publish_content(content, tmp_path_factory.mktemp("editor-published"))


def atom_entries(site):
    feed = etree.parse(str(site / "feeds/all.atom.xml")).getroot()
    return {entry.findtext(f"{ATOM}title"): entry for entry in feed.iter(f"{ATOM}entry")}


def test_yaml_and_key_value_front_matter_both_publish_with_their_fields(preview):
    yaml_article = page_at(preview, "written-in-yaml/")
    assert yaml_article.css_first("h1").text(strip=True) == "Written in YAML"
    assert "4 min read" in yaml_article.css_first(".article-meta").text()
    assert yaml_article.css_first(".article-footer a").text(strip=True) == "Wellness"
    key_value_article = page_at(preview, "needles-and-pins/")
    assert key_value_article.css_first("time").attributes["datetime"].startswith("2025-01-02")


@pytest.mark.parametrize(("url", "title"), [("saved-with-crlf/", "Saved with CRLF"), ("saved-with-cr/", "Saved with CR")])
def test_a_file_with_a_byte_order_mark_and_windows_line_ends_publishes_as_written(preview, url, title):
    page = page_at(preview, url)
    assert page.css_first("h1").text(strip=True) == title
    assert page.css_first(".prose p").text(strip=True) == "Words."


def test_yaml_tags_written_with_commas_are_separate_tags(preview):
    tags = [a.text(strip=True) for a in page_at(preview, "saved-with-crlf/").css("a[rel=tag]")]
    assert tags == ["C++", "Sleep Hygiene"]


def test_title_author_tags_and_summary_show_as_typed_on_the_page(preview):
    page = page_at(preview, "needles-and-pins/")
    assert page.css_first("h1").text(strip=True) == TITLE
    assert page.css_first("title").text().startswith(TITLE)
    assert page.css_first("a[rel=author]").text(strip=True) == AUTHOR
    assert TAG in [a.text(strip=True) for a in page.css("a[rel=tag]")]
    assert page.css_first('meta[name="description"]').attributes["content"] == SUMMARY
    assert page.css_first('meta[property="og:title"]').attributes["content"] == TITLE
    assert page.css("main script, main b, head script:not([type])") == []


def test_the_home_page_card_shows_title_and_summary_as_typed(preview):
    home = page_at(preview, "")
    card = next(c for c in home.css(".card") if c.css_first(".card__title").text(strip=True) == TITLE)
    assert card.css_first(".card__summary").text(strip=True) == SUMMARY
    assert card.css("script, b") == []


def test_the_tag_and_author_pages_name_them_as_typed(preview):
    article = page_at(preview, "needles-and-pins/")
    tag_url = next(a for a in article.css("a[rel=tag]") if a.text(strip=True) == TAG).attributes["href"]
    tag_page = page_at(preview, tag_url.removeprefix("../"))
    assert tag_page.css_first("h1").text(strip=True) == f"Articles tagged “{TAG}”"
    author_url = article.css_first("a[rel=author]").attributes["href"]
    assert page_at(preview, author_url.removeprefix("../")).css_first("h1").text(strip=True) == f"Articles by {AUTHOR}"


def test_feeds_carry_title_author_tags_and_summary_as_typed(published):
    entry = atom_entries(published)[TITLE]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == AUTHOR
    assert TAG in [category.get("term") for category in entry.iter(f"{ATOM}category")]
    # The summary is HTML in the feed: read as HTML, it is the text as typed.
    summary = LexborHTMLParser(entry.findtext(f"{ATOM}summary"))
    assert summary.body.text() == SUMMARY
    assert summary.css("script") == []
    rss = etree.parse(str(published / "feeds/all.rss.xml")).getroot()
    assert TITLE in [item.findtext("title") for item in rss.iter("item")]


def test_structured_data_carries_the_title_and_author_as_typed(published):
    article = json_ld(page_at(published, "needles-and-pins/"))["BlogPosting"]
    assert article["headline"] == TITLE
    assert AUTHOR in str(article["author"])


def test_a_cjk_and_emoji_title_gets_a_readable_ascii_address(preview):
    page = next(
        path for path in preview.glob("*/index.html")
        if LexborHTMLParser(path.read_text(encoding="utf-8")).css_first("h1").text(strip=True) == CJK_TITLE
    )
    address = page.parent.name
    assert address == "zhen-jiu-yu-shui-mian-sleep"


def test_tags_that_differ_only_in_capitals_are_one_tag(preview):
    tag_page = page_at(preview, "tag/back-pain/")
    titles = [a.text(strip=True) for a in tag_page.css(".card__title a")]
    assert sorted(titles) == sorted([TITLE, "Written in YAML"])
    tag_names = [a.text(strip=True).lower() for a in page_at(preview, "tags/").css(".term-list a")]
    assert tag_names.count("back pain") == 1
    yaml_article_tags = [a.text(strip=True) for a in page_at(preview, "written-in-yaml/").css("a[rel=tag]")]
    assert yaml_article_tags == ["back pain", "Stress"]


def public_text_files(site):
    for path in site.rglob("*"):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json", ".webmanifest"}:
            yield path, path.read_text(encoding="utf-8")


def test_drafts_and_scheduled_articles_are_nowhere_in_the_published_site(published):
    found = [
        f"{path.relative_to(published)}: {word}"
        for path, text in public_text_files(published)
        for word in UNPUBLISHED_WORDS
        if word in text
    ]
    assert found == []
    assert not (published / "drafts").exists()


def test_the_published_lists_show_the_published_articles(published):
    """The counterpart of the test above: the same lists do carry what is published."""
    for url in ("", "archives/", "author/holistic-oriental-medicine/"):
        assert "Earlier Today" in page_at(published, url).body.text(), url
    assert "Earlier Today" in atom_entries(published)
    sitemap = published / "sitemap.xml"
    if sitemap.exists():
        assert "earlier-today" in sitemap.read_text(encoding="utf-8")


def test_the_preview_lists_drafts_and_scheduled_articles_marked(preview):
    section = page_at(preview, "").css_first("section.drafts")
    items = {li.css_first("a").text(strip=True): li.text(separator=" ", strip=True) for li in section.css("li")}
    assert set(items) == {"Unfinished Zebra", "Scheduled Quagga", "Later Today"}
    assert "Draft: not published" in items["Unfinished Zebra"]
    assert "Scheduled for Jan 1, 2099" in items["Scheduled Quagga"]


@pytest.mark.parametrize(
    ("url", "label"),
    [("drafts/unfinished-zebra/", "Draft: not published"),
     ("drafts/scheduled-quagga/", "Scheduled for Jan 1, 2099: not published yet")],
)
def test_the_preview_shows_each_unpublished_article_with_its_label(preview, url, label):
    page = page_at(preview, url)
    assert " ".join(page.css_first(".unpublished-label").text().split()) == label


def test_the_preview_lists_drafts_nowhere_else(preview):
    for url in ("archives/", "tags/", "categories/", "authors/"):
        text = page_at(preview, url).body.text()
        assert not [word for word in UNPUBLISHED_WORDS if word in text], url


def test_the_schedule_follows_the_clinic_time_zone(preview, published):
    assert (preview / "earlier-today/index.html").is_file()
    assert (preview / "drafts/later-today/index.html").is_file()
    assert (published / "earlier-today/index.html").is_file()
    assert not (published / "later-today").exists()


def test_share_links_carry_the_title_as_typed(published):
    page = page_at(published, "needles-and-pins/")
    whatsapp = page.css_first('a[href^="https://wa.me/"]').attributes["href"]
    text = parse_qs(urlsplit(whatsapp).query)["text"][0]
    assert text.startswith(TITLE + " https://")
    email = page.css_first('a[href^="mailto:"]').attributes["href"]
    assert parse_qs(urlsplit(email).query)["subject"][0] == TITLE
