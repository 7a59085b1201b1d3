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
- `ports`: the preview's address, and the check that its port is free.
"""

import sys
import threading
import webbrowser
from pathlib import Path

from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from tornado.ioloop import IOLoop

from .builds import PreviewBuilds
from .cms_backend import BackendFailed, backend_from_environment, local_backend
from .ports import preview_url, refuse_busy_port
from .watcher import watch_saves


class CmsUnavailable(SystemExit):
    """decap-server did not start: exit status 1 and this message."""


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


def serve_live_preview_and_cms(settings, settings_file, content, output, host, port, open_browser=False):
    """The live preview with the CMS at /admin/, which saves into the content folder, until
    Ctrl+C (`invoke edit`)."""
    refuse_busy_port(host, port, "edit")
    content_folder = Path(content or settings["PATH"]).resolve()
    admin = f"{preview_url(host, port)}{settings['CMS_ADMIN_DIR']}/"
    # decap-server reads and writes the content folder only, and only the admin page this
    # preview serves reaches it (cms_backend).
    try:
        with local_backend(content_folder, admin):
            sys.stderr.write(f"Write in the CMS at {admin} (Ctrl+C to stop); what you save is in the preview\n")
            if open_browser:
                webbrowser.open(admin)
            serve_live_preview(settings_file, content, output, host, port)
    except BackendFailed as failure:
        raise CmsUnavailable(f"The CMS cannot start: {failure}") from None


def serve_folder(folder, host, port, open_browser=False):
    """Serve a built site as it is, as Pelican's own server does, until Ctrl+C (`invoke serve`)."""

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(str(folder), (host, port), ComplexHTTPRequestHandler)
    if open_browser:
        webbrowser.open(preview_url(host, port))
    sys.stderr.write(f"Serving the preview at {preview_url(host, port)} (Ctrl+C to stop)\n")
    server.serve_forever()
