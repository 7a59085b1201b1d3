"""A post's page: Wix embeds the whole post as JSON in `<script id="wix-warmup-data">`, its text
as rich content ("Ricos") nodes, beside the blog's categories and tags. Some pages' data lack
the post or its rich content: `rendered_post` reads those from the rendered article."""

import json
from dataclasses import dataclass, field
from datetime import datetime

from selectolax.lexbor import LexborHTMLParser

from . import ImportFailed


@dataclass
class PagePost:
    title: str
    published: datetime | None
    excerpt: str | None
    nodes: list | None
    categories: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    author: str | None = None
    # label -> the slug of its list page on Wix (<blog>/categories/<slug>, <blog>/tags/<slug>)
    list_slugs: dict = field(default_factory=dict)
    # A post read from HTML (a rendered article) rather than from rich content.
    body_html: str | None = None
    cover: str | None = None
    # Blocks of the rendered article that have no Markdown form ("a gallery").
    left_out: list = field(default_factory=list)


def _dicts(tree):
    """Every JSON object in `tree`, depth first."""
    stack = [tree]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            yield value
            stack.extend(reversed(list(value.values())))
        elif isinstance(value, list):
            stack.extend(reversed(value))


def read_post_page(html, slug, where):
    """The post with `slug` embedded in its page; ImportFailed if the page has none or its
    JSON is broken."""
    script = LexborHTMLParser(html).css_first("script#wix-warmup-data")
    if script is None:
        raise ImportFailed(f"{where}: its page has no wix-warmup-data (the post's embedded data).")
    try:
        warmup = json.loads(script.text())
    except json.JSONDecodeError as error:
        raise ImportFailed(f"{where}: its wix-warmup-data is not valid JSON (line {error.lineno}, "
                           f"column {error.colno}: {error.msg}).") from None
    objects = list(_dicts(warmup))
    post = next((o for o in objects if o.get("slug") == slug and "title" in o), None)
    if post is None:
        raise ImportFailed(f"{where}: its wix-warmup-data holds no post with the slug {slug}.")
    terms = [o for o in objects if isinstance(o.get("label"), str) and "id" in o]
    labels = {o["id"]: o["label"] for o in terms}
    rich = post.get("richContent")
    return PagePost(
        title=str(post.get("title") or "").strip(),
        published=parse_date(post.get("firstPublishedDate")),
        excerpt=str(post.get("excerpt") or "").strip() or None,
        nodes=rich.get("nodes") if isinstance(rich, dict) else None,
        categories=[labels[i] for i in post.get("categoryIds") or [] if i in labels],
        tags=[labels[i] for i in post.get("tagIds") or [] if i in labels] + list(post.get("hashtags") or []),
        author=((post.get("owner") or {}).get("name") or None) if isinstance(post.get("owner"), dict) else None,
        list_slugs={o["label"]: o["slug"] for o in terms if isinstance(o.get("slug"), str)},
    )


def parse_date(value):
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
