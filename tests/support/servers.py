"""Servers the tests start or read from: waiting for an address or a condition, a page's text,
one plain GET, `invoke edit` running, and what Netlify's own parsers read from a site's host files."""

import contextlib
import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from support.project import PROJECT_ROOT

from holistic_oriental_medicine.hosting.nginx_server import free_port

NETLIFY_RULES = PROJECT_ROOT / "tests/netlify_rules.mjs"


def wait_for(url, seconds=90, process=None, log=None, status=200):
    """The body of `url` once it answers with `status` (`process`: the server starting, whose
    `log` shows why it stopped, if it does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code == status:
                return error.read().decode()
            time.sleep(0.5)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def page_text(url):
    """The body of `url` now, or "" while nothing answers there."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_until(condition, seconds=120):
    """Whether `condition()` comes true within `seconds`, asked again every 50 ms."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def fetch(address, path, **headers):
    """(status, headers, body) of one GET, without following redirects or decompressing."""
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


@contextlib.contextmanager
def invoke_edit(content, work):
    """The address of `invoke edit` serving `content`, its output and log in `work`, while the
    block runs; then it is stopped with the decap-server it started (its process group)."""
    port = free_port()
    log = work / "edit.log"
    with open(log, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "edit", "--content", str(content),
             "--output", str(work / "output"), "--port", str(port)],
            cwd=PROJECT_ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    address = f"http://127.0.0.1:{port}"
    try:
        # The preview starts once decap-server listens.
        wait_for(f"{address}/admin/", process=process, log=log)
        yield address
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def netlify_reading(site, paths):
    """What Netlify's own parsers read from `site`'s host files, for `paths`."""
    if shutil.which("node") is None or not (PROJECT_ROOT / "node_modules/@netlify").is_dir():
        raise FileNotFoundError("Node and the npm packages are missing: install Node, then run `npm ci`")
    result = subprocess.run(
        ["node", str(NETLIFY_RULES), str(site), *paths],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)
