"""One line at the end of every build, on stderr: what was built, how much of it had changed
since the last build, and how long it took, e.g. `Built 1,000 articles and 2 pages (3 changed)
in 2.1 s`. "Changed" counts the Markdown sources that had to be converted again
(validate_content's cache holds the others).

It is printed on the `deploy` signal of pelican-granular-signals, after every other step.
"""

import sys
import time

import blinker
from pelican import signals
from pelican.plugins import granular_signals

from holistic_oriental_medicine.caches.conversions import conversion_cache

_build = {}


def start_clock():
    _build["start"] = time.perf_counter()


def count(number, noun):
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def count_contents(generators):
    articles = pages = 0
    for generator in generators:
        articles += len(getattr(generator, "articles", [])) + len(getattr(generator, "drafts", []))
        pages += len(getattr(generator, "pages", [])) + len(getattr(generator, "draft_pages", []))
    _build["contents"] = f"{count(articles, 'article')} and {count(pages, 'page')}"


def print_summary(pelican):
    seconds = time.perf_counter() - _build.get("start", time.perf_counter())
    sys.stderr.write(
        f"Built {_build.get('contents', 'the site')} ({conversion_cache.converted_in_last_build:,} changed) "
        f"in {seconds:.1f} s\n"
    )
    sys.stderr.flush()


def register():
    # Pelican registers every plugin as a build begins, before any of them starts working.
    start_clock()
    granular_signals.register()
    signals.all_generators_finalized.connect(count_contents)
    blinker.signal("deploy").connect(print_summary)
