"""While an editor runs `invoke edit`, nothing but the admin page the preview serves can use the
CMS's backend, and the backend reaches nothing but the content folder.

Each attack runs against the real `invoke edit` (decap-server from the pinned npm package) in a
copy of the project, its own git repository: a page on another local port (in Chromium), a site
that points its name at this computer (DNS rebinding, in Chromium and by its Host header), requests
without the run's key, paths that lead out of content/, a page framing /admin/, a foreign page
opening the live-reload socket. Each is refused, and no file of the project changes.
"""

import asyncio
import contextlib
import http.client
import ipaddress
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from pelican.settings import read_settings
from support.browser import CHROMIUM, CHROMIUM_ARGS
from support.project import PROJECT_ROOT, project_copy
from support.servers import wait_for
from tornado.httpclient import HTTPClientError, HTTPRequest
from tornado.websocket import websocket_connect

from holistic_oriental_medicine.hosting.host_config import content_security_policy, response_headers
from holistic_oriental_medicine.hosting.nginx_server import free_port

PUBLISHED = read_settings(str(PROJECT_ROOT / "publishconf.py"))
PREVIEW = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
# What the attacks try to read and write, as in the report that found them: the settings, a
# plugin the next build runs, a git hook.
SETTINGS_FILE = "pelicanconf.py"
SETTINGS_MARK = "CMS_ADMIN_DIR"
PLUGIN = "holistic_oriental_medicine/plugins/read_time/"
HOOK = ".git/hooks/pre-commit"
WRITTEN = "import os; os.system('touch /tmp/written-by-an-attacker')\n"
REBINDING_NAME = "rebind.attacker.test"
# Nothing of these changes, whatever a request asks (the build's own output and caches do).
NOT_THE_PROJECT = {"output", "cache", "__pycache__", ".pytest_cache"}
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
       b"trailer<</Root 1 0 R>>\n%%EOF\n")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n'


def project_files(root):
    """{path: bytes} of every file of the project copy, links as their targets' names, .git
    included, but not the preview's output or caches."""
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if relative.parts[0] in {".venv", "node_modules"} or NOT_THE_PROJECT & set(relative.parts):
            continue
        if path.is_symlink():
            files[str(relative)] = f"-> {os.readlink(path)}".encode()
        elif path.is_file():
            files[str(relative)] = path.read_bytes()
    return files


def process_group(leader):
    """The ids of the processes of `leader`'s process group (invoke edit and what it started)."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[2]) == leader:
                members.append(int(stat.parent.name))
    return members


def listening_sockets(pids):
    """(address, port) of every TCP socket the processes `pids` listen on."""
    inodes = set()
    for pid in pids:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(fd)
                    if target.startswith("socket:["):
                        inodes.add(target[8:-1])
    sockets = set()
    for table, size in (("/proc/net/tcp", 4), ("/proc/net/tcp6", 16)):
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in inodes:  # 0A: LISTEN
                address, port = local.split(":")
                raw = bytes.fromhex(address)
                # The kernel writes each 32-bit word of the address in host (little-endian) order.
                raw = b"".join(raw[i:i + 4][::-1] for i in range(0, size, 4))
                sockets.add((str(ipaddress.ip_address(raw)), int(port, 16)))
    return sockets


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """`invoke edit` in a copy of the project: (the copy, preview address, the files before, the
    TCP sockets it listens on, the admin's config)."""
    copy = project_copy(tmp_path_factory.mktemp("editor") / "site")
    (copy / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    content = copy / "content"
    (content / "images").mkdir(exist_ok=True)
    (content / "images/intake-form.pdf").write_bytes(PDF)
    (content / "images/diagram.svg").write_text(SVG, encoding="utf-8")
    with open(content / "pages/about.md", "a", encoding="utf-8") as about:
        about.write("\n![A black square]({static}/images/diagram.svg)\n")
    (copy / HOOK).write_text("#!/bin/sh\n", encoding="utf-8")
    port = free_port()
    log = copy.parent / "edit.log"
    with open(log, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "edit", "--port", str(port), "--output", str(copy / "output")],
            cwd=copy, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
            # Where decap-server once listened by default (8081): a free port, should anything
            # still open one.
            env={**os.environ, "CMS_LOCAL_BACKEND_PORT": str(free_port())},
        )
    address = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{address}/admin/", process=process, log=log)
        config = yaml.safe_load(wait_for(f"{address}/admin/config.yml", process=process, log=log))
        # Links in the content folder, into the code and to the project (the content checks
        # refuse them, so the preview keeps its first build).
        (content / "images/code").symlink_to(copy / "holistic_oriental_medicine", target_is_directory=True)
        (content / "articles/project").symlink_to(copy, target_is_directory=True)
        before = project_files(copy)
        sockets = listening_sockets(process_group(process.pid))
        yield copy, address, before, sockets, config
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@pytest.fixture
def attacker_site():
    """Another site on this computer, at another port: serves the page `attacker_site.page`."""

    class AttackerPage(BaseHTTPRequestHandler):
        def do_GET(self):
            body = site.page.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), AttackerPage)
    site = server
    site.page, site.address = "", f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


def request(url, body=None, method="POST", **headers):
    """(status, body text) of one request, its headers exactly as given (Host included)."""
    address = urlsplit(url)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.putrequest(method, address.path or "/", skip_host=True, skip_accept_encoding=True)
        headers.setdefault("Host", address.netloc)
        data = json.dumps(body).encode() if body is not None else b""
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
        for name, value in {**headers, "Content-Length": str(len(data))}.items():
            if value is not None:
                connection.putheader(name.replace("_", "-"), value)
        connection.endheaders(data)
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def read_action(path):
    return {"action": "getEntry", "params": {"branch": "main", "path": path}}


def write_action(path, raw=WRITTEN):
    return {"action": "persistEntry", "params": {
        "branch": "main",
        "entry": {"slug": "x", "path": path, "raw": raw},
        "assets": [],
        "options": {"commitMessage": "x", "useWorkflow": False, "status": "draft"},
    }}


def media_action(path):
    content = "IyEvYmluL3NoCnRvdWNoIC90bXAvd3JpdHRlbgo="  # a shell script, base 64
    return {"action": "persistMedia", "params": {
        "branch": "main",
        "asset": {"path": path, "content": content, "encoding": "base64"},
        "options": {"commitMessage": "x"},
    }}


def backend_url(editor):
    """The CMS's backend, as the admin's config.yml names it."""
    return editor[4]["local_backend"]["url"]


def the_issue_s_attacks(paths_from_root):
    """The reads and writes of the report, at `paths_from_root` names of the files."""
    settings, plugin, hook = paths_from_root
    return [read_action(settings), write_action(plugin), media_action(hook), write_action(hook)]


def test_the_admin_page_s_own_requests_reach_the_content(editor):
    _, address, _, _, _ = editor
    status, body = request(backend_url(editor), {"action": "entriesByFolder", "params": {
        "branch": "main", "folder": "articles", "extension": "md", "depth": 1}}, Origin=address)
    assert status == 200
    assert "Unlocking the Healing Power" in body


def test_invoke_edit_listens_at_one_port_of_this_computer_only(editor):
    _, address, _, sockets, _ = editor
    assert sockets == {("127.0.0.1", urlsplit(address).port)}


ATTACKER_FRAME = """<!doctype html><title>Another site</title><iframe src="ADMIN" width="800" height="600"></iframe>"""


def test_a_page_on_another_port_cannot_frame_the_admin(editor, chromium_browser, attacker_site):
    _, address, _, _, _ = editor
    attacker_site.page = ATTACKER_FRAME.replace("ADMIN", f"{address}/admin/")
    context = chromium_browser.new_context()
    page = context.new_page()
    page.goto(attacker_site.address, wait_until="networkidle")
    shown = [(frame.url, frame.evaluate("document.title")) for frame in page.frames[1:]]
    context.close()
    assert [title for url, title in shown if "Edit the site" in title] == [], shown


def test_the_live_reload_socket_refuses_a_page_of_another_origin(editor):
    _, address, _, _, _ = editor
    socket_address = address.replace("http://", "ws://") + "/livereload"

    async def connect(origin):
        try:
            connection = await websocket_connect(HTTPRequest(socket_address, headers={"Origin": origin}))
        except HTTPClientError as refusal:
            return refusal.code
        connection.close()
        return 101

    attacker = f"http://127.0.0.1:{free_port()}"
    origins = (attacker, f"http://{REBINDING_NAME}:{urlsplit(address).port}", address)
    # In a thread with its own event loop: the browser's runs in this one.
    with ThreadPoolExecutor(1) as thread:
        results = {origin: thread.submit(asyncio.run, connect(origin)).result() for origin in origins}
    assert results == {attacker: 403, f"http://{REBINDING_NAME}:{urlsplit(address).port}": 403, address: 101}


def served_headers(address, path):
    connection = http.client.HTTPConnection(urlsplit(address).hostname, urlsplit(address).port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, dict(response.getheaders())
    finally:
        connection.close()


@pytest.mark.parametrize("path", ["/", "/about/", "/images/intake-form.pdf", "SVG", "/no-such-page/", "/admin/"])
def test_the_preview_sends_the_published_site_s_headers(editor, path):
    copy, address, _, _, _ = editor
    if path == "SVG":
        (svg,) = [file for file in (copy / "output").rglob("diagram*.svg")]
        path = "/" + str(svg.relative_to(copy / "output"))
    status, headers = served_headers(address, path)
    assert status in (200, 404)
    expected = {name: value for name, value in response_headers(PUBLISHED["HOST_POLICY"]).items()}
    if path.startswith(f"/{PREVIEW['CMS_ADMIN_DIR']}/"):
        expected["Content-Security-Policy"] = content_security_policy(PREVIEW["CMS_POLICY"])
        assert "frame-ancestors 'none'" in expected["Content-Security-Policy"]
    assert {name: headers.get(name) for name in expected} == expected


ATTACKER_PAGE = """<!doctype html><title>Another site</title><script>
window.attempts = (async () => {
  const results = [];
  for (const [url, body, options] of TARGETS) {
    try {
      const response = await fetch(url, {method: "POST", body: JSON.stringify(body), ...options});
      results.push({url, status: response.status, read: options.mode === "no-cors" ? "" : await response.text()});
    } catch (error) {
      results.push({url, failed: String(error)});
    }
  }
  return results;
})();
</script>"""


def test_a_page_on_another_local_port_can_neither_read_nor_write_through_any_port_of_invoke_edit(
    editor, chromium_browser, attacker_site
):
    copy, address, before, sockets, _ = editor
    attacks = the_issue_s_attacks([SETTINGS_FILE, PLUGIN, HOOK])
    urls = [f"http://127.0.0.1:{port}{path}" for _, port in sorted(sockets)
            for path in ("/api/v1", f"/{PREVIEW['CMS_ADMIN_DIR']}/api/v1/", urlsplit(backend_url(editor)).path)]
    json_request = {"headers": {"Content-Type": "application/json"}}
    # A simple request, which no preflight precedes (its answer cannot be read).
    simple_request = {"mode": "no-cors", "headers": {"Content-Type": "text/plain"}}
    targets = [[url, attack, options]
               for url in urls for attack in attacks for options in (json_request, simple_request)]
    attacker_site.page = ATTACKER_PAGE.replace("TARGETS", json.dumps(targets))
    context = chromium_browser.new_context()
    page = context.new_page()
    page.goto(attacker_site.address)
    results = page.evaluate("window.attempts")
    # Its key is in the admin's config.yml: the page cannot read that either.
    stolen = page.evaluate("url => fetch(url).then(r => r.text()).catch(e => String(e))",
                           f"{address}/admin/config.yml")
    context.close()
    assert [result for result in results if result.get("read") and SETTINGS_MARK in result["read"]] == []
    assert [result for result in results if result.get("status") == 200 and result.get("read")] == []
    assert "local_backend" not in stolen
    assert project_files(copy) == before


@pytest.mark.parametrize("case", ["no key", "another key", "another port's page", "another site's page",
                                  "no Origin", "a rebinding Host"])
def test_a_request_to_the_backend_without_the_key_or_from_elsewhere_gets_403_and_changes_nothing(editor, case):
    copy, address, before, _, _ = editor
    url = backend_url(editor)
    origin, host = address, urlsplit(url).netloc
    if case == "no key":
        url = url.rsplit("/", 1)[0] + "/"
    elif case == "another key":
        url = url.rsplit("/", 1)[0] + "/" + secrets.token_urlsafe(32)
    elif case == "another port's page":
        origin = f"http://127.0.0.1:{free_port()}"
    elif case == "another site's page":
        origin = "https://attacker.example"
    elif case == "no Origin":
        origin = None
    else:
        host = f"{REBINDING_NAME}:{urlsplit(url).port}"
        origin = f"http://{host}"
    for attack in [*the_issue_s_attacks([SETTINGS_FILE, PLUGIN, HOOK]), write_action("articles/intruder.md")]:
        status, body = request(url, attack, Origin=origin, Host=host)
        assert status == 403, (case, attack["action"], body[:200])
    assert project_files(copy) == before


def test_a_site_that_points_its_name_at_this_computer_reads_and_writes_nothing_at_any_port(editor):
    """DNS rebinding: a page of http://rebind.attacker.test:PORT, its name now resolving to
    127.0.0.1, sends requests that carry its name in the Host header."""
    copy, _, before, sockets, _ = editor
    answers = {}
    for _, port in sorted(sockets):
        host = f"{REBINDING_NAME}:{port}"
        origin = {"Host": host, "Origin": f"http://{host}"}
        for path in ("/", "/admin/", "/admin/config.yml"):
            answers[port, "GET", path] = request(f"http://127.0.0.1:{port}{path}", method="GET", Host=host)
        for path in ("/api/v1", urlsplit(backend_url(editor)).path):
            for attack in the_issue_s_attacks([SETTINGS_FILE, PLUGIN, HOOK]):
                answers[port, attack["action"], path] = request(f"http://127.0.0.1:{port}{path}", attack, **origin)
    assert {key: status for key, (status, _) in answers.items() if status != 403} == {}
    assert [key for key, (_, body) in answers.items() if SETTINGS_MARK in body or "local_backend" in body] == []
    assert project_files(copy) == before


REBINDING_PAGE = """<!doctype html><title>Another site</title><script>
window.attempts = (async () => {
  const results = [];
  for (const [path, body] of TARGETS) {
    const options = body ? {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)} : {};
    try {
      const response = await fetch(path, options);
      results.push({path, status: response.status, read: await response.text()});
    } catch (error) {
      results.push({path, failed: String(error)});
    }
  }
  return results;
})();
</script>"""


@pytest.fixture(scope="module")
def rebinding_browser(chromium_browser):
    """Chromium in which rebind.attacker.test is this computer, as after DNS rebinding.
    Chromium's own block of public pages' requests to this computer (Private Network Access,
    which other browsers lack) is off: the preview must refuse them by itself."""
    browser = chromium_browser.browser_type.launch(executable_path=CHROMIUM, args=[
        *CHROMIUM_ARGS, f"--host-resolver-rules=MAP {REBINDING_NAME} 127.0.0.1",
        "--disable-features=BlockInsecurePrivateNetworkRequests,PrivateNetworkAccessSendPreflights,"
        "PrivateNetworkAccessRespectPreflightResults,LocalNetworkAccessChecks",
    ])
    yield browser
    browser.close()


def test_a_rebinding_site_s_page_in_chromium_reads_and_writes_nothing_at_any_port(editor, rebinding_browser):
    """The site's page was loaded from its own server at rebind.attacker.test:PORT; its name now
    points at 127.0.0.1, so its same-origin requests reach what listens at PORT here."""
    copy, _, before, sockets, _ = editor
    targets = [["/admin/config.yml", None], ["/", None],
               *[[path, attack] for path in ("/api/v1", urlsplit(backend_url(editor)).path)
                 for attack in the_issue_s_attacks([SETTINGS_FILE, PLUGIN, HOOK])]]
    results = []
    for _, port in sorted(sockets):
        context = rebinding_browser.new_context()
        page = context.new_page()
        origin = f"http://{REBINDING_NAME}:{port}"
        # The page as the site's own server sent it, before its name pointed here.
        page.route(f"{origin}/rebinding.html", lambda route: route.fulfill(
            content_type="text/html", body=REBINDING_PAGE.replace("TARGETS", json.dumps(targets))))
        page.goto(f"{origin}/rebinding.html")
        results += page.evaluate("window.attempts")
        context.close()
    # Each request reached this computer, and got 403.
    assert [result for result in results if result.get("status") != 403] == []
    assert [result for result in results if SETTINGS_MARK in result.get("read", "")] == []
    assert project_files(copy) == before


ESCAPING_PATHS = [
    SETTINGS_FILE, PLUGIN, HOOK,
    f"../{SETTINGS_FILE}", f"../../{SETTINGS_FILE}", f"content/../{SETTINGS_FILE}", f"../{PLUGIN}", f"../{HOOK}",
    f"%2e%2e/{SETTINGS_FILE}", f"..%2f{SETTINGS_FILE}", f"..\\{SETTINGS_FILE}",
    f"\u2025/{SETTINGS_FILE}", f"\uff0e\uff0e/{SETTINGS_FILE}", f"./\u002e\u002e/{SETTINGS_FILE}",
    "images/code/read_time.py", f"articles/project/{SETTINGS_FILE}", f"articles/project/{HOOK}",
]


def test_the_backend_reaches_nothing_outside_the_content_folder_whatever_the_path(editor):
    """With the key, from the admin's own page: what the admin sends, with paths that lead out."""
    copy, address, before, _, _ = editor
    paths = [*ESCAPING_PATHS, str(copy / SETTINGS_FILE), str(copy / PLUGIN), str(copy / HOOK)]
    read = {}
    for path in paths:
        _, read[path] = request(backend_url(editor), read_action(path), Origin=address)
        request(backend_url(editor), write_action(path), Origin=address)
        request(backend_url(editor), media_action(path), Origin=address)
    assert [path for path, body in read.items() if SETTINGS_MARK in body or "def " in body] == []
    # Nothing changed, in the content folder either: no stray file outside articles, pages and
    # pictures.
    assert project_files(copy) == before


@pytest.mark.parametrize("host, listening, allowed", [
    ("127.0.0.1:8000", "127.0.0.1", True),
    ("localhost:8000", "127.0.0.1", True),
    ("127.0.0.1:8001", "127.0.0.1", False),
    ("rebind.attacker.test:8000", "127.0.0.1", False),
    ("127.0.0.1.nip.io:8000", "127.0.0.1", False),
    ("192.168.1.20:8000", "127.0.0.1", False),
    ("192.168.1.20:8000", "0.0.0.0", True),
    ("rebind.attacker.test:8000", "0.0.0.0", False),
    ("[::1]:8000", "::1", True),
    ("127.0.0.1:8000:8000", "127.0.0.1", False),
    ("", "127.0.0.1", False),
])
def test_the_preview_answers_only_hosts_that_name_this_computer(host, listening, allowed):
    from holistic_oriental_medicine.preview.guards import host_allowed

    assert host_allowed(host, listening, 8000) is allowed


@pytest.mark.parametrize("path, editable", [
    ("articles/moxibustion.md", True),
    ("images/moxa stick.png", True),
    ("pages", True),
    ("pelicanconf.py", False),
    ("articles/../pelicanconf.py", False),
    ("articles/.hidden.md", False),
    (".git/hooks/pre-commit", False),
    ("/articles/x.md", False),
    ("articles//x.md", False),
    ("articles/%2e%2e/x.md", False),
    ("articles\\..\\x.md", False),
    ("articlesX/x.md", False),
    (["articles/x.md"], False),
])
def test_the_backend_forwards_only_paths_in_the_folders_editors_edit(path, editable):
    from holistic_oriental_medicine.preview.cms_backend import editable_path, named_paths

    assert editable_path(path, ["articles", "pages", "images"]) is editable
    request = {"entry": {"path": "articles/a.md", "newPath": "articles/b.md"}, "assets": [{"path": "images/c.png"}],
               "paths": ["pages/d.md"], "folder": "articles", "mediaFolder": "images", "slug": "e"}
    assert sorted(named_paths(request)) == [
        "articles", "articles/a.md", "articles/b.md", "images", "images/c.png", "pages/d.md"]
