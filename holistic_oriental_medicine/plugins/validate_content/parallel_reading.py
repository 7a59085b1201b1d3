"""The sources missing from the reading cache, read on every core before the build reads.

Worker processes (WORKER_PROCESSES, one per core unless set), forked with this process's
settings and code, read each source exactly as the build's reader does and send back
its reading and new conversions; the build then recalls them. A source with problems sends back
no reading: the build reads it again itself, and reports its problems as a serial build does.
"""

import sys
from pathlib import Path

from holistic_oriental_medicine.builds.workers import worker_count, worker_pool
from holistic_oriental_medicine.caches.conversions import conversion_cache
from holistic_oriental_medicine.caches.readings import reading_cache
from holistic_oriental_medicine.checks.source_text import source_bytes

# Below this many sources to read, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 16


def markdown_sources(settings, extensions):
    """The Markdown files among the articles and pages."""
    content = Path(settings["PATH"])
    return sorted(
        path
        for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]
        for path in (content / folder).rglob("*")
        if path.suffix.lstrip(".") in extensions and path.is_file()
    )


def unread_sources(settings, extensions):
    """The sources whose reading (or its HTML) is not in the caches."""
    unread = []
    for path in markdown_sources(settings, extensions):
        try:
            key = reading_cache.key(path, path.read_bytes(), settings)
        except OSError:
            continue
        if key not in reading_cache.entries or key[1] not in conversion_cache.entries:
            unread.append(path)
    return unread


_worker_reader = None


def _start_worker(reader_class, settings):
    global _worker_reader
    _worker_reader = reader_class(settings)


def _read_in_worker(path):
    """(key, what the reading cache keeps of its reading or None, the conversions it used) of
    the source at `path`."""
    conversion_cache.used = set()
    try:
        raw = source_bytes(path)
        _problems, reading = _worker_reader.checked_reading(str(path), raw)
    except Exception:  # noqa: BLE001 (the build's own reading of the file reports it)
        return None, None, {}
    converted = {key: conversion_cache.entries[key] for key in conversion_cache.used}
    kept = None if reading is None else reading_cache.kept(*reading)
    return reading_cache.key(path, raw, _worker_reader.settings), kept, converted


def read_in_parallel(settings, reader_class):
    """Read the sources missing from the reading cache in worker processes; the build then
    finds their readings (and conversions) cached."""
    unread = unread_sources(settings, reader_class.file_extensions)
    workers = worker_count(settings, len(unread), PARALLEL_THRESHOLD)
    if workers < 2:
        return
    with worker_pool(workers, _start_worker, (reader_class, settings)) as pool:
        for done, (key, reading, converted) in enumerate(pool.map(_read_in_worker, unread, chunksize=8), 1):
            for source_hash, html in converted.items():
                if conversion_cache.get(source_hash) is None:
                    conversion_cache.put(source_hash, html)
            if reading is not None:
                reading_cache.put(key, reading)
            show_progress(done, len(unread))


def show_progress(done, total):
    """How far the reading is, on a terminal only (CI logs stay quiet)."""
    if not sys.stderr.isatty():
        return
    sys.stderr.write(f"\rReading Markdown: {done:,} of {total:,}" if done < total else "\r\033[K")
    sys.stderr.flush()
