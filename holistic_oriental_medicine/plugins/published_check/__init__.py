"""The last gate: what readers get is what was checked.

The content checks (validate_content) read the Markdown; readers get what comes after it:
Pelican's link rewriting, the theme's templates, the photos plugin's markup, the pages at old
addresses. Once every step that writes or rewrites the site is done (on the `optimize` signal of
pelican-granular-signals, after `finalized` and `sitemap`, before the compressed copies), every
published HTML page is checked as written (`pages`), and so is every published SVG (the photos
plugin's `svg_safety`, the rule it sanitised them with). A problem stops the build like any
content problem: one line naming the source (and its line where it can be told), what is wrong
and the fix; the staged build is then thrown away, and the last good site stays.

Pages and SVGs that passed are remembered in the cache folder `published-check`, by a hash of their path and
bytes, under a fingerprint of this code and the settings it reads: an unchanged page is not
checked again, so a warm build checks only what changed. PUBLISHED_CHECK = False turns the
gate off.
"""

import hashlib
import json
import os
from pathlib import Path

import blinker
from pelican import signals
from pelican.plugins import granular_signals

from holistic_oriental_medicine.caches.pickled_cache import PickledCache
from holistic_oriental_medicine.checks import allowed_html, svg_safety
from holistic_oriental_medicine.checks.content_checks import line_of
from holistic_oriental_medicine.checks.problems import build
from holistic_oriental_medicine.checks.site_checks import written_contents
from holistic_oriental_medicine.checks.source_text import read_source
from holistic_oriental_medicine.checks.svg_safety import svg_problems
from holistic_oriental_medicine.plugins.redirects import redirect_page_path

from .body_structure import unbalanced_text
from .pages import SitePlaces, page_problems

# output path -> the article or page written there, for the messages.
_sources = {}
# The digests of the pages and SVGs that passed.
_passed = PickledCache("published-check")
CODE_FILES = [*Path(__file__).parent.glob("*.py"), Path(svg_safety.__file__), Path(allowed_html.__file__)]

def remember_sources(generators):
    _sources.clear()
    for content in written_contents(generators):
        if content.save_as:
            _sources[content.save_as] = content


def record_page(page, found, settings):
    """Record the problems `found` in the published `page`: at the line of its source where it
    can be told, else as the theme's (its templates made the page)."""
    source = _sources.get(page)
    if source is None:
        templates = Path(settings["THEME"], "templates")
        for _needle, message in found:
            build.record(templates, f"the page {page}", message, settings)
        return
    _raw, text = read_source(source.source_path)
    for needle, message in found:
        line = line_of(text, needle)
        build.record(source.source_path, f"line {line}" if line else "body", message, settings)


def fingerprint(settings):
    """A hash of everything besides a file's path and bytes that its result depends on."""
    digest = hashlib.sha256()
    for path in sorted(CODE_FILES):
        digest.update(path.read_bytes())
    read = {name: settings.get(name) for name in ("SITEURL", "THEME_STATIC_DIR", "CMS_ADMIN_DIR")}
    digest.update(json.dumps(read, sort_keys=True).encode())
    return digest.hexdigest()[:16]


def file_key(relative, data, *marks):
    return hashlib.blake2b(b"\0".join([relative.encode(), *marks, data]), digest_size=16).digest()


def check_page(text, page, places, settings):
    """Check one page (its text as published); True if it passed."""
    found = page_problems(text, page, places)
    source = _sources.get(page)
    problem = unbalanced_text(source.content) if source is not None and not found else None
    if problem:
        found.append(problem)
    if found:
        record_page(page, found, settings)
    return not found


def published_files(output):
    """{".html": [...], ".svg": [...]}: the paths of the output's pages and SVGs, in order."""
    found = {".html": [], ".svg": []}
    for folder, _folders, names in os.walk(output):
        relative = os.path.relpath(folder, output)
        for name in names:
            suffix = os.path.splitext(name)[1]
            if suffix in found:
                found[suffix].append(name if relative == "." else f"{relative}/{name}")
    return {suffix: sorted(paths) for suffix, paths in found.items()}


def check_published_site(pelican):
    settings = pelican.settings
    if not settings.get("PUBLISHED_CHECK", True):
        return
    _passed.start(settings, fingerprint(settings))
    output = Path(pelican.output_path)
    places = SitePlaces(settings)
    places.redirect_pages = {redirect_page_path(old) for old in settings.get("MOVED_ADDRESSES", {})}
    published = published_files(output)
    for page in published[".html"]:
        data = (output / page).read_bytes()
        key = file_key(page, data, b"moved" if page in places.redirect_pages else b"")
        if _passed.get(key):
            continue
        if check_page(data.decode("utf-8"), page, places, settings):
            _passed.put(key, True)
    for page in published[".svg"]:
        path = output / page
        data = path.read_bytes()
        key = file_key("svg", data)
        if _passed.get(key):
            continue
        problems = svg_problems(data)
        for message in problems:
            build.record(path, "file", f"{message} (a published SVG must be sanitised).", settings)
        if not problems:
            _passed.put(key, True)
    _passed.save()
    build.report()


def register():
    granular_signals.register()
    signals.all_generators_finalized.connect(remember_sources)
    blinker.signal("optimize").connect(check_published_site)
