"""The search index: Pagefind indexes the finished pages into `pagefind/` in the output.

It runs on the `sitemap` signal of pelican-granular-signals, which comes after every plugin
that writes on `finalized` and before the compressed copies are made (`compress`), so the index
holds the pages as published and its own files are compressed with the rest.

Pagefind is run only when the pages changed: the index is kept in SEARCH_INDEX_CACHE under a
hash of every HTML file of the output and Pagefind's version, and linked from there otherwise.
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


def pages_hash(site):
    """A hash of the path and bytes of every HTML page of the site, and of Pagefind's version."""
    digest = hashlib.sha256(f"pagefind=={version('pagefind_bin')}".encode())
    for page in sorted(site.rglob("*.html")):
        digest.update(page.relative_to(site).as_posix().encode() + b"\0")
        digest.update(page.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def run_pagefind(site, index):
    """Index `site` with Pagefind, writing the index into `index`."""
    subprocess.run(
        [str(pagefind_executable()), "--site", str(site), "--output-path", str(index), "--quiet"],
        check=True,
    )


def prune(cache):
    """Delete all but the most recently used indexes."""
    indexes = sorted(cache.iterdir(), key=lambda index: index.stat().st_mtime, reverse=True)
    for index in indexes[KEPT_INDEXES:]:
        shutil.rmtree(index, ignore_errors=True)


def index_for_search(pelican):
    site = Path(pelican.output_path)
    target = site / INDEX_FOLDER
    cache = pelican.settings.get("SEARCH_INDEX_CACHE")
    if not cache:
        run_pagefind(site, target)
        return
    cache = Path(cache)
    cached = cache / pages_hash(site)
    if not cached.is_dir():
        partial = cache / f"{cached.name}.{os.getpid()}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        run_pagefind(site, partial)
        partial.rename(cached)
    os.utime(cached)
    shutil.rmtree(target, ignore_errors=True)  # the index of an earlier build into this folder
    shutil.copytree(cached, target, copy_function=link_or_copy)
    prune(cache)


def register():
    granular_signals.register()
    blinker.signal("sitemap").connect(index_for_search)
