"""The search index: Pagefind indexes the finished pages into `pagefind/` in the output.

It runs on the `sitemap` signal of pelican-granular-signals, which comes after every plugin
that writes on `finalized` and before the compressed copies are made (`compress`), so the index
holds the pages as published and its own files are compressed with the rest.

Pagefind is run only when the pages changed: the index is kept in the cache folder
`search-index` under a hash of every HTML file of the output and Pagefind's version, and linked
from there otherwise.

Pagefind indexes only the pages that mark a search body (`data-pagefind-body`: articles and
pages) once any does, and reads every page to find them; it is given a glob of the places of the
marked pages (`*/index.html`), so that it reads those and not the lists, tags and archives,
which it would leave out anyway: the same index, made faster and in less memory.

The live preview sets `index_later`: a build whose pages changed then links the index it put in
place last (a search finds the text of a moment ago) and leaves the new index pending; the
preview makes it (`make_pending_index`) once the new pages are served, so that indexing the
whole site again does not hold them up. An index no longer used (in the cache, or in a site the
index of a newer build replaces) is deleted later, as every cache's folders are (one holds a
file per page), so that a save made once the new index is served is not held up either.
"""

import hashlib
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import blinker
from pagefind_bin import get_executable as pagefind_executable
from pelican.plugins import granular_signals

from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.caches.kept_files import link_or_copy

INDEX_FOLDER = "pagefind"
CACHE_NAME = "search-index"
# Seconds between two looks at whether an index under way is still wanted.
STOP_CHECK_SECONDS = 0.05

# What marks the part of a page that search finds (and a page that has one).
SEARCH_BODY = b"data-pagefind-body"

# Set by the live preview (see above).
index_later = False
# The cache folder of the build under way.
index_cache = None
# The cached index this process put in place last, and the one a build left pending (with the
# glob of its pages).
last_index = None
pending_index = None


def place_of(page):
    """A glob of the pages placed like `page` (relative to the site): `a-post/index.html`
    gives `*/index.html`, `drafts/a-post/index.html` `*/*/index.html`."""
    *folders, name = page.parts
    return "/".join(["*"] * len(folders) + [name if name == "index.html" else "*.html"])


def read_pages(site):
    """(hash, glob) of the site's HTML pages: a hash of the path and bytes of every page and of
    Pagefind's version; a glob of the places of the pages that mark a search body (None if
    none does: Pagefind then indexes every page)."""
    digest = hashlib.sha256(f"pagefind=={version('pagefind_bin')}".encode())
    places = set()
    for page in sorted(site.rglob("*.html")):
        relative, text = page.relative_to(site), page.read_bytes()
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(text + b"\0")
        if SEARCH_BODY in text:
            places.add(place_of(relative))
    glob = "{" + ",".join(sorted(places)) + "}" if places else None
    return digest.hexdigest()[:24], glob


def run_pagefind(site, index, glob=None, stop=lambda: False):
    """Index the pages of `site` that `glob` matches (all if None) with Pagefind, writing the
    index into `index`; False if `stop()` said to give up first."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(index), "--quiet"]
    if glob:
        command += ["--glob", glob]
    process = subprocess.Popen(command)
    while True:
        try:
            returncode = process.wait(timeout=STOP_CHECK_SECONDS)
            break
        except subprocess.TimeoutExpired:
            if stop():
                process.terminate()
                process.wait()
                return False
    if returncode:
        raise subprocess.CalledProcessError(returncode, command)
    return True


class Stopped(Exception):
    """Indexing was given up: a newer build is due."""


def make_cached_index(site, cached, glob, stop=lambda: False):
    """Index `site` (the pages `glob` matches) into the cache folder `cached`, which appears
    only once complete; False if `stop()` said to give up first."""
    try:
        with folders.written_folder(cached) as partial:
            if not run_pagefind(site, partial, glob, stop):
                raise Stopped
    except Stopped:
        return False
    return True


def put_in_place(cached, site):
    """Link the cached index into `site`, in place of any index there (of an earlier build into
    this folder, or the one a pending index replaces while the site is served)."""
    global last_index
    target = site / INDEX_FOLDER
    with folders.staging_folder(target) as incoming:
        shutil.copytree(cached, incoming, copy_function=link_or_copy, dirs_exist_ok=True)
        folders.swap(target, incoming)
    folders.mark_used(cached)
    last_index = cached
    index_cache.prune()


def index_for_search(pelican):
    global pending_index, index_cache
    site = Path(pelican.output_path)
    pending_index = None
    pages_hash, glob = read_pages(site)
    index_cache = folders.CacheFolder(pelican.settings, CACHE_NAME)
    cached = index_cache / pages_hash
    if not cached.is_dir():
        if index_later and last_index is not None and last_index.is_dir():
            put_in_place(last_index, site)
            pending_index = (cached, glob)
            return
        make_cached_index(site, cached, glob)
    put_in_place(cached, site)


def make_pending_index(site, stop=lambda: False):
    """Make the index the last build left pending from its pages, now served at `site`, and
    put it in place there. False if `stop()` said to give up first (a newer build is due,
    which leaves an index pending of its own)."""
    global pending_index
    pending, pending_index = pending_index, None
    if pending is None:
        return True
    cached, glob = pending
    if not cached.is_dir() and not make_cached_index(site, cached, glob, stop):
        return False
    put_in_place(cached, site)
    return True


def register():
    granular_signals.register()
    blinker.signal("sitemap").connect(index_for_search)
