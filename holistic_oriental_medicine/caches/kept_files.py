"""Files a build takes from its caches into the output: share cards, photo sizes, the search
index, compressed copies. A kept file is never written again (a changed input gets a file of
its own, under another name), so the output shares it with the cache instead of copying it: a
hard link, unless the two are on different file systems. Nothing writes into an output file
that exists: builds write into a new folder, and pelican-precompress deletes a copy before
writing a new one."""

import os
import shutil
from contextlib import suppress


def link_or_copy(source, destination):
    """Put the cache's file `source` at `destination`, in place of a file there."""
    with suppress(FileNotFoundError):
        os.unlink(destination)
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
