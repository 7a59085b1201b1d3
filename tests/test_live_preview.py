"""`invoke livereload`: a save shows in the preview, a broken save keeps the last good one, and
a port already in use gets a clear message."""

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from conftest import PROJECT_ROOT
from nginx_server import free_port


def page_text(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def live_preview(tmp_path):
    """(address, content folder, its messages' file) of `invoke livereload` on a copy of the
    content."""
    content, port, messages = tmp_path / "content", free_port(), tmp_path / "messages.txt"
    shutil.copytree(PROJECT_ROOT / "content", content)
    with open(messages, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port),
             "--content", str(content), "--output", str(tmp_path / "output")],
            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    address = f"http://127.0.0.1:{port}/"
    try:
        assert wait_for(lambda: "</html>" in page_text(address)), "the preview never started"
        yield address, content, messages
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_a_save_is_served_and_a_broken_save_keeps_the_last_good_preview(live_preview):
    address, content, messages = live_preview
    about = content / "pages/about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\nWe also offer moxibustion.\n", encoding="utf-8")
    assert wait_for(lambda: "We also offer moxibustion." in page_text(address + "about/"))

    about.write_text("Date: someday\n" + text, encoding="utf-8")
    assert wait_for(lambda: "still shows the last good build" in messages.read_text(encoding="utf-8"))
    assert "content/pages/about.md: date:" in messages.read_text(encoding="utf-8")
    assert "We also offer moxibustion." in page_text(address + "about/")


def test_a_port_in_use_gets_a_clear_message():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port)],
            cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
        )
    assert result.returncode == 1
    assert f"Cannot serve the preview at http://127.0.0.1:{port}/" in result.stderr
    assert f"invoke livereload --port {port + 1}" in result.stderr
    assert "Traceback" not in result.stderr


async def reloads_after_saves(address, about, texts):
    """For each text saved in turn, what the page shows when the browser is told to reload."""
    from tornado.websocket import websocket_connect

    socket_url = address.replace("http://", "ws://") + "livereload"
    connection = await websocket_connect(socket_url)
    await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": address + "about/"}))
    await asyncio.sleep(0.5)
    shown = []
    for text in texts:
        about.write_text(text, encoding="utf-8")
        message = json.loads(await asyncio.wait_for(connection.read_message(), 120))
        assert message["command"] == "reload"
        shown.append(await asyncio.to_thread(page_text, address + "about/"))
    connection.close()
    return shown


def test_every_save_reloads_the_browser_once_its_page_is_ready(live_preview):
    address, content, _messages = live_preview
    about = content / "pages/about.md"
    text = about.read_text(encoding="utf-8")
    saves = [text + "\nFirst save.\n", text + "\nSecond save, right after.\n"]
    # In a thread of its own: the browser tests may have an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        first, second = thread.submit(asyncio.run, reloads_after_saves(address, about, saves)).result()
    assert "First save." in first
    assert "Second save, right after." in second
