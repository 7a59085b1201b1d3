"""Whole readings of clean sources, kept between builds in a cache that is never stale.

Reading a source (parsing its front matter, running every check, converting its body, making
Pelican's metadata, finding its uncited claims) is most of a build's work. The reading of each
source without problems, its slug, metadata and claims (its HTML is in the conversion cache), is
kept under the source's path
in the content folder and the SHA-256 of its bytes, in a file in the cache folder `readings` named by a
fingerprint of everything else a reading
depends on (`reading_fingerprint`: the settings, the plugins' code, the packages, the theme's
template names, today's date, the files in the content folder). A build whose fingerprint
differs uses a new, empty cache, so a recalled reading is always the one reading again would
give. Sources with problems are never kept: they are read, and reported, on every build.

The process keeps the cache in memory too, so the live preview recalls every unchanged source
on each save without reading the file again, and reads only what was saved.

Pelican's tags, categories and authors carry the settings: they are kept as (kind, name) and
made again, with the settings of the build that recalls them.
"""

import os
from pathlib import Path
from typing import NamedTuple

from pelican.urlwrappers import Author, Category, Tag, URLWrapper

from .conversions import conversion_cache, source_key
from .pickled_cache import PickledCache
from .reading_fingerprint import reading_fingerprint

TERMS = {kind.__name__: kind for kind in (Author, Category, Tag)}


class Term(NamedTuple):
    """A tag, category or author, without the settings it carries."""

    kind: str
    name: str


def portable(value):
    """`value` (metadata) with its terms as `Term`s, in new lists and dicts."""
    if isinstance(value, URLWrapper):
        return Term(type(value).__name__, value.name)
    if isinstance(value, list):
        return [portable(item) for item in value]
    if isinstance(value, dict):
        return {name: portable(item) for name, item in value.items()}
    return value


def alive(value, settings):
    """`value` as `portable` kept it, with its terms made again with `settings`: a new copy that
    Pelican and the plugins may change without changing the kept reading."""
    if isinstance(value, Term):
        return TERMS[value.kind](value.name, settings)
    if isinstance(value, list):
        return [alive(item, settings) for item in value]
    if isinstance(value, dict):
        return {name: alive(item, settings) for name, item in value.items()}
    return value


class ReadingCache(PickledCache):
    """(slug, portable metadata, uncited claims) of each clean source, by (path, hash of its
    bytes). Its HTML is the conversion cache's, under the same hash: a reading holds no copy."""

    def start(self, settings):
        super().start(settings, reading_fingerprint(settings))

    @staticmethod
    def key(source_path, raw, settings):
        return Path(os.path.relpath(source_path, settings["PATH"])).as_posix(), source_key(raw)

    @staticmethod
    def kept(slug, html, metadata, claims):
        """What the cache keeps of a reading."""
        return slug, portable(metadata), claims

    def recall(self, key, settings):
        """(slug, HTML, metadata, uncited claims) of the source read before, or None."""
        kept = self.get(key)
        html = None if kept is None else conversion_cache.get(key[1])
        if html is None:
            return None
        slug, metadata, claims = kept
        return slug, html, alive(metadata, settings), claims

    def keep(self, key, reading):
        self.put(key, self.kept(*reading))


# The readings of the build under way, kept in memory between builds of one process.
reading_cache = ReadingCache("readings")
