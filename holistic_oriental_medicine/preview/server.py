"""Serves the preview: the built site, the pages a build under way has written first (from
memory), and python-livereload's script, which reloads a browser when it is told its page is
ready. The script is a file of the site's own address, so the pages run under the published
Content-Security-Policy unchanged.

Each page it serves sets a cookie naming this preview process. When the settings or a plugin's
code change, the preview starts again as a new process; the tabs reconnect to it, still showing
pages of the old one, and their cookie says so: each is told to reload once it says which page
it shows.

Every response carries the published site's headers; only requests addressed to the preview
are answered, and only its own pages may open the reload socket or use the CMS's backend
(guards.py, cms_backend.py).

Builds run in the save watcher's thread and call the `PreviewServer` methods that say so; the
server runs on Tornado's loop, to which they hand the tabs' reloads.
"""

import json
import os
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from tornado import web
from tornado.log import access_log

from holistic_oriental_medicine.cms import LOCAL_BACKEND_API

from .build_status import SCRIPT_TAG, BuildStatus, routes
from .cms_backend import BackendProxy
from .guards import CheckedHostApplication, PolicyHeaders, preview_headers, same_origin


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

    def check_origin(self, origin):
        """Only the preview's own pages (python-livereload's handler takes any)."""
        return same_origin(self)

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


class ReloadScriptFile(PolicyHeaders, LiveReloadJSHandler):
    """python-livereload's livereload.js, with the site's headers."""


class SiteFiles(PolicyHeaders, web.StaticFileHandler):
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

    def get_content_type(self):
        # YAML as nginx serves the CMS's config.yml (Python knows no type for it).
        if self.absolute_path.endswith((".yml", ".yaml")):
            return "text/yaml"
        return super().get_content_type()

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


def request_log(backend_path):
    """Tornado's log line of a request, without the key a request to the CMS's backend (below
    `backend_path`) carries."""

    def log_request(handler):
        status = handler.get_status()
        log = access_log.info if status < 400 else access_log.warning if status < 500 else access_log.error
        shown = "the CMS's backend" if handler.request.path.startswith(backend_path) else handler.request.uri
        log("%d %s %s (%s) %.2fms", status, handler.request.method, shown, handler.request.remote_ip,
            1000.0 * handler.request.request_time())

    return log_request


class PreviewServer:
    def __init__(self, output, loop, settings):
        self.output = Path(output).resolve()
        self.loop = loop
        self.headers, self.admin_dir = preview_headers(settings), settings["CMS_ADMIN_DIR"]
        # What the CMS may read and write in the content folder: articles, pages, pictures.
        self.editable = [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"], *settings["STATIC_PATHS"]]
        # Pages shown before the build that writes them is done: file name -> bytes.
        self.early, self.replaced = {}, {}
        self.status = BuildStatus()

    def listen(self, host, port, backend=None):
        """Serve at host:port; `backend` is (socket path, key) of the CMS's local backend, if
        `invoke edit` runs one."""
        self.address = (host, str(port))
        class ReloadScript(LiveScriptInjector):
            script = f'<script src="/livereload.js?port={port}"></script>'.encode() + SCRIPT_TAG

        ReloadSocket.cookie = generation_cookie(port)
        cms_backend = []
        backend_path = f"/{self.admin_dir}/{LOCAL_BACKEND_API}"
        if backend:
            socket_path, key = backend
            proxy = {"socket_path": socket_path, "key": key, "folders": self.editable}
            cms_backend = [(rf"{re.escape(backend_path)}/?(.*)", BackendProxy, proxy)]

        CheckedHostApplication(
            [
                (r"/livereload", ReloadSocket),
                (r"/livereload.js", ReloadScriptFile),
                *cms_backend,
                *routes(self.status, page_file),
                (r"/(.*)", SiteFiles, {"path": str(self.output), "server": self}),
            ],
            host, port,
            transforms=[ReloadScript],
            policy_headers=self.headers,
            log_function=request_log(backend_path),
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
