"""Checks of an article's rendered body: links and pictures that point at files, and link
names. (What HTML it may contain is `allowed_html`'s job.)

Each check takes the HTML Markdown made of the body and returns (needle, message) pairs; the
needle is the text as the editor wrote it, so the caller can tell the line it is on.
"""

import difflib
import functools
import os
import posixpath
import re
from html import unescape
from pathlib import Path
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

# Pelican's own link placeholders that name a file in the content folder.
FILE_PLACEHOLDERS = ("{filename}", "{static}", "{attach}", "|filename|", "|static|", "|attach|")
LINK_ATTRIBUTES = {"href", "src"}
# Link targets Pelican itself understands, such as {filename}article.md or {tag}acupuncture.
PELICAN_LINK_NAMES = {"filename", "static", "attach", "category", "tag", "author", "index"}
_LINK_NAME = re.compile(r"[{|](\w+)[|}]")


# The checks of one article read its elements one after another (the allow-list, its cleaned
# copy, files, link names, markup in links): each fragment is parsed once. Callers only read.
@functools.lru_cache(maxsize=2)
def elements(html):
    """(tag, attributes) of every element of an HTML fragment, wherever the HTML parser puts it
    (a leading <script> lands in <head>, attributes of a stray <body> on the body)."""
    return tuple(
        (node.tag, {name: value or "" for name, value in node.attributes.items()})
        for node in LexborHTMLParser(html).css("*")
    )


def _placeholder_target(reference):
    """The path after a {filename}/{static}/{attach} placeholder, or None."""
    for placeholder in FILE_PLACEHOLDERS:
        if reference.startswith(placeholder):
            return unquote(urlsplit(reference[len(placeholder) :]).path)
    return None


def _resolve(path, source_path, content_root):
    base = content_root if path.startswith("/") else source_path.parent
    return (base / path.lstrip("/")).resolve()


def _closest_file(target, source_path, content_root):
    """The file in the content folder whose path, written as `target` is, is most like
    `target` (a misspelt link), or None."""
    base, prefix = (content_root, "/") if target.startswith("/") else (source_path.parent, "")
    written = {
        prefix + Path(os.path.relpath(path, base)).as_posix(): path
        for path in content_root.rglob("*")
        if path.is_file()
    }
    matches = difflib.get_close_matches(target, written, n=1, cutoff=0.8)
    return matches[0] if matches else None


def _plain_picture(reference, source_path, content_root):
    """Whether a plain relative path names a file beside the source or from the content folder,
    as `![…](images/room.jpg)` does for the photos plugin."""
    if reference.startswith("/"):
        return False
    path = unquote(urlsplit(reference).path)
    return any(
        file.is_file() and file.is_relative_to(content_root)
        for file in ((source_path.parent / path).resolve(), (content_root / path).resolve())
    )


def missing_files(html, source_path, content_root):
    """Links and pictures whose file is not in the content folder, and pictures without alt text."""
    source_path, content_root = Path(source_path).resolve(), Path(content_root).resolve()
    found = []
    for tag, attributes in elements(html):
        attribute = "src" if tag == "img" else "href"
        reference = attributes.get(attribute)
        if reference is None:
            continue
        target = _placeholder_target(reference)
        if target is not None:
            file = _resolve(target, source_path, content_root)
            if not file.is_file() or not file.is_relative_to(content_root):
                guess = _closest_file(target, source_path, content_root)
                found.append(
                    (reference, f'links to "{reference}", but there is no such file in the content '
                     + (f'folder. Did you mean "{guess}"?' if guess else
                        "folder. Check the file name, or add the file."))
                )
        elif (
            tag == "img"
            and not urlsplit(reference).scheme
            and not reference.startswith("//")
            and not _plain_picture(reference, source_path, content_root)
        ):
            found.append(
                (reference, f'shows the picture "{reference}", but there is no such file beside '
                 "the article or in the content folder. Check the file name, or put the picture "
                 f"in content/images/ and write ![description](images/{Path(reference).name}).")
            )
        if tag == "img" and not attributes.get("alt", "").strip():
            found.append(
                (reference, f'shows the picture "{reference}" without a description. Describe it '
                 "between the brackets: ![Needles placed along the lower back](…), or write "
                 "![decorative](…) for a picture that only decorates.")
            )
    return found


def links_outside_the_site(html, relative_dir, site_files):
    """`{filename}` links to files that exist but that the site does not publish (not an
    article, page or static file), which Pelican would leave as written."""
    return [
        (reference, f'links to "{reference}", a file the site does not publish. '
         "Link to an article or page (.md), or to a picture in content/images/.")
        for reference, path in file_links(html, relative_dir)
        if path not in site_files
    ]


def file_links(html, relative_dir):
    """(reference, path in the content folder) of each {filename}/{static}/{attach} link."""
    found = []
    for _tag, attributes in elements(html):
        for attribute in LINK_ATTRIBUTES & attributes.keys():
            reference = attributes[attribute]
            target = _placeholder_target(reference)
            if target is not None:
                path = target[1:] if target.startswith("/") else posixpath.join(relative_dir, target)
                found.append((reference, posixpath.normpath(path)))
    return found


# Characters that end an attribute or start a tag. Pelican writes a link's #fragment and ?query
# back after un-escaping them (when the file name needed it), and a linked file's name as it is,
# into the published page: none of them may hold any of these.
MARKUP_CHARACTERS = set('"\'<>`')


def markup_in_file_links(html):
    """{filename}/{static}/{attach} links whose address (decoded as Pelican may decode it) holds
    a character that would end the attribute in the published page and start markup."""
    found = []
    for tag, attributes in elements(html):
        for attribute in LINK_ATTRIBUTES & attributes.keys():
            reference = attributes[attribute]
            if not reference.startswith(FILE_PLACEHOLDERS):
                continue
            bad = sorted(MARKUP_CHARACTERS & set(reference + unquote(reference)))
            if bad or any(char.isspace() for char in reference):
                shown = " ".join(bad) or "a space"
                found.append((reference, f'links to "{reference[:80]}", whose address holds '
                              f"{shown}: the published page would read it as HTML. Remove it from "
                              "the link (after # or ?), or rename the linked file without it."))
    return found


def term_links(html):
    """(reference, kind, name) of each {tag}, {category} and {author} link."""
    found = []
    for _tag, attributes in elements(html):
        for attribute in LINK_ATTRIBUTES & attributes.keys():
            reference = attributes[attribute]
            match = _LINK_NAME.match(reference)
            if match and match[1] in ("tag", "category", "author"):
                found.append((reference, match[1], unquote(reference[match.end() :])))
    return found


def unknown_link_names(html, clinic_link_names):
    """Link targets such as {phone} that neither Pelican nor the clinic's links know, and
    clinic links with more after them ({tel}x), which name no address."""
    known = PELICAN_LINK_NAMES | set(clinic_link_names)
    found = []
    for _tag, attributes in elements(html):
        for attribute in LINK_ATTRIBUTES & attributes.keys():
            reference = attributes[attribute]
            match = _LINK_NAME.match(reference)
            if match and match[1] in clinic_link_names and reference != f"{{{match[1]}}}":
                found.append(
                    (reference, f'links to "{reference}", but {{{match[1]}}} is a whole address '
                     f"of its own. Write ({{{match[1]}}}) with nothing before or after it.")
                )
            elif match and match[1] not in known:
                names = ", ".join(f"{{{name}}}" for name in sorted(clinic_link_names))
                found.append(
                    (match[0], f'links to "{match[0]}", a link name the site does not know. '
                     f"Use {names}, or {{filename}} before the name of an article.")
                )
    return found


def line_of(text, needle):
    """The first line of `text` that contains `needle` (ignoring case), as written or with its
    HTML character references read (`&#x6A;avascript:`), or None."""
    needle = needle.lower()
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line.lower() or needle in unescape(line).lower():
            return number
    return None
