"""Compressed copies kept between builds, so a publish compresses only the files that changed.

pelican-precompress writes the brotli and gzip copies on the `compress` signal of
pelican-granular-signals, and leaves a copy alone when one is already there. Before it runs
(on `minify`), this plugin puts back the copies of every file whose bytes an earlier build
compressed; after it (on `deploy`), it keeps the copies of this build in
COMPRESSED_COPIES_CACHE, named by the hash of the file they compress, and deletes the others.
Brotli and gzip give the same bytes for the same input, so a copy from the cache is the copy
pelican-precompress would write.
"""

import hashlib
import shutil
from pathlib import Path

import blinker
from pelican.plugins import granular_signals, precompress

from kept_files import link_or_copy


def copy_extensions(settings):
    return [
        extension
        for extension, setting in ((".br", "PRECOMPRESS_BROTLI"), (".gz", "PRECOMPRESS_GZIP"))
        if settings.get(setting)
    ]


# The hash of each file hashed in this build, under the file's identity, size and time: the
# files are hashed before pelican-precompress runs and looked at again after it, and only a file
# written in between would be read again.
_hashes = {}


def file_hash(path):
    stat = path.stat()
    identity = (stat.st_ino, stat.st_size, stat.st_mtime_ns)
    known = _hashes.get(path)
    if known is None or known[0] != identity:
        known = _hashes[path] = (identity, hashlib.sha256(path.read_bytes()).hexdigest())
    return known[1]


def compressible_files(settings, output):
    """(file, hash of its bytes) of each file pelican-precompress compresses."""
    extensions = settings["PRECOMPRESS_TEXT_EXTENSIONS"]
    minimum = settings["PRECOMPRESS_MIN_SIZE"]
    for path in sorted(Path(output).rglob("*")):
        if path.suffix in extensions and path.is_file() and path.stat().st_size >= minimum:
            yield path, file_hash(path)


def put_back_cached_copies(pelican):
    cache = pelican.settings.get("COMPRESSED_COPIES_CACHE")
    _hashes.clear()
    if not cache:
        return
    # pelican-precompress's settings, its own defaults filled in.
    settings = precompress.get_settings(pelican)
    for path, digest in compressible_files(settings, pelican.output_path):
        for extension in copy_extensions(settings):
            cached = Path(cache, digest + extension)
            if cached.is_file():
                link_or_copy(cached, path.with_name(path.name + extension))


def keep_copies(pelican):
    cache = pelican.settings.get("COMPRESSED_COPIES_CACHE")
    if not cache:
        return
    cache = Path(cache)
    cache.mkdir(parents=True, exist_ok=True)
    kept = set()
    settings = precompress.get_settings(pelican)
    for path, digest in compressible_files(settings, pelican.output_path):
        for extension in copy_extensions(settings):
            copy, cached = path.with_name(path.name + extension), cache / (digest + extension)
            if copy.is_file():
                kept.add(cached.name)
                if not cached.is_file():
                    shutil.copyfile(copy, cached)
    for stale in cache.iterdir():
        if stale.name not in kept:
            stale.unlink(missing_ok=True)


def register():
    granular_signals.register()
    blinker.signal("minify").connect(put_back_cached_copies)
    blinker.signal("deploy").connect(keep_copies)
