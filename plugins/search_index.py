"""The search index: Pagefind indexes the finished pages into `pagefind/` in the output.

It runs on the `sitemap` signal of pelican-granular-signals, which comes after every plugin
that writes on `finalized` and before the compressed copies are made (`compress`), so the index
holds the pages as published and its own files are compressed with the rest.

Pagefind is run only when the pages changed: the index is kept in SEARCH_INDEX_CACHE under a
hash of every HTML file of the output and Pagefind's version, and linked from there otherwise.

The live preview sets `index_later`: a build whose pages changed then links the index it put in
place last (a search finds the text of a moment ago) and leaves the new index pending; the
preview makes it (`make_pending_index`) once the new pages are served, so that indexing the
whole site again does not hold them up.
"""

import hashlib
import os
import shutil
import subprocess
from importlib.metadata import version
from pathlib import Path

import blinker
from pagefind_bin import get_executable as pagefind_executable
from pelican.plugins import granular_signals

from kept_files import link_or_copy

INDEX_FOLDER = "pagefind"
# Indexes kept in the cache: those of the latest builds (preview and production differ).
KEPT_INDEXES = 4
# Seconds between two looks at whether an index under way is still wanted.
STOP_CHECK_SECONDS = 0.05

# Set by the live preview (see above).
index_later = False
# The cached index this process put in place last, and the one a build left pending.
last_index = None
pending_index = None


def pages_hash(site):
    """A hash of the path and bytes of every HTML page of the site, and of Pagefind's version."""
    digest = hashlib.sha256(f"pagefind=={version('pagefind_bin')}".encode())
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0")
        digest.update(page.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def run_pagefind(site, index, stop=lambda: False):
    """Index `site` with Pagefind, writing the index into `index`; False if `stop()` said to
    give up first."""
    command = [str(pagefind_executable()), "--site", str(site), "--output-path", str(index), "--quiet"]
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


def make_cached_index(site, cached, stop=lambda: False):
    """Index `site` into the cache folder `cached`, which appears only once complete; False if
    `stop()` said to give up first."""
    partial = cached.with_name(f"{cached.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    if not run_pagefind(site, partial, stop):
        shutil.rmtree(partial, ignore_errors=True)
        return False
    partial.rename(cached)
    return True


def put_in_place(cached, site):
    """Link the cached index into `site`, in place of any index there (of an earlier build into
    this folder, or the one a pending index replaces while the site is served)."""
    global last_index
    target = site / INDEX_FOLDER
    incoming, retired = site / f".{INDEX_FOLDER}-incoming", site / f".{INDEX_FOLDER}-retired"
    for folder in (incoming, retired):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(cached, incoming, copy_function=link_or_copy)
    if target.exists():
        target.rename(retired)
    incoming.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
    os.utime(cached)
    last_index = cached
    prune(cached.parent)


def prune(cache):
    """Delete all but the most recently used indexes."""
    indexes = sorted(cache.iterdir(), key=lambda index: index.stat().st_mtime, reverse=True)
    for index in indexes[KEPT_INDEXES:]:
        shutil.rmtree(index, ignore_errors=True)


def index_for_search(pelican):
    global pending_index
    site = Path(pelican.output_path)
    pending_index = None
    cache = pelican.settings.get("SEARCH_INDEX_CACHE")
    if not cache:
        run_pagefind(site, site / INDEX_FOLDER)
        return
    cached = Path(cache) / pages_hash(site)
    if not cached.is_dir():
        if index_later and last_index is not None and last_index.is_dir():
            put_in_place(last_index, site)
            pending_index = cached
            return
        make_cached_index(site, cached)
    put_in_place(cached, site)


def make_pending_index(site, stop=lambda: False):
    """Make the index the last build left pending from its pages, now served at `site`, and
    put it in place there. False if `stop()` said to give up first (a newer build is due,
    which leaves an index pending of its own)."""
    global pending_index
    cached, pending_index = pending_index, None
    if cached is None:
        return True
    if not cached.is_dir() and not make_cached_index(site, cached, stop):
        return False
    put_in_place(cached, site)
    return True


def register():
    granular_signals.register()
    blinker.signal("sitemap").connect(index_for_search)
