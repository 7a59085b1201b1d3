"""The last gate: what readers get is what was checked.

The content checks (validate_content) read the Markdown; readers get what comes after it:
Pelican's link rewriting, the theme's templates, the photos plugin's markup, the pages at old
addresses. Once every step that writes or rewrites the site is done (on the `optimize` signal of
pelican-granular-signals, after `finalized` and `sitemap`, before the compressed copies), every
published HTML page is checked as written (`pages`), and so is every published SVG (the photos
plugin's `svg_safety`, the rule it sanitised them with). A problem stops the build like any
content problem: one line naming the source (and its line where it can be told), what is wrong
and the fix; the staged build is then thrown away, and the last good site stays.

PUBLISHED_CHECK = False turns it off (the benchmark measures its cost so).
"""

from pathlib import Path

import blinker
from pelican import signals
from pelican.plugins import granular_signals

from photos.svg_safety import svg_problems
from redirects import redirect_page_path
from validate_content.content_checks import line_of
from validate_content.problems import build
from validate_content.site_checks import written_contents
from validate_content.source_text import read_source

from .body_structure import unbalanced_text
from .pages import SitePlaces, page_problems

# output path -> the article or page written there, for the messages.
_sources = {}

LINK_HINT = (
    " (found in the published page, where Pelican had rewritten the links: a link's #fragment or "
    "?query, or a linked file's name, may hold no HTML)"
)


def remember_sources(generators):
    _sources.clear()
    for content in written_contents(generators):
        if content.save_as:
            _sources[content.save_as] = content


def record_page(path, page, found, settings):
    source = _sources.get(page)
    if source is None:
        for _needle, message in found:
            build.record(path, "page", message, settings)
        return
    _raw, text = read_source(source.source_path)
    for needle, message in found:
        line = line_of(text, needle)
        build.record(source.source_path, f"line {line}" if line else "body",
                     message + LINK_HINT, settings)


def check_published_site(pelican):
    settings = pelican.settings
    if not settings.get("PUBLISHED_CHECK", True):
        return
    output = Path(pelican.output_path)
    places = SitePlaces(settings)
    places.redirect_pages = {redirect_page_path(old) for old in settings.get("MOVED_ADDRESSES", {})}
    for path in sorted(output.rglob("*.html")):
        page = path.relative_to(output).as_posix()
        found = page_problems(path.read_text(encoding="utf-8"), page, places)
        source = _sources.get(page)
        problem = unbalanced_text(source.content) if source is not None and not found else None
        if problem:
            found.append(problem)
        if found:
            record_page(path, page, found, settings)
    for path in sorted(output.rglob("*.svg")):
        for message in svg_problems(path.read_bytes()):
            build.record(path, "file", f"{message} (a published SVG must be sanitised).", settings)
    build.report()


def register():
    granular_signals.register()
    signals.all_generators_finalized.connect(remember_sources)
    blinker.signal("optimize").connect(check_published_site)
