"""The file watcher of the live preview (`invoke livereload`).

python-livereload looks for changed files every 0.8 s, and skips the browser's reload for a save
that comes within 3 s of the last reload. This watcher is told of a save at once by the
operating system (through watchfiles, which Pelican itself uses for `--autoreload`); the build
then runs as before, and every build reloads the browser once the new site is in place.
"""

import threading
from pathlib import Path

import watchfiles
from livereload.handlers import LiveReloadHandler
from livereload.watcher import Watcher
from tornado.ioloop import IOLoop

WILDCARDS = set("*?[")


def watched_root(pattern):
    """The file or folder a glob pattern looks in: its part before the first wildcard."""
    parts = []
    for part in Path(pattern).parts:
        if WILDCARDS & set(part):
            break
        parts.append(part)
    return Path(*parts)


class SaveWatcher(Watcher):
    """Runs python-livereload's tasks as soon as a watched file is saved."""

    def __init__(self):
        super().__init__()
        self.roots = set()

    def watch(self, path, func=None, delay=0, ignore=None):
        self.roots.add(watched_root(path))
        super().watch(path, func, delay, ignore)

    def start(self, callback):
        # Every build reloads the browser, however soon after the last.
        LiveReloadHandler.DEFAULT_RELOAD_TIME = 0
        loop = IOLoop.current()
        roots = sorted(str(root) for root in self.roots if root.exists())

        def wait_for_saves():
            for _changes in watchfiles.watch(*roots, debounce=50, step=10):
                loop.add_callback(callback)

        threading.Thread(target=wait_for_saves, name="save-watcher", daemon=True).start()
        # python-livereload queues a first check of its own at start; let it run now.
        callback()
        return True
