"""Pages written on every core.

Pelican renders each page's template and writes it in turn, and rendering is most of a warm
build. This plugin's writer (Pelican's own, given through the `get_writer` signal) keeps the
pages and feeds Pelican hands it, and writes them all once every generator is done, on the
`finalized` signal (before any later step reads them: the search index comes after), in one
forked process per core (WORKER_PROCESSES caps them). Writes of one file stay in one
process, in their order, so Pelican's own rule against writing a file twice still holds; a
write that fails stops the build with its error.

Pelican's `content_written` and `feed_written` signals are sent by the process that writes the
file: a receiver may change that file (photos does), but what it gathers stays in that process,
so no list of the site is gathered from them (the sitemap is rendered from the build's lists).

Pages are rendered through the page cache (`page_cache`, when CACHE_PATH is set): a page whose
template and shown values did not change since a build that kept it is not rendered again. So
that the cache knows what each page read, the generators are given its Jinja environment on
`generator_init`.

A program that runs Pelican itself (the live preview) can give its own subclass of
`ParallelWriter` as the Pelican object's `page_writer`.
"""

import hashlib
import os
import sys
import traceback

from pelican import signals
from pelican.writers import Writer

from holistic_oriental_medicine.builds.workers import worker_count
from holistic_oriental_medicine.plugins.page_cache import CachedTemplate, PageCache, note_reads

# Below this many writes a process, forking costs more than it saves.
PARALLEL_THRESHOLD = 64


class PageWritingFailed(SystemExit):
    """A page could not be written (its error is printed above)."""


class ParallelWriter(Writer):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.waiting = []
        self.page_cache = None
        _writers.append(self)

    def write_file(self, name, template, context, *args, **kwargs):
        self.waiting.append((name, self.write_page, (name, template, context, *args), kwargs))

    def write_page(self, name, template, context, *args, **kwargs):
        if self.page_cache is not None:
            template = CachedTemplate(template, self.page_cache)
        super().write_file(name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        self.waiting.append((path, super().write_feed, (elements, context, path, *args), kwargs))

    def write_waiting(self):
        """Write everything kept, on every core."""
        waiting, self.waiting = self.waiting, []
        self.page_cache = self.page_cache_for(waiting)
        processes = worker_count(self.settings, len(waiting), PARALLEL_THRESHOLD)
        shares = [[] for _ in range(processes)]
        for name, write, args, kwargs in waiting:
            shares[share_of(name, processes)].append((write, args, kwargs))
        children = [fork_writing(share) for share in shares[1:]]
        try:
            write_all(shares[0])
        finally:
            failed = [pid for pid in children if os.waitpid(pid, 0)[1] != 0]
        if failed:
            raise PageWritingFailed("Some pages could not be written (see above): nothing was published.")
        if self.page_cache is not None:
            self.page_cache.prune()

    def page_cache_for(self, waiting):
        """The cache of this build's pages (made from the site's context), if there is one,
        knowing what each template reads before the writing processes fork, so that they do
        not all work it out."""
        pages = [args for _name, write, args, _kwargs in waiting if write == self.write_page]
        if not (self.settings.get("CACHE_PATH") and pages):
            return None
        # (name, template, context, …) of each page: the site's context is in every one.
        page_cache = PageCache(self.settings, pages[0][2])
        for _name, template, *_rest in pages:
            page_cache.template_reads(template)
        return page_cache


def share_of(name, processes):
    """The process that writes `name`: the same for every write of one file."""
    return int(hashlib.sha1(str(name).encode()).hexdigest(), 16) % processes if processes > 1 else 0


def write_all(writes):
    for write, args, kwargs in writes:
        write(*args, **kwargs)


def fork_writing(writes):
    """A child process that writes `writes` and exits (1 if one failed)."""
    pid = os.fork()
    if pid:
        return pid
    status = 0
    try:
        write_all(writes)
    except BaseException:  # noqa: BLE001 (the parent stops the build; the error is printed here)
        traceback.print_exc()
        status = 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


_writers = []


def writer_class(pelican):
    return getattr(pelican, "page_writer", ParallelWriter)


def write_waiting_pages(pelican):
    while _writers:
        _writers.pop().write_waiting()


def forget_writers(pelican):
    """A build begins: the writer of an earlier one that failed writes nothing more."""
    _writers.clear()


def register():
    signals.initialized.connect(forget_writers)
    signals.get_writer.connect(writer_class)
    signals.generator_init.connect(note_reads)
    signals.finalized.connect(write_waiting_pages)
