"""The preview enforces the published site's Content-Security-Policy, unchanged: served by
`invoke livereload` and opened in Chromium, a page's own inline script is blocked, while the
server's reload script (a file of the site's own address) still connects."""

import socket
import subprocess
import sys
import time

import pytest
from support.browser import visit
from support.pages import page_at
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.hosting.nginx_server import free_port

INJECTED = "<script>window.injected = true</script>"


def meta_policy(site, url):
    return page_at(site, url).css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]


@pytest.fixture(scope="module")
def live_preview(tmp_path_factory):
    """`invoke livereload` on a free port, with an inline script slipped into the About page it
    built (as if it had got past the checks)."""
    output = tmp_path_factory.mktemp("live-preview") / "output"
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "invoke", "livereload", "--port", str(port), "--output", str(output)],
        cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("invoke livereload did not start") from None
                time.sleep(0.2)
        about = output / "about/index.html"
        about.write_text(about.read_text(encoding="utf-8").replace("</body>", INJECTED + "</body>"), encoding="utf-8")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("url", ["", "about/", "search/"])
def test_preview_pages_carry_the_published_policy(preview_site, published_site, url):
    assert meta_policy(preview_site, url) == meta_policy(published_site, url)
    assert "script-src 'self' 'wasm-unsafe-eval';" in meta_policy(preview_site, url)


def test_the_live_preview_blocks_a_pages_inline_script_and_still_reloads(live_preview, browser_page):
    response, violations = visit(browser_page, live_preview + "/about/")
    assert response.status == 200
    browser_page.wait_for_function("window.LiveReload !== undefined", timeout=10000)
    assert browser_page.evaluate("window.injected") is None
    # Blocked by the policy of the header and by the same one in the <meta> tag: each reports it.
    assert [violation for violation in violations if violation.startswith("script-src")] == [
        "script-src-elem blocked inline"
    ] * 2
    assert browser_page.evaluate("window.cspViolations") == violations


def test_the_live_preview_of_the_home_page_violates_nothing(live_preview, browser_page):
    _response, violations = visit(browser_page, live_preview + "/")
    browser_page.wait_for_function("window.LiveReload !== undefined", timeout=10000)
    assert violations == []
