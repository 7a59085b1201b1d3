"""Serves the preview: the built site, the pages a build under way has written first (from
memory), and python-livereload's script, which reloads a browser when it is told its page is
ready. The script is a file of the site's own address, so the pages run under the published
Content-Security-Policy unchanged.

Each page it serves sets a cookie naming this preview process. When the settings or a plugin's
code change, the preview starts again as a new process; the tabs reconnect to it, still showing
pages of the old one, and their cookie says so: each is told to reload once it says which page
it shows.

Builds run in the save watcher's thread and call the `PreviewServer` methods that say so; the
server runs on Tornado's loop, to which they hand the tabs' reloads.
"""

import json
import os
import time
from pathlib import Path
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web

from .build_status import SCRIPT_TAG, BuildStatus, routes


def page_file(url_path):
    """The file a path of the site serves: `about/` is `about/index.html`."""
    url_path = url_path.lstrip("/")
    return url_path + "index.html" if url_path == "" or url_path.endswith("/") else url_path


# Names this process among the preview processes a browser has seen (set per port: two
# previews on one machine are two sites to a browser, but cookies do not tell ports apart).
GENERATION = f"{os.getpid()}-{time.time_ns()}"


def generation_cookie(port):
    return f"live-preview-{port}"


class ReloadSocket(LiveReloadHandler):
    """livereload.js's connection from one browser tab; it knows which page the tab shows."""

    page = None
    cookie = None  # the name of the cookie that says which preview process served the tab

    def open(self, *args, **kwargs):
        shown_by = self.get_cookie(self.cookie)
        self.shows_an_older_preview = shown_by is not None and shown_by != GENERATION

    def on_message(self, message):
        super().on_message(message)
        hello = json.loads(message)
        if hello.get("command") == "info" and "url" in hello:
            self.page = page_file(urlsplit(hello["url"]).path)
            if self.shows_an_older_preview:
                self.shows_an_older_preview = False
                self.reload()

    def reload(self):
        self.write_message({"command": "reload", "path": self.page, "liveCSS": False, "liveImg": False})


class SiteFiles(web.StaticFileHandler):
    """The site's files; a page written early by the build under way is served from memory."""

    def initialize(self, path, server):
        super().initialize(path, default_filename="index.html")
        self.server = server

    async def get(self, path, include_body=True):
        early = self.server.early.get(page_file(path))
        if early is None:
            return await super().get(path, include_body)
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_extra_headers(path)
        self.finish(early if include_body else b"")

    def set_extra_headers(self, path):
        # Every request asks again: a page can change at any save.
        self.set_header("Cache-Control", "no-store")
        if page_file(path).endswith(".html"):
            self.set_cookie(ReloadSocket.cookie, GENERATION, path="/", httponly=True, samesite="Strict")

    def should_return_304(self):
        return False

    def compute_etag(self):
        return None

    def write_error(self, status_code, **kwargs):
        not_found = Path(self.root, "404.html")
        if status_code == 404 and not_found.is_file():
            self.set_header("Content-Type", "text/html; charset=UTF-8")
            self.set_extra_headers("404.html")
            self.finish(not_found.read_bytes())
        else:
            super().write_error(status_code, **kwargs)


class PreviewServer:
    def __init__(self, output, loop):
        self.output = Path(output).resolve()
        self.loop = loop
        # Pages shown before the build that writes them is done: file name -> bytes.
        self.early, self.replaced = {}, {}
        self.status = BuildStatus()

    def listen(self, host, port):
        self.address = (host, str(port))
        class ReloadScript(LiveScriptInjector):
            script = f'<script src="/livereload.js?port={port}"></script>'.encode() + SCRIPT_TAG

        ReloadSocket.cookie = generation_cookie(port)

        web.Application(
            [
                (r"/livereload", ReloadSocket),
                (r"/livereload.js", LiveReloadJSHandler),
                *routes(self.status, page_file),
                (r"/(.*)", SiteFiles, {"path": str(self.output), "server": self}),
            ],
            transforms=[ReloadScript],
        ).listen(port, address=host)

    def open_pages(self):
        """The pages shown in a browser now."""
        return {tab.page for tab in list(ReloadSocket.waiters) if tab.page}

    def shown(self, name):
        """The bytes a tab showing the page `name` has now (None if there is no such page)."""
        early = self.early.get(name)
        return early if early is not None else read_or_none(self.output / name)

    # Called from the build's thread:

    def attempt_started(self):
        """A save is being shown and built; what it shows early replaces what earlier saves
        showed (`replaced` keeps that, in case this attempt fails)."""
        self.replaced = {}

    def show_early(self, name, page):
        """Serve `page` (bytes) at `name` until a build is done; reload the tabs showing it,
        unless the page is what they show already."""
        if page != self.shown(name):
            self.replaced.setdefault(name, self.early.get(name))
            self.early[name] = page
            self.reload_tabs_showing({name})

    def reload_tabs_showing(self, pages):
        def reload():
            for tab in list(ReloadSocket.waiters):
                if tab.page in pages:
                    tab.reload()

        self.loop.add_callback(reload)

    def changed_pages(self, staging):
        """The open pages the finished build in `staging` changes, from what their tabs show."""
        changed = set()
        for name in self.open_pages():
            if read_or_none(Path(staging) / name) != self.shown(name):
                changed.add(name)
        return changed

    def build_finished(self, changed):
        """The new site is in place: reload the tabs whose page it changed."""
        self.early.clear()
        self.reload_tabs_showing(changed)

    def build_failed(self):
        """Take back what the failed attempt showed: the tabs show the last good pages again."""
        for name, earlier in self.replaced.items():
            if earlier is None:
                self.early.pop(name, None)
            else:
                self.early[name] = earlier
        self.reload_tabs_showing(set(self.replaced))
        self.replaced = {}


def read_or_none(path):
    try:
        return path.read_bytes()
    except OSError:
        return None
