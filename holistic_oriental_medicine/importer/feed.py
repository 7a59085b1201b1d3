"""The blog feed, `/blog-feed.xml` (RSS 2.0 by "RSS for Node"): the newest 20 posts at most,
with their categories, author, summary and cover picture, and until about early 2025 their
whole text (`content:encoded`); also the blog's own address, which a site may have renamed."""

import html
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from . import ImportFailed
from .fetch import NotFound
from .safe_xml import parse_xml

DC = "{http://purl.org/dc/elements/1.1/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
FEED = "/blog-feed.xml"


@dataclass
class FeedItem:
    title: str
    url: str
    published: datetime | None
    categories: list = field(default_factory=list)
    author: str | None = None
    summary: str | None = None
    cover: str | None = None
    body_html: str | None = None


@dataclass
class Feed:
    blog_path: str
    items: dict  # post address -> FeedItem


def text(value):
    """Feed text as written: entities such as &#38; decoded, outer spaces trimmed."""
    return html.unescape(value or "").strip()


def read_feed(site):
    """The blog feed; a site without one has no blog list at /blog (None)."""
    where = site.url(FEED)
    try:
        rss = parse_xml(site.get(FEED), where)
    except NotFound:
        return None
    channel = rss.find("channel")
    if rss.tag != "rss" or channel is None:
        raise ImportFailed(f"{where}: is not an RSS feed. Is this the address of a Wix site?")
    items = {}
    for item in channel.iter("item"):
        url = text(item.findtext("link"))
        enclosure = item.find("enclosure")
        items[url] = FeedItem(
            title=text(item.findtext("title")),
            url=url,
            published=_date(item.findtext("pubDate")),
            categories=[text(c.text) for c in item.findall("category") if text(c.text)],
            author=text(item.findtext(f"{DC}creator")) or None,
            summary=_plain(item.findtext("description")),
            cover=enclosure.get("url") if enclosure is not None else None,
            body_html=(item.findtext(f"{CONTENT}encoded") or "").strip() or None,
        )
    return Feed(blog_path=urlsplit(text(channel.findtext("link"))).path.rstrip("/") or "/", items=items)


def _plain(value):
    """An excerpt as plain text (feeds put it in CDATA, sometimes with tags)."""
    plain = LexborHTMLParser(f"<p>{value or ''}</p>").text(separator=" ")
    return " ".join(html.unescape(plain).split()) or None


def _date(value):
    try:
        return parsedate_to_datetime(value.strip())
    except (AttributeError, TypeError, ValueError):
        return None
