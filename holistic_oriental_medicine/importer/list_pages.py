"""The old addresses of a Wix blog's lists, each leading to the list here with the same
articles: the blog (`<blog>` is the feed's link, often /blog but renamed on some sites) and its
pages to the home page, `<blog>/categories/<x>` to the category (or, for a post's further
categories, which become tags here, the tag), `<blog>/tags/<x>` and `<blog>/hashtags/<x>` to the
tag. Each list, and each of its pages (`<list>/page/<n>`), is redirected. They are kept in the
content folder's redirects.toml, beside what an editor put there.

The addresses here are the ones Pelican itself gives the site's category and tag pages, and an
old list is redirected only to a page that an article of the content folder makes: the site
refuses a redirect to a page it does not have.
"""

import json
from collections import Counter
from pathlib import Path

from pelican.urlwrappers import Category, Tag

from holistic_oriental_medicine.model.field_values import as_tag_list
from holistic_oriental_medicine.model.site_paths import (
    REDIRECTS_FILE,
    decoded_path,
    encoded_path,
    listed_redirects,
)
from holistic_oriental_medicine.model.source_split import split_source

from . import ImportFailed
from .articles import write_atomically

TERMS = {"category": Category, "tag": Tag}
UNPUBLISHED = ("draft", "hidden")


def list_address(settings, kind, label):
    """The address of the category or tag page of `label` here, as Pelican writes it."""
    return "/" + TERMS[kind](label, settings).url


def published_terms(articles_folder, settings, posts):
    """The addresses of every category and tag page the articles will make once `posts` are
    written (the imported posts that are new or updated replace their files)."""
    written = {post.path: post.fields for post in posts if post.outcome in ("new", "updated")}
    every = dict(written)
    for path in sorted(Path(articles_folder).glob("*.md")):
        if path not in written:
            try:
                every[path] = {key.lower(): value for key, value in
                               split_source(path.read_text(encoding="utf-8")).fields.items()}
            except Exception:  # noqa: BLE001 (a broken file is the content check's to report)
                continue
    addresses = set()
    for fields in every.values():
        if str(fields.get("status") or "").lower() in UNPUBLISHED:
            continue
        addresses.add(list_address(settings, "category", str(fields.get("category") or settings["DEFAULT_CATEGORY"])))
        addresses.update(list_address(settings, "tag", tag) for tag in as_tag_list(fields.get("tags") or []))
    return addresses


def wix_list_slug(wix_slugs, label):
    """The slug of a category's or tag's list on Wix: as the post's data names it, else as Wix
    makes one (the label in lower case, hyphens for spaces)."""
    folded = {name.casefold(): slug for name, slug in wix_slugs.items()}
    return folded.get(label.casefold()) or "-".join(label.lower().split())


def list_redirects(posts, blog_path, settings, terms):
    """{old list address (decoded): address here} for the imported posts of a blog at
    `blog_path`, each to one of the pages `terms` (addresses) that the site will have."""
    blog = blog_path.rstrip("/")
    moved = {blog: "/"} if blog else {}
    # Wix shows at least one post on a page of a list, so a list has at most as many pages as posts.
    moved.update({f"{blog}/page/{number}": "/" for number in range(2, len(posts) + 1)})
    imported = [post for post in posts if post.failure is None]
    categories = {post.fields.get("category") for post in imported}
    lists, sizes = {}, Counter()
    for post in imported:
        wix_slugs = post.page.list_slugs
        for label in post.categories:
            kind = "category" if label in categories else "tag"
            old = f"{blog}/categories/{wix_list_slug(wix_slugs, label)}"
            lists[old], sizes[old] = list_address(settings, kind, label), sizes[old] + 1
        for label in post.page.tags:
            folder = "tags" if label.casefold() in map(str.casefold, wix_slugs) else "hashtags"
            old = f"{blog}/{folder}/{wix_list_slug(wix_slugs, label)}"
            lists[old], sizes[old] = list_address(settings, "tag", label), sizes[old] + 1
    for old, new in lists.items():
        if new in terms:
            moved[old] = new
            moved.update({f"{old}/page/{number}": new for number in range(2, sizes[old] + 1)})
    safe = {}
    for old, new in moved.items():
        try:
            safe[decoded_path(old)] = new
        except ValueError:
            continue  # an address no host could be told about safely; its list is still here
    return safe


def merged_redirects_file(content_root, moved):
    """The redirects file's new text with the `moved` addresses it lacks, or None if it has them
    all. An address already there keeps the page an editor chose for it."""
    try:
        listed = listed_redirects(content_root)
    except ValueError as error:
        raise ImportFailed(f"{Path(content_root, REDIRECTS_FILE)}: {error}") from None
    known = {decoded_path(old) for old in listed if _is_safe(old)}
    missing = {encoded_path(old): new for old, new in moved.items() if old not in known}
    if not missing:
        return None
    lines = ["# Old addresses of lists of articles, each with the page here it leads to.",
             "# `invoke import-wix` adds the Wix blog's; add your own the same way.",
             *(f"{json.dumps(old, ensure_ascii=False)} = {json.dumps(new, ensure_ascii=False)}"
               for old, new in sorted({**listed, **missing}.items()))]
    return "\n".join(lines) + "\n"


def _is_safe(old):
    try:
        decoded_path(old)
    except ValueError:
        return False
    return True


def write_redirects_file(content_root, text):
    write_atomically(Path(content_root, REDIRECTS_FILE), text.encode("utf-8"))
