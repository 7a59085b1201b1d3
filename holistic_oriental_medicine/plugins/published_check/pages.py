"""What a published page may hold, checked on the page as written.

The text of an article or page (inside the theme's `data-pagefind-body` wrapper) is held to the
same allow-list as the content checks (validate_content's `allowed_html`), plus the <picture>
markup the photos plugin writes, and must close everything it opens (`body_structure`). The
rest of the page is the theme's: its elements, no inline event handler or style, links of the
kinds articles may have (or a picture as a data: address), scripts only the theme's own files,
Pagefind's and the CMS's (in its own folder) or structured data, styles only the theme's own
stylesheets, and no `<meta http-equiv="refresh">` but on the pages at old addresses, which send
readers on to a page of this site.
"""

import posixpath
import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from holistic_oriental_medicine.checks.allowed_html import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    html_outside_the_allow_list,
)

from .body_structure import unbalanced

BODY_MARKER = "data-pagefind-body"
# The photos plugin's markup (holistic_oriental_medicine/plugins/photos/markup.py) in the text.
BODY_TAGS = ALLOWED_TAGS | {"picture", "source"}
BODY_ATTRIBUTES = {
    **ALLOWED_ATTRIBUTES,
    "img": ALLOWED_ATTRIBUTES["img"] | {"srcset", "sizes", "decoding", "fetchpriority"},
    "source": {"type", "srcset", "sizes"},
}
# The theme's own elements around the text.
THEME_TAGS = BODY_TAGS | {
    "html", "head", "body", "title", "meta", "link", "script", "header", "nav", "main", "article",
    "footer", "section", "aside", "address", "form", "input", "label", "button", "noscript",
}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "cite", "poster", "data", "background"}
# Structured data is the only script written into a page.
DATA_SCRIPT_TYPE = "application/ld+json"
LOADING_LINK_RELS = {"stylesheet", "preload", "modulepreload", "prefetch"}
# Said of what the allow-list finds in the text of a published page.
LINK_HINT = (
    " (found in the published page, where Pelican had rewritten the links: a link's #fragment or "
    "?query, or a linked file's name, may hold no HTML)"
)
SRCSET_URL = re.compile(r"\s*([^\s,]+)(?:\s+[\d.]+[wx])?\s*(?:,|$)")


class SitePlaces:
    """Where the site's own scripts and styles are, and how its pages address the site."""

    def __init__(self, settings):
        site_url = settings.get("SITEURL", "")
        self.site_url = site_url.rstrip("/") + "/" if site_url else None
        self.site_path = urlsplit(site_url).path.rstrip("/") + "/"
        theme = settings["THEME_STATIC_DIR"].strip("/") + "/"
        self.script_folders = (theme, "pagefind/")
        self.style_folders = (theme, "pagefind/")
        self.admin_folder = settings.get("CMS_ADMIN_DIR", "admin").strip("/") + "/"
        self.redirect_pages = set()

    def site_file(self, url, page):
        """The path in the output of a site-relative, root-relative or absolute address of this
        site, as seen from `page` (a path in the output); None for any other address."""
        parts = urlsplit(url)
        if self.site_url and url.startswith(self.site_url):
            return urlsplit(url[len(self.site_url):]).path
        if parts.scheme or parts.netloc:
            return None
        if parts.path.startswith("/"):
            return parts.path[len(self.site_path):] if parts.path.startswith(self.site_path) else None
        return posixpath.normpath(posixpath.join(posixpath.dirname(page), parts.path))


def safe_url(url, *, picture=False):
    """Whether `url` is relative, or of a kind articles may link to (a picture may be data:)."""
    scheme = urlsplit("".join(url.split())).scheme.lower()
    if picture and scheme == "data" and url.strip().lower().startswith("data:image/"):
        return True
    return not scheme or scheme in ALLOWED_URL_SCHEMES


def body_problems(page_text, tree):
    """(needle, message) for the article's text in the page: the allow-list, then its balance."""
    wrapper = tree.css_first(f"[{BODY_MARKER}]")
    if wrapper is None:
        return []
    found = html_outside_the_allow_list(wrapper.inner_html or "", BODY_TAGS, BODY_ATTRIBUTES)
    for node in wrapper.css("[srcset]"):
        found += [
            (url, f'shows a picture from "{url}", an address of a kind articles may not use.')
            for url in SRCSET_URL.findall(node.attributes["srcset"] or "")
            if not safe_url(url)
        ]
    found = [(needle, message + LINK_HINT) for needle, message in found]
    marker = page_text.find(BODY_MARKER)
    start = page_text.find(">", marker) + 1
    problem = unbalanced(page_text, start)
    return found + ([problem] if problem else [])


def theme_problems(tree, page, places):
    """(needle, message) for what the page holds outside the article's text."""
    wrapper = tree.css_first(f"[{BODY_MARKER}]")
    inside = set()
    if wrapper is not None:
        inside = {node.mem_id for node in wrapper.css("*")}
    found = []
    for node in tree.css("*"):
        if node.mem_id in inside:
            continue
        found += node_problems(node, page, places)
    return found


def node_problems(node, page, places):
    tag, attributes = node.tag, {name: value or "" for name, value in node.attributes.items()}
    if tag not in THEME_TAGS:
        return [(f"<{tag}", f"has a <{tag}>, which no page of the site may hold.")]
    found = []
    for name, value in attributes.items():
        if name.startswith("on"):
            found.append((f"{name}=", f'has an inline event handler ({name}="…") on a <{tag}>.'))
        elif name in ("style", "srcdoc"):
            found.append((f"{name}=", f'has the attribute {name}="…" on a <{tag}>, which no page '
                          "of the site may use."))
        elif name in URL_ATTRIBUTES and not safe_url(value, picture=tag in ("link", "img")):
            found.append((value, f'links to "{value}", an address of a kind the site may not '
                          "link to."))
    if tag == "script":
        found += script_problems(node, attributes, page, places)
    elif tag == "link" and LOADING_LINK_RELS & set(attributes.get("rel", "").lower().split()):
        file = places.site_file(attributes.get("href", ""), page)
        if file is None or not file.startswith(places.style_folders):
            found.append((attributes.get("href", ""), f'loads "{attributes.get("href")}", which is '
                          "not one of the theme's own files."))
    elif tag == "meta" and "http-equiv" in attributes:
        found += meta_problems(attributes, page, places)
    return found


def script_problems(node, attributes, page, places):
    if "src" not in attributes:
        if attributes.get("type", "").strip().lower() == DATA_SCRIPT_TYPE:
            return []
        return [("<script", "has a <script> written into the page; only the theme's own script "
                 "files may run.")]
    file = places.site_file(attributes["src"], page)
    folders = places.script_folders
    if page.startswith(places.admin_folder):
        folders = (*folders, places.admin_folder)
    if file is None or not file.startswith(folders):
        return [(attributes["src"], f'runs the script "{attributes["src"]}", which is not one of '
                 "the theme's own files.")]
    return []


def meta_problems(attributes, page, places):
    kind = attributes["http-equiv"].strip().lower()
    if kind == "content-security-policy":
        return []
    if kind == "refresh" and page in places.redirect_pages:
        target = attributes.get("content", "").partition("url=")[2].strip()
        if places.site_file(target, page) is not None:
            return []
    return [("http-equiv", f'has a <meta http-equiv="{attributes["http-equiv"]}">, which would '
             "send readers elsewhere or change how the page runs.")]


def page_problems(page_text, page, places):
    """Every (needle, message) of the published page `page` (its path in the output)."""
    tree = LexborHTMLParser(page_text)
    return body_problems(page_text, tree) + theme_problems(tree, page, places)
