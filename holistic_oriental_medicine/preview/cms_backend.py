"""The CMS's local backend, reachable only through the preview, by the admin page it serves.

`invoke edit` starts decap-server's file-system backend (cms_backend.js) on a Unix socket in a
folder only this user can open: no web page can reach it, whatever its origin or host name, so
DNS rebinding finds nothing to talk to. Its root is the content folder: decap-server's own
checks keep every path it is given (`..`, links, absolute paths) below it.

The preview forwards the admin's requests to it from `/<admin>/api/v1/<key>`, the key made for
this run and written into the admin's config.yml only. A request is forwarded only if it carries
the key, comes from the preview's own page (its Origin is the address the preview serves, its
Host one the preview answers, see guards.py), is the JSON Decap sends, asks for one of the
actions of Decap's editing and names only paths in the folders editors edit (articles, pages,
pictures: `editable_path`); any other gets 403 and reaches nothing.
"""

import contextlib
import hmac
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tornado import web
from tornado.ioloop import IOLoop

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.cms import LOCAL_BACKEND_API

from .guards import PolicyHeaders, same_origin

# How `invoke edit` tells the preview (and, for the address, pelicanconf.py) where the backend is;
# through the environment, so that a preview started again after a settings change has them.
KEY_VARIABLE = "CMS_LOCAL_BACKEND_KEY"
SOCKET_VARIABLE = "CMS_LOCAL_BACKEND_SOCKET"
URL_VARIABLE = "CMS_LOCAL_BACKEND_URL"
STARTUP_SECONDS = 30
# What Decap's editing asks of decap-server's file-system backend; the rest (its editorial
# workflow's branches) has nothing to do here.
ACTIONS = {"info", "entriesByFolder", "entriesByFiles", "getEntry", "persistEntry", "getMedia",
           "getMediaFile", "persistMedia", "deleteFile", "deleteFiles", "getDeployPreview"}
# The parameters that name files or folders, wherever they are in a request.
PATH_KEYS = {"path", "newPath", "folder", "mediaFolder", "paths"}
# One name of a path: no separator, escape, control character, nor a leading dot (no `..`, no
# hidden file such as .git).
NAME = re.compile(r"[^./\\%\x00-\x1f\x7f][^/\\%\x00-\x1f\x7f]*")


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
    # Its standard input stays open while the preview runs, started again (os.execv) or not:
    # decap-server stops when it closes, however the preview ended.
    process = subprocess.Popen(
        ["node", str(Path(__file__).with_name("cms_backend.js"))],
        env={**os.environ, **environment, "GIT_REPO_DIRECTORY": str(content_folder)},
        cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
    )
    os.set_inheritable(process.stdin.fileno(), True)
    try:
        wait_until_listening(socket_path, process)
        os.environ.update(environment)
        yield environment
    finally:
        for name in environment:
            os.environ.pop(name, None)
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
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


def editable_path(path, folders):
    """Whether `path` (from the content folder) is in one of `folders`, by plain names only."""
    if not isinstance(path, str):
        return False
    in_a_folder = any(path == folder or path.startswith(folder + "/") for folder in folders)
    return in_a_folder and all(NAME.fullmatch(name) for name in path.split("/"))


def named_paths(value):
    """Every value of the request's parameters that names a file or folder."""
    if isinstance(value, list):
        for item in value:
            yield from named_paths(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            if key in PATH_KEYS:
                yield from item if isinstance(item, list) else [item]
            else:
                yield from named_paths(item)


def backend_from_environment():
    """(socket path, key) of the backend `invoke edit` started, or None."""
    socket_path, key = os.environ.get(SOCKET_VARIABLE), os.environ.get(KEY_VARIABLE)
    return (socket_path, key) if socket_path and key else None


class UnixHTTPConnection(http.client.HTTPConnection):
    """HTTP over a Unix socket (http.client connects to TCP ports only)."""

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

    def initialize(self, socket_path, key, folders):
        """`folders`: the folders of the content folder that editors edit."""
        self.socket_path, self.key, self.folders = socket_path, key, set(folders)
        self.refusal = None

    def prepare(self):
        given = self.path_args[0] if self.path_args else ""
        if not hmac.compare_digest(given.encode(), self.key.encode()):
            self.refuse("this address needs the key of this run of `invoke edit`")
        if not same_origin(self):
            self.refuse("only the preview's own admin page may use the CMS's backend")
        if self.request.headers.get("Sec-Fetch-Site", "same-origin") != "same-origin":
            self.refuse("only the preview's own admin page may use the CMS's backend")
        if self.request.method != "POST":
            self.refuse("the CMS's backend takes only POST requests")
        content_type = self.request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if content_type != "application/json":
            self.refuse("the CMS's backend takes only JSON")

    def refuse(self, reason):
        # Said in the answer, not in the log, which would show the address and its key.
        self.refusal = reason
        raise web.HTTPError(403)

    def write_error(self, status_code, **kwargs):
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"Refused: {self.refusal}.\n" if self.refusal else f"{status_code} {self._reason}\n")

    def check_xsrf_cookie(self):
        """The key and the Origin check stand for Tornado's XSRF cookie (which is off anyway)."""

    async def post(self, _key):
        try:
            request = json.loads(self.request.body)
        except ValueError:
            raise web.HTTPError(400) from None
        if not isinstance(request, dict) or request.get("action") not in ACTIONS:
            self.refuse("the CMS's backend does not do that")
        wrong = [path for path in named_paths(request.get("params")) if not editable_path(path, self.folders)]
        if wrong:
            self.refuse(f"the CMS edits only files in {', '.join(sorted(self.folders))}, not {wrong[0]!r}")
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
