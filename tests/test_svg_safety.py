"""An SVG diagram is safe however it is opened: each kind of SVG that could run script or load
from another origin when opened directly (on a host that sends no Content-Security-Policy,
such as GitHub Pages or the preview) is refused by the picture check, and the published form of
it (the photos plugin's sanitised copy) runs nothing in Chromium, served without any CSP.

Each attack reports itself: its script asks the server for /ran/<case>, its style asks another
origin (the same server under another host name) for a stylesheet. Opened as it is, each one
does (so the case is a real attack); sanitised, none does.
"""

import functools
import http.server
import threading
import time

import pytest
from pelican.settings import read_settings
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.plugins.photos.sources import PhotoProblem, inspect_source

XHTML = 'xmlns:h="http://www.w3.org/1999/xhtml"'
OPEN = '<svg xmlns="http://www.w3.org/2000/svg" {extra} width="100" height="100" viewBox="0 0 10 10">'
RECT = '<rect width="10" height="10" fill="teal"/>'
CLOSE = "</svg>"

# case: (the SVG, with {other} for another origin's address; words of the editor's message)
ATTACKS = {
    "script": (OPEN.format(extra="") + RECT + "<script>fetch('/ran/script')</script>" + CLOSE,
               "contains a <script>"),
    "event_handler": (OPEN.format(extra="onload=\"fetch('/ran/event_handler')\"") + RECT + CLOSE,
                      "has an event handler (onload="),
    "xhtml_iframe_srcdoc": (
        OPEN.format(extra=XHTML) + RECT
        + "<h:iframe srcdoc=\"&lt;script&gt;fetch('/ran/xhtml_iframe_srcdoc')&lt;/script&gt;\"/>"
        + CLOSE,
        "contains a <iframe> that is not SVG"),
    "foreign_object_iframe": (
        OPEN.format(extra=XHTML) + RECT + '<foreignObject width="10" height="10">'
        + "<h:iframe srcdoc=\"&lt;script&gt;fetch('/ran/foreign_object_iframe')&lt;/script&gt;\"/>"
        + "</foreignObject>" + CLOSE,
        "contains a <foreignObject>"),
    "iframe_javascript": (
        OPEN.format(extra=XHTML) + RECT
        + "<h:iframe src=\"javascript:fetch('/ran/iframe_javascript')\"/>" + CLOSE,
        "contains a <iframe> that is not SVG"),
    "set_link_to_javascript": (
        OPEN.format(extra="") + '<a href="#spine">'
        + "<set attributeName=\"href\" to=\"javascript:fetch('/ran/set_link_to_javascript')\"/>"
        + RECT + "</a>" + CLOSE,
        "contains an animation (<set>)"),
    "style_import_escaped": (
        OPEN.format(extra="") + '<style>@\\69mport "{other}/import.css";</style>' + RECT + CLOSE,
        "has a <style> that loads a file"),
    "style_import_plain": (
        OPEN.format(extra="") + '<style>@import "{other}/plain.css";</style>' + RECT + CLOSE,
        "has a <style> that loads a file"),
    "xml_stylesheet": (
        '<?xml-stylesheet type="text/css" href="{other}/pi.css"?>' + OPEN.format(extra="") + RECT
        + CLOSE,
        "has a processing instruction (<?xml-stylesheet"),
}


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the folder as it is, with no security headers, and notes each path asked for."""

    def do_GET(self):  # noqa: N802 (the standard library's name)
        self.server.asked.append((self.headers.get("Host", ""), self.path))
        super().do_GET()

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def plain_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("svgs")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RecordingHandler, directory=str(folder))
    )
    server.asked = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield folder, server
    server.shutdown()
    server.server_close()


def asked_after_opening(chromium_browser, server, url):
    """What the attacks asked the server for while `url` was open (and its picture clicked)."""
    server.asked.clear()
    context = chromium_browser.new_context()
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.mouse.click(50, 50)
    time.sleep(0.5)
    context.close()
    return [path for _host, path in server.asked if path.startswith("/ran/") or path.endswith(".css")]


@pytest.mark.parametrize("case", ATTACKS)
def test_an_svg_that_could_run_script_or_load_from_elsewhere_is_refused_by_the_picture_check(
    case, tmp_path
):
    svg, words = ATTACKS[case]
    path = tmp_path / "diagram.svg"
    path.write_text(svg.replace("{other}", "http://elsewhere.example"), encoding="utf-8")
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    with pytest.raises(PhotoProblem) as refused:
        inspect_source(path, settings)
    assert str(refused.value).startswith(f'"diagram.svg" {words}'), refused.value


@pytest.mark.parametrize("case", ATTACKS)
def test_the_published_form_of_an_svg_runs_nothing_when_opened_directly_without_a_csp(
    case, plain_server, chromium_browser
):
    from holistic_oriental_medicine.checks.svg_safety import sanitised, svg_problems

    folder, server = plain_server
    port = server.server_address[1]
    svg = ATTACKS[case][0].replace("{other}", f"http://localhost:{port}").encode()
    (folder / f"{case}-raw.svg").write_bytes(svg)
    (folder / f"{case}-published.svg").write_bytes(sanitised(svg))
    base = f"http://127.0.0.1:{port}"

    raw = asked_after_opening(chromium_browser, server, f"{base}/{case}-raw.svg")
    published = asked_after_opening(chromium_browser, server, f"{base}/{case}-published.svg")

    assert raw, f"{case}: the attack did nothing even as it is, so it proves nothing"
    assert published == [], f"{case}: the published SVG still asked for {published}"
    assert svg_problems(sanitised(svg)) == []
