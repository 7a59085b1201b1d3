"""The CMS's local backend, reachable only through the preview, by the admin page it serves.

`invoke edit` starts decap-server's file-system backend (cms_backend.js) on a Unix socket in a
folder only this user can open: no web page can reach it, whatever its origin or host name, so
DNS rebinding finds nothing to talk to. Its root is the content folder: decap-server's own
checks keep every path it is given (`..`, links, absolute paths) below it.

The preview forwards the admin's requests to it from `/<admin>/api/v1/<key>`, the key made for
this run and written into the admin's config.yml only. A request is forwarded only if it carries
the key, comes from the preview's own page (its Origin is the address the preview serves, its
Host one the preview answers, see guards.py) and is the JSON Decap sends; any other gets 403
and reaches nothing.
"""

import contextlib
import hmac
import http.client
import json
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from decap_admin import LOCAL_BACKEND_API
from tornado import web
from tornado.ioloop import IOLoop

from .guards import PolicyHeaders

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# How `invoke edit` tells the preview (and, for the address, pelicanconf.py) where the backend is;
# through the environment, so that a preview started again after a settings change has them.
KEY_VARIABLE = "CMS_LOCAL_BACKEND_KEY"
SOCKET_VARIABLE = "CMS_LOCAL_BACKEND_SOCKET"
URL_VARIABLE = "CMS_LOCAL_BACKEND_URL"
STARTUP_SECONDS = 30


class BackendFailed(RuntimeError):
    pass


@contextlib.contextmanager
def local_backend(content_folder, admin_address):
    """Run decap-server over `content_folder` until the block ends; its socket, key and address
    (below `admin_address`, the admin's in the preview) are in the environment meanwhile."""
    folder = tempfile.mkdtemp(prefix="cms-backend-")  # only this user may open it (0700)
    socket_path = str(Path(folder, "decap.sock"))
    key = secrets.token_urlsafe(32)
    environment = {
        KEY_VARIABLE: key,
        SOCKET_VARIABLE: socket_path,
        URL_VARIABLE: f"{admin_address}{LOCAL_BACKEND_API}/{key}",
    }
    process = subprocess.Popen(
        ["node", str(PROJECT_ROOT / "live_preview/cms_backend.js")],
        env={**os.environ, **environment, "GIT_REPO_DIRECTORY": str(content_folder), "MODE": "fs"},
        cwd=PROJECT_ROOT,
    )
    try:
        wait_until_listening(socket_path, process)
        os.environ.update(environment)
        yield environment
    finally:
        for name in environment:
            os.environ.pop(name, None)
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def wait_until_listening(socket_path, process):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BackendFailed(f"decap-server stopped at its start (exit status {process.returncode}).")
        with contextlib.suppress(OSError), socket.socket(socket.AF_UNIX) as probe:
            probe.connect(socket_path)
            return
        time.sleep(0.1)
    raise BackendFailed(f"decap-server did not start within {STARTUP_SECONDS} s.")


def backend_from_environment():
    """(socket path, key) of the backend `invoke edit` started, or None."""
    socket_path, key = os.environ.get(SOCKET_VARIABLE), os.environ.get(KEY_VARIABLE)
    return (socket_path, key) if socket_path and key else None


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, socket_path, timeout=120):
        super().__init__("localhost", timeout=timeout)
        self.socket_path = socket_path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)


def forward(socket_path, body):
    """decap-server's answer to the JSON `body`: (status, content type, bytes)."""
    connection = UnixHTTPConnection(socket_path)
    try:
        connection.request("POST", "/api/v1", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        return response.status, response.getheader("Content-Type", "application/json"), response.read()
    finally:
        connection.close()


class BackendProxy(PolicyHeaders, web.RequestHandler):
    """`POST /<admin>/api/v1/<key>` from the admin page, forwarded to decap-server."""

    def initialize(self, socket_path, key):
        self.socket_path, self.key = socket_path, key

    def prepare(self):
        given = self.path_args[0] if self.path_args else ""
        if not hmac.compare_digest(given.encode(), self.key.encode()):
            self.refuse("this address needs the key of this run of `invoke edit`")
        if self.request.headers.get("Origin") != f"http://{self.request.host}":
            self.refuse("only the preview's own admin page may use the CMS's backend")
        if self.request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            self.refuse("only the preview's own admin page may use the CMS's backend")
        if self.request.method != "POST":
            self.refuse("the CMS's backend takes only POST requests")
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            self.refuse("the CMS's backend takes only JSON")

    def refuse(self, reason):
        raise web.HTTPError(403, reason=None, log_message=reason)

    def check_xsrf_cookie(self):
        """The key and the Origin check stand for Tornado's XSRF cookie (which is off anyway)."""

    async def post(self, _key):
        try:
            json.loads(self.request.body)
        except ValueError:
            raise web.HTTPError(400) from None
        try:
            status, content_type, body = await IOLoop.current().run_in_executor(
                None, forward, self.socket_path, self.request.body
            )
        except OSError as error:
            raise web.HTTPError(502, log_message=f"decap-server did not answer: {error}") from None
        self.set_status(status)
        self.set_header("Content-Type", content_type)
        self.set_header("Cache-Control", "no-store")
        self.finish(body)
