"""Compressed copies: a brotli and a gzip copy beside every text file of a publish, made by
pelican-precompress, and kept between builds so that a publish compresses only what changed.

On the `compress` signal of pelican-granular-signals, each file pelican-precompress would
compress (PRECOMPRESS_TEXT_EXTENSIONS, at least PRECOMPRESS_MIN_SIZE bytes) gets the copies an
earlier build made of the same bytes, from the cache folder `compressed`, where they are named
by the hash of those bytes. Only the other files are given to pelican-precompress: it reads every file
of the folder it is given and sends each one to its worker processes, even a file whose copy is
there already, so it gets a folder of links to them alone (or the output itself, when no copy
could be reused). The cache then keeps this build's copies, pruned as every cache is. Brotli and gzip
give the same bytes for the same input, so a copy from the cache is the copy pelican-precompress
would write. pelican-precompress is not registered as a plugin of its own: this one runs it,
on a folder of its choosing, which pelican-precompress has no public function for
(`upstream_patches.precompress_folder` says why and how).
"""

import hashlib
import os
import shutil
import tempfile
from pathlib import Path

import blinker
from pelican.plugins import granular_signals, precompress

from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.caches.kept_files import link_or_copy
from holistic_oriental_medicine.plugins.upstream_patches import precompress_folder

CACHE_NAME = "compressed"


def copy_extensions(settings):
    return [
        extension
        for extension, setting in ((".br", "PRECOMPRESS_BROTLI"), (".gz", "PRECOMPRESS_GZIP"))
        if settings.get(setting)
    ]


def compressible_files(settings, output):
    """(file, hash of its bytes) of each file pelican-precompress compresses."""
    extensions = settings["PRECOMPRESS_TEXT_EXTENSIONS"]
    minimum = settings["PRECOMPRESS_MIN_SIZE"]
    for folder, _folders, names in os.walk(output):
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix in extensions and path.is_file() and path.stat().st_size >= minimum:
                yield path, hashlib.sha256(path.read_bytes()).hexdigest()


def copies_of(path, extensions):
    return [path.with_name(path.name + extension) for extension in extensions]


def run_precompress(pelican, folder):
    """pelican-precompress's compression of every file in `folder`: the whole output as its own
    plugin compresses it, or a folder of some of its files."""
    if Path(folder) == Path(pelican.output_path):
        precompress.compress_files(pelican)
    else:
        precompress_folder(pelican.settings, folder)


def compress_alone(pelican, output, files, extensions, scratch):
    """Have pelican-precompress make the copies of `files` only, in a folder of links to them
    made in `scratch`, and put the copies beside the files."""
    with tempfile.TemporaryDirectory(prefix=".compressing-", dir=scratch) as folder:
        for path in files:
            linked = Path(folder, path.relative_to(output))
            linked.parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(path, linked)
        run_precompress(pelican, folder)
        for path in files:
            linked = Path(folder, path.relative_to(output))
            for made, copy in zip(copies_of(linked, extensions), copies_of(path, extensions)):
                if made.is_file():  # none when compressing would not make the file smaller
                    link_or_copy(made, copy)


def keep_copies(cache, files, extensions):
    """Keep the copies of `files` in the cache, under their hash, and prune the others."""
    for path, digest in files:
        for extension, copy in zip(extensions, copies_of(path, extensions)):
            cached = cache / (digest + extension)
            if not copy.is_file():
                continue
            if cached.is_file():
                folders.mark_used(cached)
            else:
                with folders.written_file(cached) as partial:
                    shutil.copyfile(copy, partial)
    cache.prune()


def compress(pelican):
    # pelican-precompress's settings, its own defaults filled in.
    settings = precompress.get_settings(pelican)
    extensions = copy_extensions(settings)
    if not extensions:  # the preview's settings: no copies to make
        return
    output = Path(pelican.output_path)
    cache = folders.CacheFolder(pelican.settings, CACHE_NAME)
    files = list(compressible_files(settings, output))
    missing = []
    for path, digest in files:
        cached = [cache / (digest + extension) for extension in extensions]
        if all(copy.is_file() for copy in cached):
            for copy, placed in zip(cached, copies_of(path, extensions)):
                link_or_copy(copy, placed)
        else:
            missing.append(path)
    if len(missing) == len(files):
        run_precompress(pelican, output)
    elif missing:
        compress_alone(pelican, output, missing, extensions, scratch=cache.path.parent)
    keep_copies(cache, files, extensions)


def register():
    granular_signals.register()
    blinker.signal("compress").connect(compress)
