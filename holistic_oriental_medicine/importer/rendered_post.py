"""A post's page as the server rendered it, for pages whose embedded data lacks the post.

Wix writes the post's facts as schema.org `BlogPosting` JSON-LD (headline, datePublished,
author, image) and its text as numbered blocks, `data-hook="rcv-block<N>"`, inside the post's
description: paragraphs, headings, lists and quotes as HTML; a picture inside a `wix-image` or
`image-viewer`; a Pro Gallery's pictures as `gallery-item-image`; videos as `<video>` or
`<iframe>`. The blocks become HTML that `feed_html` turns into Markdown like a feed's.
"""

import html
import json

from selectolax.lexbor import LexborHTMLParser

from . import ImportFailed
from .post_page import PagePost, parse_date

BLOCKS = '[data-hook^="rcv-block"]'
ARTICLE = '[data-hook="post-description"]'
GALLERY = '[data-hook^="gallery-item"]'
SINGLE_IMAGE = '[data-hook="imageViewer"], [data-hook="image-viewer"], wix-image, .wix-image, figure'


def _blog_posting(tree):
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.text())
        except json.JSONDecodeError:
            continue
        for item in data if isinstance(data, list) else [data, *(data.get("@graph") or [])]:
            if isinstance(item, dict) and item.get("@type") in ("BlogPosting", "Article", "NewsArticle"):
                return item
    return {}


def _first(value, key):
    """A JSON-LD value that may be a string, an object with `key`, or a list of either."""
    value = value[0] if isinstance(value, list) and value else value
    if isinstance(value, dict):
        value = value.get(key)
    return str(value).strip() if value else None


def _picture_address(image):
    """The address of a picture, not of the placeholder a lazy-loading page shows first."""
    attributes = image.attributes
    for candidate in (attributes.get("src"), attributes.get("data-src"),
                      (attributes.get("srcset") or "").split(" ", 1)[0]):
        if candidate and not candidate.startswith("data:"):
            return candidate
    return attributes.get("src") or ""


def read_rendered_post(page_html, where):
    """The post of a page's rendered article (its text as HTML in `body_html`); ImportFailed
    with the reason if the page has no rendered article."""
    tree = LexborHTMLParser(page_html)
    # The post's own viewer: its description, else the one around the first block (comments
    # below a post are rich content too, in viewers of their own).
    first = tree.css_first(BLOCKS)
    root = tree.css_first(ARTICLE) or (first.parent if first is not None else None)
    blocks = root.css(BLOCKS) if root is not None else []
    if not blocks:
        raise ImportFailed(f"{where}: its page has no rendered article (no {BLOCKS} blocks).")
    posting = _blog_posting(tree)
    title_node = tree.css_first('[data-hook="post-title"]') or tree.css_first("h1")
    og_title = tree.css_first('meta[property="og:title"]')
    title = (_first(posting.get("headline"), "") or (title_node.text(strip=True) if title_node else "")
             or (og_title.attributes.get("content") if og_title else "") or "")
    og_image = tree.css_first('meta[property="og:image"]')
    parts, left_out = [], []
    for block in blocks:
        if block.css_first(GALLERY):
            left_out.append("a gallery")
        elif block.css_first(SINGLE_IMAGE) and block.css_first("img[src]"):
            image = block.css_first("img[src]")
            alt = html.escape(image.attributes.get("alt") or "", quote=True)
            parts.append(f'<p><img src="{html.escape(_picture_address(image), quote=True)}" alt="{alt}"></p>')
        elif block.css_first("video, iframe"):
            player = block.css_first("video[src], video source[src], iframe[src]")
            if player:
                parts.append(f'<video src="{html.escape(player.attributes["src"], quote=True)}"></video>')
            else:
                left_out.append("a video without an address")
        else:
            parts.append(block.html)
    return PagePost(
        title=html.unescape(title).strip(),
        published=parse_date(posting.get("datePublished")),
        excerpt=_first(posting.get("description"), "") or None,
        nodes=None,
        author=_first(posting.get("author"), "name"),
        cover=_first(posting.get("image"), "url") or (og_image.attributes.get("content") if og_image else None),
        body_html="".join(parts),
        left_out=left_out,
    )
