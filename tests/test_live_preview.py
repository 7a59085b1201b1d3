"""`invoke livereload`: a save shows in the preview at once, each tab reloads when its page is
ready, a broken save keeps the last good preview, the site it ends with is the one a clean
build makes, and a port already in use gets a clear message."""

import asyncio
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from support.browser import visit
from support.builds import build_site, snapshot
from support.pages import SEED_ARTICLE_URL
from support.project import PROJECT_ROOT, invoke
from support.servers import page_text, wait_until

from holistic_oriental_medicine.hosting.nginx_server import free_port


def test_a_save_is_served_and_a_broken_save_keeps_the_last_good_preview(live_preview):
    address, content, messages = live_preview
    about = content / "pages/about.md"
    text = about.read_text(encoding="utf-8")
    about.write_text(text + "\nWe also offer moxibustion.\n", encoding="utf-8")
    assert wait_until(lambda: "We also offer moxibustion." in page_text(address + "about/"))

    about.write_text("Date: someday\n" + text, encoding="utf-8")
    assert wait_until(lambda: "still shows the last good build" in messages.read_text(encoding="utf-8"))
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


async def reloads_after(address, page, saves):
    """For each of `saves` (functions) run in turn: what the tab showing `page` is told, and
    the page it then gets."""
    from tornado.websocket import websocket_connect

    connection = await websocket_connect(address.replace("http://", "ws://") + "livereload")
    await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
    await connection.read_message()
    await connection.write_message(json.dumps({"command": "info", "url": address + page}))
    await asyncio.sleep(0.5)
    told = []
    for save in saves:
        save()
        message = json.loads(await asyncio.wait_for(connection.read_message(), 120))
        told.append((message, await asyncio.to_thread(page_text, address + page)))
    connection.close()
    return told


def in_a_thread(coroutine):
    # In a thread of its own: the browser tests may have an event loop running in this one.
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


def test_every_save_reloads_the_browser_once_its_page_is_ready(live_preview):
    address, content, _messages = live_preview
    about = content / "pages/about.md"
    text = about.read_text(encoding="utf-8")
    saves = [lambda: about.write_text(text + "\nFirst save.\n", encoding="utf-8"),
             lambda: about.write_text(text + "\nSecond save, right after.\n", encoding="utf-8")]
    (first_message, first), (second_message, second) = in_a_thread(reloads_after(address, "about/", saves))
    assert first_message["command"] == second_message["command"] == "reload"
    assert "First save." in first
    assert "Second save, right after." in second


def builds_done(messages):
    return messages.read_text(encoding="utf-8").count("\nBuilt ")


def wait_for_the_build_after(messages, done_before):
    """Wait until a build that began after the last save is in place (builds that a later
    save stopped print nothing)."""
    assert wait_until(lambda: builds_done(messages) > done_before), "the build never finished"
    settled = builds_done(messages)
    time.sleep(2)
    assert builds_done(messages) == settled, "another build was still under way"


def test_a_saved_article_shows_at_once_as_the_whole_build_then_writes_it(live_preview):
    address, content, messages = live_preview
    article = content / "articles/acupuncture-for-back-pain.md"
    done = builds_done(messages)

    def save():
        article.write_text(article.read_text(encoding="utf-8") + "\nShown before the build.\n", encoding="utf-8")

    ((message, shown),) = in_a_thread(reloads_after(address, SEED_ARTICLE_URL, [save]))
    assert message["command"] == "reload"
    assert message["path"] == SEED_ARTICLE_URL + "index.html"
    assert "Shown before the build." in shown
    wait_for_the_build_after(messages, done)
    assert page_text(address + SEED_ARTICLE_URL) == shown


def test_a_tab_in_chromium_shows_a_saved_change_by_itself(live_preview, browser_page):
    address, content, _messages = live_preview
    visit(browser_page, address + "about/")
    browser_page.wait_for_function("window.LiveReload !== undefined", timeout=10000)
    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nSeen in the browser.\n", encoding="utf-8")
    browser_page.wait_for_selector("text=Seen in the browser.", timeout=30000)
    assert browser_page.url == address + "about/"
    assert browser_page.problems == []


def test_an_open_page_that_lists_the_article_reloads_with_its_new_title(live_preview):
    address, content, messages = live_preview
    article = content / "articles/acupuncture-for-back-pain.md"
    text = article.read_text(encoding="utf-8")

    def save():
        article.write_text(text.replace("Title: Unlocking", "Title: Opening", 1), encoding="utf-8")

    ((message, home),) = in_a_thread(reloads_after(address, "", [save]))
    assert message == {"command": "reload", "path": "index.html", "liveCSS": False, "liveImg": False}
    assert "Opening the Healing Power" in home


def test_after_saves_the_preview_is_the_site_a_clean_build_makes(live_preview, tmp_path):
    address, content, messages = live_preview
    article = content / "articles/acupuncture-for-back-pain.md"
    text = article.read_text(encoding="utf-8")
    done = builds_done(messages)
    article.write_text(text.replace("Title: Unlocking", "Title: Opening", 1), encoding="utf-8")
    (content / "articles/moxibustion.md").write_text(
        "Title: Moxibustion\nDate: 2025-03-01\nTags: warmth\n\nWarmth for the lower back.\n", encoding="utf-8"
    )
    article.write_text(text + "\nOne more line.\n", encoding="utf-8")
    (content / "pages/about.md").write_text(
        (content / "pages/about.md").read_text(encoding="utf-8") + "\nAbout, again.\n", encoding="utf-8"
    )
    wait_for_the_build_after(messages, done)
    assert "One more line." in page_text(address + SEED_ARTICLE_URL)

    clean = build_site(tmp_path / "clean", PATH=str(content))

    def same_as_clean():
        try:
            return snapshot(tmp_path / "output") == snapshot(clean)
        except OSError:  # looked while the new search index was put in place
            return False

    # The search index follows the pages: the preview makes it once they are served.
    wait_until(same_as_clean, seconds=60)
    assert snapshot(tmp_path / "output") == snapshot(clean)


async def told_on_connecting(address, cookie, seconds):
    """What a tab with `cookie` that shows the home page is told within `seconds` (None if
    nothing); as livereload.js does, it connects again whenever the connection closes."""
    from tornado.httpclient import HTTPRequest
    from tornado.websocket import websocket_connect

    request = HTTPRequest(address.replace("http://", "ws://") + "livereload", headers={"Cookie": cookie})
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = await websocket_connect(request)
            await connection.write_message(json.dumps({"command": "hello", "protocols": []}))
            await connection.read_message()
            await connection.write_message(json.dumps({"command": "info", "url": address}))
            message = await asyncio.wait_for(connection.read_message(), deadline - time.monotonic())
        except asyncio.TimeoutError:
            return None
        except OSError:
            message = None  # the preview is starting again
        if message is not None:
            connection.close()
            return json.loads(message)
        await asyncio.sleep(0.5)
    return None


def preview_cookie(address):
    with urllib.request.urlopen(address, timeout=5) as response:
        return response.headers["Set-Cookie"].split(";")[0]


def test_after_a_settings_change_the_preview_starts_again_and_the_tabs_reload(tmp_path):
    settings = tmp_path / "settings.py"
    settings_text = (f"import sys\nsys.path.insert(0, {str(PROJECT_ROOT)!r})\n"
                     "from pelicanconf import *  # noqa: F403\nSITENAME = {!r}\n")
    settings.write_text(settings_text.format("Before the change"), encoding="utf-8")
    content, port = tmp_path / "content", free_port()
    shutil.copytree(PROJECT_ROOT / "content", content)
    address = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [sys.executable, "-m", "holistic_oriental_medicine.preview", str(settings), str(content), str(tmp_path / "output"),
         "127.0.0.1", str(port)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        assert wait_until(lambda: "Before the change" in page_text(address))
        shown_before = preview_cookie(address)
        assert in_a_thread(told_on_connecting(address, shown_before, 1)) is None

        settings.write_text(settings_text.format("After the change"), encoding="utf-8")
        # The tab, still showing the page of the preview before, reconnects and is told to reload.
        told = in_a_thread(told_on_connecting(address, shown_before, 180))
        assert told["command"] == "reload"
        assert "After the change" in page_text(address)
        assert in_a_thread(told_on_connecting(address, preview_cookie(address), 1)) is None
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_invoke_edit_checks_its_port_before_installing_anything(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = invoke("edit", "--port", port, "--output", tmp_path / "out", timeout=120)
    assert result.returncode == 1
    assert f"invoke edit --port {port + 1}" in result.stderr
    assert "npm" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()
