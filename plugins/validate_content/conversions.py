"""Markdown converted once per source and kept between builds, in a cache that is never stale.

Converting Markdown is most of a build's work. Each source's body is converted once, by the
reader, and the HTML kept under the SHA-256 of the source file's bytes. The cache is a file in
MARKDOWN_CACHE named by a fingerprint of everything else the HTML depends on: the MARKDOWN
setting, the versions of Python-Markdown and of the packages of its extensions, and the code of
this package (which splits the source and calls Markdown). Change any of them and the build
uses a new, empty cache; nothing else (checks, metadata, templates) is ever cached, so a cached
build writes the same files as a clean one. The process keeps the cache in memory too, so the
live preview reuses it between saves without reading the file again.

Before reading, `convert_in_parallel` converts the sources missing from the cache on every core
(or on MARKDOWN_PROCESSES of them, when set).
"""

import hashlib
import importlib.util
import json
import multiprocessing
import os
import pickle
import sys
from concurrent.futures import ProcessPoolExecutor
from importlib.metadata import packages_distributions, version
from pathlib import Path

import markdown

PACKAGE_SOURCES = sorted(Path(__file__).parent.glob("*.py"))


def code_hash(sources):
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


# The code as this process runs it: the live preview keeps running the code it started with,
# even once a file changes on disk, so its cache must be named for that code.
CODE_HASH = code_hash(PACKAGE_SOURCES)
# Below this many missing conversions, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16


def fingerprint(settings):
    """A hash of what the HTML of a Markdown source depends on, besides the source itself."""
    markdown_settings = settings["MARKDOWN"]
    extensions = [*markdown_settings.get("extensions", []), *markdown_settings.get("extension_configs", {})]
    distributions = packages_distributions()
    versions = sorted(
        {
            f"{name}=={version(name)}"
            for extension in extensions
            if isinstance(extension, str)
            for name in distributions.get(extension.split(".")[0], [])
        }
    )
    # Extensions of this project's own (plugins/table_alignment.py) have no version: their code.
    own_extensions = [
        Path(spec.origin)
        for extension in extensions
        if isinstance(extension, str) and extension.split(".")[0] not in distributions
        and (spec := importlib.util.find_spec(extension)) and spec.origin
    ]
    digest = hashlib.sha256()
    digest.update(code_hash(own_extensions).encode())
    digest.update(json.dumps(markdown_settings, sort_keys=True, default=repr).encode())
    digest.update(f"markdown=={markdown.__version__} {versions} {sys.version_info[:2]}".encode())
    digest.update(CODE_HASH.encode())
    return digest.hexdigest()[:24]


def source_key(raw):
    return hashlib.sha256(raw).hexdigest()


class ConversionCache:
    """The HTML of each source's body, by the hash of the source, for one fingerprint."""

    def __init__(self):
        self.folder = None
        self.fingerprint = None
        self.html = {}
        self.used = set()
        # Sources converted since the last build saved the cache (the live preview converts a
        # saved source just before its build), and how many the last build counted.
        self.converted = self.converted_in_last_build = 0

    def start(self, settings):
        """Begin a build: load the cache for these settings, unless it is in memory already."""
        folder, current = settings.get("MARKDOWN_CACHE"), fingerprint(settings)
        if (folder, current) != (self.folder, self.fingerprint):
            self.folder, self.fingerprint = folder, current
            self.html = self._load()
        self.used = set()

    def _file(self):
        return Path(self.folder, f"{self.fingerprint}.pickle")

    def _load(self):
        if not self.folder:
            return {}
        try:
            with open(self._file(), "rb") as cache_file:
                return pickle.load(cache_file)
        except (OSError, EOFError, pickle.UnpicklingError):
            return {}

    def html_of(self, raw, body, convert):
        """The HTML of `body` (from the source `raw`), converted by `convert` only if not cached."""
        key = source_key(raw)
        self.used.add(key)
        if key not in self.html:
            self.html[key] = convert(body)
            self.converted += 1
        return self.html[key]

    def keep_using(self, key):
        """Keep the HTML of a source whose reading was taken from memory, unread."""
        self.used.add(key)

    def save(self):
        """Keep what this build used, and only that: a changed source's old HTML is dropped, as
        are the caches of other fingerprints."""
        unchanged = self.converted == 0 and self.used == set(self.html)
        self.converted_in_last_build, self.converted = self.converted, 0
        self.html = {key: html for key, html in self.html.items() if key in self.used}
        if not self.folder or (unchanged and self._file().exists()):
            return
        folder = Path(self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{self.fingerprint}.{os.getpid()}.partial"
        with open(partial, "wb") as cache_file:
            pickle.dump(self.html, cache_file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self._file())
        for stale in folder.glob("*.pickle"):
            if stale != self._file():
                stale.unlink(missing_ok=True)


# The conversions of the build under way, kept in memory between builds of one process.
conversion_cache = ConversionCache()


def markdown_sources(settings, extensions):
    """The Markdown files among the articles and pages."""
    content = Path(settings["PATH"])
    return sorted(
        path
        for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
        for path in (content / folder).rglob("*")
        if path.suffix.lstrip(".") in extensions and path.is_file()
    )


_worker_reader = None


def _start_worker(reader_class, settings):
    global _worker_reader
    _worker_reader = reader_class(settings)


def _convert_in_worker(path):
    """The new conversions reading `path` makes, in a worker process."""
    conversion_cache.used = set()
    try:
        _worker_reader.source_problems(path)
    except Exception:  # noqa: BLE001 (the build's own reading of the file reports it)
        return {}
    return {key: conversion_cache.html[key] for key in conversion_cache.used}


def convert_in_parallel(settings, reader_class):
    """Convert the sources missing from the cache in worker processes, one per core, each
    reading them exactly as the build's reader does; the build then finds them cached."""
    missing = []
    for path in markdown_sources(settings, reader_class.file_extensions):
        try:
            if source_key(path.read_bytes()) not in conversion_cache.html:
                missing.append(path)
        except OSError:
            continue
    processes = settings.get("MARKDOWN_PROCESSES") or os.cpu_count() or 1
    workers = min(processes, len(missing) // PARALLEL_THRESHOLD)
    if workers < 2:
        return
    # Forked workers start with this process's settings and code, as they are now.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, context, _start_worker, (reader_class, settings)) as pool:
        for done, converted in enumerate(pool.map(_convert_in_worker, missing, chunksize=8), 1):
            conversion_cache.html.update(converted)
            conversion_cache.converted += len(converted)
            show_progress(done, len(missing))


def show_progress(done, total):
    """How far the conversions are, on a terminal only (CI logs stay quiet)."""
    if not sys.stderr.isatty():
        return
    sys.stderr.write(f"\rConverting Markdown: {done:,} of {total:,}" if done < total else "\r\033[K")
    sys.stderr.flush()
