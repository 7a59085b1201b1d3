"""What the last build of the preview said, for the browser: the editor sees a build's problems
on the page they are looking at, as the terminal prints them, and the CMS tells after a save
whether the build took the article.

`/_preview/status.json` answers {"finished": when the last build ended (ms since the epoch),
"ok": whether it succeeded, "problems": its one-line messages, those of the page asked about
(`?page=/about/`) first}. `/_preview/problems.js`, added to every page the preview serves,
asks for it every few seconds and shows the problems in a banner at the top of the page, gone
once a build succeeds.
"""

import threading
import time
from pathlib import Path

from tornado import web

STATIC = Path(__file__).resolve().parent / "static"
SCRIPT_TAG = b'<script src="/_preview/problems.js"></script>'


class BuildStatus:
    """The outcome of the last build, set from the build's thread, read from the server's."""

    def __init__(self):
        self.lock = threading.Lock()
        self.finished, self.ok, self.problems = 0, True, []
        # page file name (about/index.html) -> the source it is made of, as messages name it.
        self.sources = {}

    def succeeded(self, sources):
        with self.lock:
            self.finished, self.ok, self.problems, self.sources = time.time_ns() // 1_000_000, True, [], sources

    def failed(self, problems):
        with self.lock:
            self.finished, self.ok, self.problems = time.time_ns() // 1_000_000, False, list(problems)

    def as_json(self, page_name=None):
        with self.lock:
            source = self.sources.get(page_name)
            problems = sorted(self.problems, key=lambda line: not (source and line.startswith(source + ":")))
            return {"finished": self.finished, "ok": self.ok, "problems": problems, "source": source}


class StatusHandler(web.RequestHandler):
    def initialize(self, status, page_file):
        self.status, self.page_file = status, page_file

    def get(self):
        self.set_header("Cache-Control", "no-store")
        page = self.get_query_argument("page", None)
        self.write(self.status.as_json(self.page_file(page) if page else None))


class ScriptHandler(web.StaticFileHandler):
    def set_extra_headers(self, path):
        self.set_header("Cache-Control", "no-store")


def routes(status, page_file):
    return [
        (r"/_preview/status\.json", StatusHandler, {"status": status, "page_file": page_file}),
        (r"/_preview/(problems\.(?:js|css))", ScriptHandler, {"path": str(STATIC)}),
    ]
