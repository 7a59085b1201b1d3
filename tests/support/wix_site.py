"""A small Wix-like site, built to the structure of real Wix sites, served on 127.0.0.1.

`build_wix_site(folder, address)` writes the files a Wix site serves at `address`:
`sitemap.xml` (an index with generatedBy="WIX"), `blog-posts-sitemap.xml` (every post, in pages
of SITEMAP_PAGE_SIZE: `blog-posts-sitemap.xml?page=2`...),
`blog-feed.xml` (RSS for Node: the newest 20 posts only; with `full_feed`, the whole text in
`content:encoded`, else only excerpts), a page per post and pictures under `media/`.

Post pages come in the shapes Wix served over the years, each with the article rendered as
numbered `rcv-block` elements and its facts as BlogPosting JSON-LD, as real pages have them:
the post embedded as rich content in `<script id="wix-warmup-data">` (`warmup`); the embedded
data without the rich content, as newer pages load it apart (`no rich content`); no embedded
data at all, on an older `/single-post/YYYY/MM/DD/<slug>` address (`rendered only`). Its posts:

- the seed article, under its Wix slug, its text made from content/articles/acupuncture-for-back-pain.md;
- 22 short posts, the oldest 3 of them missing from the feed;
- a post with an accented slug, linked percent-encoded, that links to another post, with a
  picture that has alt text and a divider, list, quote and video;
- a post whose picture has no alt text (a person must describe it);
- with `full_feed`, an older post whose page has no rich content: its text is only in the feed,
  as HTML with Wix's quirks;
- a 2019 post with only its rendered article, linking to another post by a relative address;
- a 2025 post without rich content, whose rendered article holds a link with words in its
  address, a video uploaded to Wix and links to posts by their old, absolute and relative
  addresses;
- a Czech post in the category "POVÍDKY", whose list is /<blog>/categories/povídky on Wix.

The blog's list page is renamed to /articles-and-news.

`new_wix_site` writes one into a new folder beside its server; `run_import` imports it into a
content folder, and `section` reads a part of the import's summary.
"""

import hashlib
import html
import io
import json
import os
import re
import threading
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote

from pelican.settings import read_settings
from PIL import Image
from support.project import CLINIC, PROJECT_ROOT

from holistic_oriental_medicine.importer.importer import import_site

# Wix links the call to action to the clinic's phone, as the site's {tel} does.
CLINIC_PHONE = "tel:" + CLINIC["phone_e164"]
SEED_SOURCE = PROJECT_ROOT / "content/articles/acupuncture-for-back-pain.md"
SEED_SLUG = "unlocking-the-healing-power-exploring-accupuncture-as-a-natural-solution-for-back-pain"
SEED_TITLE = "Unlocking the Healing Power: Exploring Accupuncture as a Natural Solution for Back Pain"
LINKING_SLUG = "café-au-lait-and-qi"
LINKED_SLUG = "cupping-what-the-marks-mean"
NO_ALT_SLUG = "moxibustion-at-home"
FEED_ONLY_SLUG = "seasonal-eating-in-winter"
RENDERED_ONLY_SLUG = "qi-gong-for-beginners"
RENDERED_ONLY_ADDRESS = f"/single-post/2019/05/03/{RENDERED_ONLY_SLUG}"
NO_RICH_SLUG = "acupressure-points-for-sleep"
CZECH_SLUG = "podzimní-povídka"
CZECH_CATEGORY = "POVÍDKY"
MALFORMED_HREF = "Read more at www.example.org/sleep"
WIX_VIDEO = "https://video.wixstatic.com/video/a1b2c3_9f8e7d6c5b4a39281706f5e4d3c2b1a0/file"
BLOG_PATH = "/articles-and-news"
SHORT_POSTS = 20
# Wix splits a long sitemap into pages; here, small ones, so that the posts take two.
POSTS_SITEMAP = "blog-posts-sitemap.xml"
SITEMAP_PAGE_SIZE = 20
FEED_SIZE = 20
COVER_ID = "a1b2c3_5f1e0d9c8b7a4e3f2d1c0b9a8f7e6d5c~mv2.png"
FIGURE_ID = "a1b2c3_0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f~mv2.jpg"
NO_ALT_ID = "a1b2c3_11112222333344445555666677778888~mv2.jpg"


def text_node(text, *decorations):
    return {"type": "TEXT", "id": "", "nodes": [], "textData": {"text": text, "decorations": list(decorations)}}


def paragraph(*texts):
    return {"type": "PARAGRAPH", "id": "p", "nodes": list(texts), "paragraphData": {"textStyle": {"textAlignment": "AUTO"}}}


def heading(level, text):
    # Wix's editor makes headings bold on top of their level.
    return {"type": "HEADING", "id": "h", "nodes": [text_node(text, {"type": "BOLD", "fontWeightValue": 700})],
            "headingData": {"level": level, "textStyle": {"textAlignment": "AUTO"}}}


EMPTY_PARAGRAPHS = [paragraph(), paragraph(text_node("\u00a0"))]


def seed_nodes():
    """The seed article as Wix holds it: its Markdown's headings and paragraphs, with the empty
    paragraphs Wix's editor leaves, and the call to action as a phone link."""
    body = SEED_SOURCE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    nodes = []
    for block in body.strip().split("\n\n"):
        if block.startswith("#"):
            marks, text = block.split(" ", 1)
            nodes.append(heading(len(marks), text))
            continue
        link = re.search(r"\[(.+)\]\(\{tel\}\)", block)
        if link:
            before = block[: link.start()]
            nodes.append(paragraph(text_node(before), text_node(link.group(1), {
                "type": "LINK", "linkData": {"link": {"url": CLINIC_PHONE, "target": "SELF"}}})))
        else:
            nodes.append(paragraph(text_node(block)))
        if len(nodes) % 5 == 0:
            nodes += EMPTY_PARAGRAPHS
    return nodes


def seed_paragraph_html():
    body = SEED_SOURCE.read_text(encoding="utf-8").split("\n\n", 1)[1]
    return "".join(f"<p>{html.escape(block)}</p>" for block in body.strip().split("\n\n")[:2])


def picture(size, colour):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def link(text, url):
    return text_node(text, {"type": "LINK", "linkData": {"link": {"url": url}}})


class Post:
    def __init__(self, slug, title, published, nodes, categories=(), excerpt="", cover=None, feed_html=None,
                 shape="warmup", address=None, category_slugs=None):
        self.slug, self.title, self.published, self.nodes = slug, title, published, nodes
        self.categories, self.excerpt, self.cover, self.feed_html = list(categories), excerpt, cover, feed_html
        self.shape, self.address = shape, address or f"/post/{slug}"
        self.category_slugs = category_slugs or {}
        self.id = hashlib.sha256(slug.encode()).hexdigest()[:24]


def posts(address):
    start = datetime(2024, 3, 4, 15, 30, tzinfo=timezone.utc)
    made = [
        Post(f"acupuncture-note-{n}", f"Acupuncture Note {n}", start + timedelta(days=7 * n),
             [paragraph(text_node(f"Note {n} about acupuncture and how it helps."))],
             categories=["Wellness"], excerpt=f"Note {n} about acupuncture.")
        for n in range(SHORT_POSTS)
    ]
    made.append(Post(
        LINKED_SLUG, "Cupping: What the Marks Mean", start - timedelta(days=30),
        [paragraph(text_node("Cupping leaves round marks that fade within days."))],
        categories=["Treatments"], excerpt="What cupping marks mean.",
    ))
    made.append(Post(
        NO_ALT_SLUG, "Moxibustion at Home", start - timedelta(days=20),
        [paragraph(text_node("Moxa warms the points.")),
         {"type": "IMAGE", "id": "i", "nodes": [], "imageData": {"image": {"src": {"id": NO_ALT_ID}, "width": 40, "height": 30}}}],
        categories=["Treatments"], excerpt="Warming moxa, safely.",
    ))
    made.append(Post(
        LINKING_SLUG, "Café au Lait &#38; Qi ", start + timedelta(days=7 * SHORT_POSTS + 1),
        [
            heading(3, "Morning Coffee"),
            paragraph(text_node("Coffee "), text_node("warms", {"type": "ITALIC", "italicData": True}),
                      text_node(" and "), text_node("stirs", {"type": "BOLD", "fontWeightValue": 700}),
                      text_node(" Qi. Read about "),
                      text_node("cupping marks", {"type": "LINK", "linkData": {"link": {"url": f"{address}/post/{LINKED_SLUG}"}}}),
                      text_node(" or see "),
                      text_node("our friends", {"type": "LINK", "linkData": {"link": {"url": "www.example.org/tea"}}}),
                      text_node(".")),
            {"type": "IMAGE", "id": "i", "nodes": [], "imageData": {"image": {"src": {"id": FIGURE_ID}, "width": 60, "height": 40}, "altText": "A cup of coffee beside acupuncture needles"}},
            heading(4, "What to Drink"),
            {"type": "BULLETED_LIST", "id": "l", "nodes": [
                {"type": "LIST_ITEM", "id": "", "nodes": [paragraph(text_node("Green tea"))]},
                {"type": "LIST_ITEM", "id": "", "nodes": [paragraph(text_node("Warm water"))]},
            ]},
            {"type": "DIVIDER", "id": "d", "nodes": [], "dividerData": {"lineStyle": "SINGLE"}},
            {"type": "BLOCKQUOTE", "id": "q", "nodes": [paragraph(text_node("Drink warm, not hot."))]},
            {"type": "VIDEO", "id": "v", "nodes": [], "videoData": {"video": {"src": {"url": "https://www.youtube.com/watch?v=abc123"}}, "title": "Morning routine"}},
        ],
        categories=["Wellness", "Nutrition"], excerpt="Coffee, tea and your Qi.",
    ))
    made.append(Post(
        SEED_SLUG, SEED_TITLE, datetime(2025, 2, 16, 18, 0, tzinfo=timezone.utc), seed_nodes(),
        categories=["Pain Relief"], cover=COVER_ID,
        excerpt="Back pain affects millions of people worldwide. Acupuncture has emerged as a natural remedy.",
    ))
    made.append(Post(
        RENDERED_ONLY_SLUG, "Qi Gong for Beginners", datetime(2019, 5, 3, 9, 0, tzinfo=timezone.utc),
        [heading(2, "Start Slowly"),
         paragraph(text_node("Ten minutes a day is enough. Cupping helps too: see "),
                   link("what the marks mean", f"/post/{LINKED_SLUG}"), text_node(".")),
         {"type": "IMAGE", "id": "i", "nodes": [], "imageData": {"image": {"src": {"id": FIGURE_ID}, "width": 60, "height": 40}, "altText": "Two people practising qi gong"}}],
        categories=["Wellness"], excerpt="Ten minutes a day.", shape="rendered only", address=RENDERED_ONLY_ADDRESS,
    ))
    made.append(Post(
        NO_RICH_SLUG, "Acupressure Points for Sleep", datetime(2025, 3, 10, 20, 0, tzinfo=timezone.utc),
        [paragraph(text_node("Press "), text_node("HT7", {"type": "BOLD", "fontWeightValue": 700}),
                   text_node(" before bed. "), link("More about sleep", MALFORMED_HREF), text_node(".")),
         paragraph(text_node("Start with "), link("qi gong", f"{address}{RENDERED_ONLY_ADDRESS}"),
                   text_node(", look at "), link("cupping marks", f"{address}/post/{LINKED_SLUG}?lang=en#marks"),
                   text_node(" and "), link("coffee", f"/post/{quote(LINKING_SLUG)}"), text_node(".")),
         {"type": "VIDEO", "id": "v", "nodes": [], "videoData": {"video": {"src": {"url": WIX_VIDEO}}, "title": "Finding HT7"}}],
        categories=["Sleep"], excerpt="Points to press before bed.", shape="no rich content",
    ))
    made.append(Post(
        CZECH_SLUG, "Podzimní povídka", datetime(2024, 10, 1, 8, 0, tzinfo=timezone.utc),
        [paragraph(text_node("Podzim je čas na teplé čaje."))],
        categories=[CZECH_CATEGORY], excerpt="Povídka o podzimu.", category_slugs={CZECH_CATEGORY: "povídky"},
    ))
    made.append(Post(
        FEED_ONLY_SLUG, "Seasonal Eating in Winter", start + timedelta(days=7 * SHORT_POSTS + 2), None,
        categories=["Nutrition"], excerpt="Warm foods for cold days.",
        feed_html=('<p> </p><h2><strong>Warm foods</strong></h2><p>Soups and <span style="color: textColor5;">'
                   'stews</span> keep you warm.</p><p><br /></p><img src="{media}/' + FIGURE_ID +
                   '/v1/fit/w_740,h_493,al_c,q_80/soup.jpg"alt="A bowl of soup">'
                   '<p>See <a href="www.example.org/recipes">recipes</a>.</p>'),
    ))
    return made


def inline_html(nodes):
    parts = []
    for node in nodes:
        data = node.get("textData") or {}
        text = html.escape(data.get("text", ""))
        for decoration in data.get("decorations") or []:
            if decoration["type"] == "BOLD":
                text = f'<span style="font-weight:700">{text}</span>'
            elif decoration["type"] == "ITALIC":
                text = f'<span style="font-style:italic">{text}</span>'
            elif decoration["type"] == "LINK":
                href = html.escape(decoration["linkData"]["link"]["url"], quote=True)
                text = f'<a href="{href}" target="_blank" rel="noopener noreferrer"><u>{text}</u></a>'
        parts.append(f'<span class="_2PHJq">{text}</span>')
    return "".join(parts)


def rendered_block(node, address):
    """A rich-content node as Wix's viewer renders it on the server."""
    kind = node["type"]
    if kind == "PARAGRAPH":
        inner = inline_html(node["nodes"])
        return f'<p dir="auto" class="_1nm6D">{inner}</p>' if inner else '<div type="empty-line"><p><br></p></div>'
    if kind == "HEADING":
        level = node["headingData"]["level"]
        return f'<h{level} dir="auto" class="_3f-vr">{inline_html(node["nodes"])}</h{level}>'
    if kind in ("BULLETED_LIST", "ORDERED_LIST"):
        tag = "ul" if kind == "BULLETED_LIST" else "ol"
        items = "".join(f'<li dir="auto">{inline_html(item["nodes"][0]["nodes"])}</li>' for item in node["nodes"])
        return f"<{tag}>{items}</{tag}>"
    if kind == "BLOCKQUOTE":
        return f'<blockquote><p dir="auto">{inline_html(node["nodes"][0]["nodes"])}</p></blockquote>'
    if kind == "DIVIDER":
        return '<div data-hook="divider-single"><hr></div>'
    if kind == "IMAGE":
        image = node["imageData"]
        media_id = image["image"]["src"]["id"]
        alt = html.escape(image.get("altText", ""), quote=True)
        return (f'<div data-hook="imageViewer"><wix-image><img src="{address}/media/{media_id}/v1/fill/'
                f'w_147,h_98,al_c,q_80,blur_2/{media_id}" alt="{alt}"></wix-image></div>')
    if kind == "VIDEO":
        url = node["videoData"]["video"]["src"]["url"]
        if "youtube" in url:
            return f'<div data-hook="video-player"><iframe src="{html.escape(url, quote=True)}"></iframe></div>'
        return f'<div data-hook="video-player"><video src="{html.escape(url, quote=True)}" preload="none"></video></div>'
    raise ValueError(kind)


def rendered_article(post, address):
    """The post's title, facts (JSON-LD) and text as Wix renders them into the page."""
    posting = {"@context": "https://schema.org", "@type": "BlogPosting", "headline": html.unescape(post.title).strip(),
               "datePublished": post.published.isoformat(), "author": {"@type": "Person", "name": "Holistic Oriental Medicine"},
               "description": post.excerpt}
    blocks = "".join(f'<div data-hook="rcv-block{number}">{rendered_block(node, address)}</div>'
                     for number, node in enumerate(post.nodes or [], start=1))
    return (f'<script type="application/ld+json">{json.dumps(posting)}</script>'
            f'<article><h1 data-hook="post-title">{post.title}</h1>'
            + (f'<section data-hook="post-description"><div data-id="content-viewer">{blocks}</div></section>' if blocks else "")
            + "</article>")


def warmup_page(post, address):
    categories = [{"id": f"cat-{name}", "label": name,
                   "slug": post.category_slugs.get(name, name.lower().replace(" ", "-"))}
                  for name in post.categories]
    data = {"appsWarmupData": {"14bcded7-0066-7c35-14d7-466cb3f09103": {f"postPage-{post.id}": {
        "post": {
            "id": post.id, "title": html.unescape(post.title).strip(), "slug": post.slug,
            "excerpt": post.excerpt, "firstPublishedDate": post.published.isoformat().replace("+00:00", "Z"),
            "categoryIds": [c["id"] for c in categories], "hashtags": ["acupuncture"],
            "owner": {"name": "Holistic Oriental Medicine"},
            **({"richContent": {"nodes": post.nodes, "metadata": {"version": 1}}}
               if post.nodes and post.shape == "warmup" else {}),
        },
        "categories": categories,
    }}}}
    warmup = (f'<script type="application/json" id="wix-warmup-data">{json.dumps(data)}</script>'
              if post.shape != "rendered only" else "")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{post.title}</title>'
            f'<link rel="canonical" href="{address}{quote(post.address)}"></head><body>'
            f'<div id="SITE_CONTAINER">{rendered_article(post, address)}</div>{warmup}</body></html>')


def feed(made, address, full_feed):
    newest = sorted(made, key=lambda p: p.published, reverse=True)[:FEED_SIZE]
    items = []
    for post in newest:
        cover = f"{address}/media/{post.cover}/v1/fill/w_1000,h_563,al_c,q_90/cover.png" if post.cover else None
        body = post.feed_html.replace("{media}", f"{address}/media") if post.feed_html else seed_paragraph_html()
        items.append(
            f"<item><title><![CDATA[{post.title}]]></title>"
            f"<description><![CDATA[{post.excerpt}]]></description>"
            f"<link>{address}{quote(post.address)}</link>"
            f'<guid isPermaLink="false">{post.id}</guid>'
            + "".join(f"<category><![CDATA[{c}]]></category>" for c in post.categories)
            + f"<pubDate>{format_datetime(post.published, usegmt=True)}</pubDate>"
            + (f'<enclosure url="{cover}" length="0" type="image/png"/>' if cover else "")
            + "<dc:creator><![CDATA[Holistic Oriental Medicine]]></dc:creator>"
            + (f"<content:encoded><![CDATA[{body}]]></content:encoded>" if full_feed else "")
            + "</item>"
        )
    return ('<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" '
            'version="2.0"><channel><title><![CDATA[Blog]]></title><description><![CDATA[Blog]]></description>'
            f"<link>{address}{BLOG_PATH}</link><generator>RSS for Node</generator>"
            f"<lastBuildDate>{format_datetime(datetime(2025, 4, 1, tzinfo=timezone.utc), usegmt=True)}</lastBuildDate>"
            + "".join(items) + "</channel></rss>")


def sitemaps(made, address):
    """The sitemap index and {file name: text} of the posts sitemap's pages: the first page at
    blog-posts-sitemap.xml, the next at blog-posts-sitemap.xml?page=2 and so on."""
    urls = []
    for post in made:
        changed = "2025-03-31" if post.slug == SEED_SLUG else post.published.date().isoformat()
        image = (f"<image:image><image:loc>{address}/media/{post.cover}/v1/fill/w_1200,h_630/cover.png</image:loc>"
                 f"<image:title><![CDATA[{post.title}]]></image:title></image:image>") if post.cover else ""
        urls.append(f"<url><loc>{address}{quote(post.address)}</loc><lastmod>{changed}</lastmod>{image}</url>")
    pages = {}
    for number, start in enumerate(range(0, len(urls), SITEMAP_PAGE_SIZE), start=1):
        name = POSTS_SITEMAP + (f"?page={number}" if number > 1 else "")
        pages[name] = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                       'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">'
                       + "".join(urls[start:start + SITEMAP_PAGE_SIZE]) + "</urlset>")
    index = ('<?xml version="1.0" encoding="UTF-8"?><sitemapindex '
             'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" generatedBy="WIX">'
             f"<sitemap><loc>{address}/pages-sitemap.xml</loc><lastmod>2025-04-01</lastmod></sitemap>"
             + "".join(f"<sitemap><loc>{address}/{html.escape(name)}</loc><lastmod>2025-04-01</lastmod></sitemap>"
                       for name in pages)
             + "</sitemapindex>")
    return index, pages


def build_wix_site(folder, address, full_feed=True):
    """Write the site's files into `folder`, as served at `address`; return its posts."""
    # A post with no rich content in its page has its text only in a feed of whole posts.
    made = [post for post in posts(address) if full_feed or post.nodes]
    index, posts_maps = sitemaps(made, address)
    files = {
        "sitemap.xml": index,
        **posts_maps,
        "blog-feed.xml": feed(made, address, full_feed),
        **{post.address.lstrip("/"): warmup_page(post, address) for post in made},
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "media").mkdir(exist_ok=True)
    for media_id, size, colour in ((COVER_ID, (120, 63), "teal"), (FIGURE_ID, (60, 40), "brown"), (NO_ALT_ID, (40, 30), "orange")):
        (folder / "media" / media_id).write_bytes(picture(size, colour))
    return made


class WixSiteServer:
    """Serves a folder on 127.0.0.1 as a Wix site's host would. Paths in `busy_once` answer
    503 the first time they are asked for, as a busy server does; paths in `redirects` answer
    301 to their address; paths in `streams` answer (piece, count, pause): `count` times
    `piece`, a pause of `pause` seconds before each, with no length announced. The server
    keeps each request's Host and path in `asked`, and the bytes of each stream sent in `sent`."""

    def __init__(self, folder, busy_once=(), redirects=None, streams=None):
        handler = partial(QuietHandler, directory=str(folder))
        QuietHandler.busy_once = set(busy_once)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        self.server.redirects, self.server.streams = dict(redirects or {}), dict(streams or {})
        self.server.asked, self.server.sent = [], {}
        self.address = f"http://127.0.0.1:{self.server.server_address[1]}"
        # The same server under another host name: a host that is not the Wix site's.
        self.elsewhere = f"http://localhost:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def hosts_asked(self):
        return {host.split(":")[0] for host, _path in self.server.asked}


class QuietHandler(SimpleHTTPRequestHandler):
    busy_once = set()

    def do_GET(self):
        self.server.asked.append((self.headers.get("Host", ""), self.path))
        if self.path in self.busy_once:
            self.busy_once.discard(self.path)
            self.send_response(503)
            self.send_header("Retry-After", "0")
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path in self.server.redirects:
            self.send_response(301)
            self.send_header("Location", self.server.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path in self.server.streams:
            self.stream(*self.server.streams[self.path])
            return
        super().do_GET()

    def stream(self, piece, count, pause):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.end_headers()
        self.server.sent[self.path] = 0
        try:
            for _ in range(count):
                time.sleep(pause)
                self.wfile.write(piece)
                self.wfile.flush()
                self.server.sent[self.path] += len(piece)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the importer stopped reading, as it should

    def translate_path(self, path):
        """A file named with its query (`blog-posts-sitemap.xml?page=2`), if there is one."""
        with_query = super().translate_path(path.replace("?", "%3F"))
        return with_query if "?" in path and os.path.isfile(with_query) else super().translate_path(path)

    def log_message(self, format, *args):
        pass


def new_wix_site(tmp_path, full_feed=True, **server_options):
    """(folder, server, posts) of a Wix-like site written into `tmp_path`/wix, its server
    (`WixSiteServer` with `server_options`) bound but not started: `with server:` serves it."""
    folder = tmp_path / "wix"
    folder.mkdir()
    server = WixSiteServer(folder, **server_options)
    return folder, server, build_wix_site(folder, server.address, full_feed=full_feed)


def settings_for(content):
    """The site's settings for the content folder `content`."""
    return read_settings(str(PROJECT_ROOT / "pelicanconf.py"), override={"PATH": str(content)})


def run_import(address, content, **options):
    """The import of the Wix site at `address` into `content`: its summary."""
    (content / "articles").mkdir(parents=True, exist_ok=True)
    return import_site(address, settings_for(content), media_base=f"{address}/media/", **options)


def section(lines, heading):
    """The indented lines of the summary under the line that starts with `heading`."""
    start = next(number for number, line in enumerate(lines) if line.startswith(heading)) + 1
    end = next((number for number, line in enumerate(lines[start:], start) if not line.startswith("  ")), len(lines))
    return lines[start:end]
