"""The old addresses of a Wix blog's lists, each leading to the list here with the same
articles: the blog (`<blog>` is the feed's link, often /blog but renamed on some sites) and its
pages to the home page, `<blog>/categories/<x>` to the category (or, for a post's further
categories, which become tags here, the tag), `<blog>/tags/<x>` and `<blog>/hashtags/<x>` to the
tag. They are kept in the content folder's redirects.toml, beside what an editor put there."""

import json
from pathlib import Path

from validate_content.slugs import slug_for
from validate_content.site_paths import REDIRECTS_FILE, decoded_path, encoded_path, listed_redirects

from . import ImportFailed
from .articles import write_atomically


def list_address(settings, kind, label):
    """The address of the category or tag page of `label` here."""
    slug = slug_for(label, settings, kind.upper())
    return "/" + settings[f"{kind.upper()}_URL"].format(slug=slug)


def list_redirects(posts, blog_path, settings):
    """{old list address (decoded): address here} for the posts of a blog at `blog_path`."""
    blog = blog_path.rstrip("/")
    moved = {blog: "/"} if blog else {}
    # Wix shows at least one post on a page of the blog, so it has at most as many pages as posts.
    moved.update({f"{blog}/page/{number}": "/" for number in range(2, len(posts) + 1)})
    categories = {post.fields.get("category") for post in posts}
    for post in posts:
        wix_slugs = post.page.list_slugs
        for label in post.categories:
            kind = "category" if label in categories else "tag"
            moved[f"{blog}/categories/{wix_slugs.get(label, label)}"] = list_address(settings, kind, label)
        for label in post.page.tags:
            if label in wix_slugs:
                moved[f"{blog}/tags/{wix_slugs[label]}"] = list_address(settings, "tag", label)
            else:
                moved[f"{blog}/hashtags/{label}"] = list_address(settings, "tag", label)
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
