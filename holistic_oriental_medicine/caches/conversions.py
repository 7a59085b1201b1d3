"""Markdown converted once per source and kept between builds, in a cache that is never stale.

Converting Markdown is most of the work of reading a source. Each source's body is converted
once, by the reader, and the HTML kept under the SHA-256 of the source file's bytes. The cache
is a file in the cache folder `markdown` (in CACHE_PATH) named by a fingerprint of everything else the HTML depends on: the
MARKDOWN setting, the versions of Python-Markdown and of the packages of its extensions, and the
code of this package (which splits the source and calls Markdown). Change any of them and the
build uses a new, empty cache. The process keeps the cache in memory too, so the live preview
reuses it between saves without reading the file again.

Whole readings are cached too (`readings`), under a fingerprint that includes this one; the
conversions outlive them when only something else changes (a setting, the day, a new file).
"""

import functools
import hashlib
import importlib.util
import json
import sys
from importlib.metadata import packages_distributions, version
from pathlib import Path

import markdown

from holistic_oriental_medicine import PACKAGE_FOLDER

from .pickled_cache import PickledCache

# The code that reads and converts a source: the whole package but its tests.
PACKAGE_SOURCES = sorted(path for path in PACKAGE_FOLDER.rglob("*.py")
                         if not path.name.startswith("test_"))


def code_hash(sources):
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()


# Which distribution provides which module: asked once per process, since asking takes a
# tenth of a second.
installed_distributions = functools.cache(packages_distributions)
# The code as this process runs it: the live preview keeps running the code it started with,
# even once a file changes on disk, so its cache must be named for that code.
CODE_HASH = code_hash(PACKAGE_SOURCES)


def fingerprint(settings):
    """A hash of what the HTML of a Markdown source depends on, besides the source itself."""
    markdown_settings = settings["MARKDOWN"]
    extensions = [*markdown_settings.get("extensions", []), *markdown_settings.get("extension_configs", {})]
    distributions = installed_distributions()
    versions = sorted(
        {
            f"{name}=={version(name)}"
            for extension in extensions
            if isinstance(extension, str)
            for name in distributions.get(extension.split(".")[0], [])
        }
    )
    # Extensions of this project's own (holistic_oriental_medicine/plugins/table_alignment/) have no version: their code.
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


class ConversionCache(PickledCache):
    """The HTML of each source's body, by the hash of the source, for one fingerprint."""

    def __init__(self):
        super().__init__("markdown")
        # How many sources the last build converted (its `added`, counted as it is saved).
        self.converted_in_last_build = 0

    def start(self, settings):
        super().start(settings, fingerprint(settings))

    def html_of(self, raw, body, convert):
        """The HTML of `body` (from the source `raw`), converted by `convert` only if not cached."""
        key = source_key(raw)
        html = self.get(key)
        if html is None:
            html = convert(body)
            self.put(key, html)
        return html

    def save(self):
        self.converted_in_last_build = self.added
        super().save()


# The conversions of the build under way, kept in memory between builds of one process.
conversion_cache = ConversionCache()
