"""The preview's builds, one after another in this process, each as complete as `invoke build`.

The settings, plugins and theme stay loaded, and the reading of every source that did not
change is taken from memory (validate_content's reading cache). On a save:

1. the saved article or page is read again (with all its checks) and its page rendered at once,
   as the last build wrote it but with the new text, into memory, where the server shows it;
2. the whole site is built; the pages open in a browser are written first and shown too, the
   rest follows into a staging folder that replaces the served one once the build succeeded;
3. if the pages changed, the search index is made again from the served pages (until then,
   the last one answers searches).

A tab reloads when its page is ready, and again only if the full build changed it further (a
page listing the article, say). A build that fails prints why and leaves the last good site.
"""

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import blinker
from pelican import Pelican, signals
from pelican.log import init as init_logging
from pelican.settings import read_settings
from pelican.writers import Writer

from holistic_oriental_medicine import PACKAGE_FOLDER, PROJECT_ROOT
from holistic_oriental_medicine.caches.folders import staging_folder, swap
from holistic_oriental_medicine.checks.problems import build as build_problems
from holistic_oriental_medicine.checks.problems import shown_path
from holistic_oriental_medicine.plugins import search_index
from holistic_oriental_medicine.plugins.parallel_pages import ParallelWriter

from .server import PreviewServer
from .watcher import Saves


class BuildSuperseded(BaseException):
    """A file was saved during the build: it stops, and the next one starts at once. (Not an
    Exception, which Pelican would log as a failed source and go on.)"""


def written_content(kwargs):
    """(keyword, object) of the article or page a write of Pelican's writer shows, or None."""
    return next(((kind, kwargs[kind]) for kind in ("article", "page") if kwargs.get(kind) is not None), None)


class PagesFirstWriter(ParallelWriter):
    """Writes the pages the preview wants first at once; the others (and the feeds) wait for
    the end of the build, as parallel_pages writes them. It remembers how each article's or
    page's page was written."""

    builds = None  # the PreviewBuilds this writer writes for

    def write_file(self, name, template, context, *args, **kwargs):
        self.builds.stop_if_superseded()
        written = written_content(kwargs)
        if written:
            self.builds.page_writes[written[1].source_path] = (name, template, context, args, kwargs)
        if name and self.builds.comes_first(name):
            Writer.write_file(self, name, template, context, *args, **kwargs)
            self.builds.server.show_early(name, Path(self.output_path, name).read_bytes())
        else:
            super().write_file(name, template, context, *args, **kwargs)

    def write_waiting(self):
        self.builds.stop_if_superseded()
        super().write_waiting()


def put_in_place(old, new, value):
    """Put `new` wherever `value` (lists, tuples and dicts in them) holds `old`: the lists of
    the last build (latest articles, a tag's articles) are the ones the page is written with."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if item is old:
                value[index] = new
            else:
                put_in_place(old, new, item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if item is old:
                value[key] = new
            elif isinstance(item, (list, tuple)):
                put_in_place(old, new, item)
    elif isinstance(value, tuple):
        for item in value:
            put_in_place(old, new, item)


class PreviewBuilds:
    def __init__(self, settings_file, content, output, loop):
        self.settings_file = str(settings_file)
        settings = read_settings(self.settings_file)
        self.content = Path(content or settings["PATH"]).resolve()
        self.theme = Path(settings["THEME"]).resolve()
        self.output = Path(output or settings["OUTPUT_PATH"]).resolve()
        self.server = PreviewServer(self.output, loop, settings)
        self.pelican = None
        self.first_pages = set()
        # How the last good build wrote each source's page, and the generators that read them.
        self.page_writes, self.generators = {}, []
        # Saves waiting for the next build, and the thread that runs the builds.
        self.pending, self.saves_arrived = [], threading.Condition()
        init_logging(name="pelican")
        search_index.index_later = True
        signals.content_object_init.connect(self.stop_if_superseded)
        signals.all_generators_finalized.connect(self.keep_generators)
        blinker.signal("sitemap").connect(self.stop_if_superseded)

    def watched_folders(self):
        """The content and the theme, then what the build runs: settings, clinic facts, plugins."""
        code = [Path(self.settings_file).resolve(), PROJECT_ROOT / "clinic.toml", PACKAGE_FOLDER]
        return [self.content, self.theme, *code]

    def build_all(self):
        self.server.attempt_started()
        return self.build()

    def saved(self, saves):
        """Take `saves` (a `watcher.Saves`, from the watcher's thread) for the next build."""
        with self.saves_arrived:
            self.pending.append(saves)
            self.saves_arrived.notify()

    def stop_if_superseded(self, *_signal_arguments, **_signal_keywords):
        if self.pending:
            raise BuildSuperseded

    def run_builds(self):
        """Build for each set of saves, one build at a time (in a thread of its own)."""
        while True:
            with self.saves_arrived:
                self.saves_arrived.wait_for(lambda: self.pending)
                saves, self.pending = self.pending, []
            self.show_and_build(Saves.together(saves))

    def show_and_build(self, saves):
        """Show and build what `saves` changed."""
        self.server.attempt_started()
        if saves.code:
            self.start_again(saves.code)
        # A new or deleted file, or a template, may change other pages than the saved one's.
        if not (saves.files or saves.theme):
            for source in sorted(saves.sources):
                self.show_saved_page(str(source))
        if not self.pending:
            self.build(first_pages=self.server.open_pages())

    def build(self, first_pages=()):
        """Build the site; `first_pages` (file names) are written and shown before the rest."""
        self.first_pages = set(first_pages)
        writes, self.page_writes = self.page_writes, {}
        started = time.time_ns()
        with staging_folder(self.output) as staging:
            settings = read_settings(self.settings_file, override={
                "PATH": str(self.content), "OUTPUT_PATH": str(staging),
            })
            try:
                self.pelican = Pelican(settings)
                self.pelican.page_writer = type("PreviewWriter", (PagesFirstWriter,), {"builds": self})
                self.pelican.run()
            except (BuildSuperseded, SystemExit, Exception) as failure:  # noqa: BLE001 (the preview outlives any build)
                self.page_writes = writes
                if self.pending or self.saved_since(started):
                    # A save came during the build, which may have read a file half-written or
                    # already changed again: the next build tells.
                    return False
                if isinstance(failure, SystemExit):
                    return self.failed(failure.code if isinstance(failure.code, str) else None)
                return self.failed(f"The build stopped: {failure}")
            changed = self.server.changed_pages(staging)
            swap(self.output, staging)
        self.server.status.succeeded({
            name: shown_path(source, settings) for source, (name, *_rest) in self.page_writes.items()
        })
        self.server.build_finished(changed)
        self.make_search_index()
        return True

    def make_search_index(self):
        """Index the pages just put in place, unless a save is waiting (its build comes first)."""
        try:
            search_index.make_pending_index(self.output, stop=lambda: bool(self.pending))
        except (OSError, subprocess.CalledProcessError) as error:
            sys.stderr.write(f"The search index could not be made again ({error}); searches find "
                             "the text of an earlier build. Save again to retry.\n")
            sys.stderr.flush()

    def saved_since(self, moment):
        """Whether a content file was saved after `moment` (its watcher may not have said yet)."""
        return any(path.stat().st_mtime_ns >= moment for path in self.content.rglob("*") if path.is_file())

    def comes_first(self, name):
        return name in self.first_pages

    def show_saved_page(self, source):
        """Read the saved `source` again and show its page as the last build would write it
        now. Nothing is shown if the source has a problem (the build then reports it) or its
        page moved; the whole build follows anyway."""
        if source not in self.page_writes:
            return
        name, template, context, args, kwargs = self.page_writes[source]
        kind, old = written_content(kwargs)
        generator = next((g for g in self.generators if getattr(g, "readers", None)), None)
        if generator is None:
            return
        build_problems.start()
        try:
            new = generator.readers.read_file(
                base_path=generator.path, path=os.path.relpath(source, generator.path),
                content_class=type(old), context=context,
            )
        except Exception:  # noqa: BLE001 (the build that follows reports it)
            return
        if build_problems.lines or getattr(new, "status", None) != old.status or new.save_as != name:
            return
        # What the generators added to the old object (its neighbours, related articles, card).
        for attribute, value in vars(old).items():
            if attribute not in vars(new):
                setattr(new, attribute, value)
        put_in_place(old, new, list(context.values()))
        # The arguments taken from the old object (its category, its address) now from the new.
        kwargs = {key: getattr(new, key, value) if hasattr(old, key) and getattr(old, key) == value
                  else value for key, value in kwargs.items()}
        kwargs[kind] = new
        with tempfile.TemporaryDirectory(prefix="preview-page-") as scratch:
            Writer(scratch, settings=self.pelican.settings).write_file(name, template, context, *args, **kwargs)
            self.server.show_early(name, Path(scratch, name).read_bytes())

    def failed(self, message):
        lines = [f"{path}: {problem}" for path, problem in build_problems.lines]
        self.server.status.failed(lines or [message or "The build stopped."])
        if message:
            sys.stderr.write(f"{message}\n")
        sys.stderr.write("The preview still shows the last good build. Save again after fixing.\n")
        sys.stderr.flush()
        self.server.build_failed()
        return False

    def keep_generators(self, generators):
        self.generators = generators

    def start_again(self, changed):
        """Run the preview again from the start, with the settings and plugins as saved."""
        shown = ", ".join(str(path.relative_to(PROJECT_ROOT)) if path.is_relative_to(PROJECT_ROOT)
                          else str(path) for path in sorted(changed))
        sys.stderr.write(f"{shown} changed: starting the preview again.\n")
        sys.stderr.flush()
        os.chdir(PROJECT_ROOT)
        arguments = [self.settings_file, str(self.content), str(self.output), *self.server.address]
        os.execv(sys.executable, [sys.executable, "-m", "holistic_oriental_medicine.preview", *arguments])
