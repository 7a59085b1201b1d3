"""The live preview (`invoke livereload`): the site kept in memory between saves.

- `watcher`: the operating system says at once which files were saved; the preview tells a
  saved article from a new photo, a theme change or a settings change.
- `builds`: one build after another in this process. Sources that did not change are not read
  again; the pages of the saved sources and the pages open in a browser are written first and
  served from memory at once, the rest of the site after; a failed build keeps the last good one.
- `server`: serves the site (and that memory) and tells each browser to reload when the page it
  shows is ready.
- `guards`: the preview answers only requests addressed to it, with the published site's headers.
- `cms_backend`: `invoke edit`'s decap-server, which only the preview's own admin page reaches.
"""

import sys
import threading
import webbrowser

from tornado.ioloop import IOLoop

from .builds import PreviewBuilds
from .cms_backend import backend_from_environment
from .watcher import watch_saves


def serve_live_preview(settings_file, content, output, host, port, open_browser=False):
    """Build, serve at http://host:port/ and rebuild on every save, until Ctrl+C."""
    loop = IOLoop.current()
    builds = PreviewBuilds(settings_file, content, output, loop)
    builds.build_all()
    builds.server.listen(host, port, backend_from_environment())
    threading.Thread(target=builds.run_builds, name="builds", daemon=True).start()
    threading.Thread(
        target=watch_saves, args=(builds.watched_folders(), builds.saved), name="save-watcher", daemon=True
    ).start()
    address = f"http://{host}:{port}/"
    sys.stderr.write(f"Live preview at {address}: save a file and the page reloads (Ctrl+C stops it)\n")
    if open_browser:
        loop.call_later(1, webbrowser.open, address)
    try:
        loop.start()
    except KeyboardInterrupt:
        sys.stderr.write("\nThe live preview stopped.\n")
