"""In Debian's Chromium: every page type passes axe-core's WCAG 2.2 A and AA rules and its best
practices in light and dark at phone and desktop widths, works from the keyboard, logs no error,
requests nothing that is missing, fits a 320 px screen, and the article stays within its weight
budget."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from support.browser import LAYOUT_SHIFT, axe_violations, open_page
from support.pages import PAGE_TYPES as SITE_PAGE_TYPES
from support.project import PROJECT_ROOT

SCREENSHOTS = PROJECT_ROOT / "screenshots"
MISSING_PAGE = "no-such-page/"

PAGE_TYPES = {**SITE_PAGE_TYPES, "404": MISSING_PAGE}
WIDTHS = {"phone": 390, "desktop": 1280}
SCHEMES = ["light", "dark"]

# The article's budget: everything a reader downloads, compressed, and the first round trip
# (HTML and the render-blocking stylesheet) within the 14 KB a new TCP connection can carry.
ARTICLE_MAX_BYTES = 10 * 1024
ARTICLE_MAX_REQUESTS = 2
FIRST_ROUND_TRIP_MAX_BYTES = 14 * 1024


def address(served_site, page_type):
    site_address, _ = served_site
    return f"{site_address}/{PAGE_TYPES[page_type]}"


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS.values(), ids=WIDTHS.keys())
@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_axe_finds_no_wcag_or_best_practice_violation(chromium_browser, served_site, axe_script, page_type, width, scheme):
    page = open_page(chromium_browser, address(served_site, page_type), width, scheme=scheme, init_script=axe_script)
    violations = axe_violations(page)
    page.context.close()
    assert violations == {}


def focused(page):
    """The focused element's tag, class and href, to compare with what a test expects."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return {tag: e.tagName, cls: e.className, href: e.getAttribute('href')}; }"
    )


def tab_until(page, selector, limit=200):
    """Press Tab until the element matching `selector` has focus; how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return presses
    return None


@pytest.mark.parametrize("page_type", ["article", "home", "about", "contact"])
def test_a_keyboard_user_meets_the_skip_link_first_then_reaches_the_call_to_action(
    chromium_browser, served_site, page_type
):
    page = open_page(chromium_browser, address(served_site, page_type), width=390)
    page.keyboard.press("Tab")
    assert focused(page) == {"tag": "A", "cls": "skip-link", "href": "#main"}
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0 and box["height"] > 0, "the focused skip link is on screen"
    page.keyboard.press("Enter")
    page.wait_for_url("**#main")
    page.wait_for_function("() => document.activeElement.id === 'main'")
    call_to_action = 'main a.button[href^="tel:"]'
    assert tab_until(page, call_to_action) is not None
    page.keyboard.press("Tab")
    assert focused(page)["cls"] == "button button--secondary", "the booking link follows"
    page.context.close()


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_page_logs_an_error_or_requests_a_missing_file(chromium_browser, served_site, page_type):
    context = chromium_browser.new_context()
    page = context.new_page()
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and problems.append(f"console: {message.text}"),
    )
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    url = address(served_site, page_type)
    # Network idle: the search page loads its index after the page itself.
    response = page.goto(url, wait_until="networkidle")
    context.close()
    if page_type == "404":
        # The one expected failure: the missing page itself, answered by our 404 page.
        assert response.status == 404 and failed == [url]
        problems = [p for p in problems if "status of 404" not in p]
    else:
        assert failed == []
    assert problems == []


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_no_page_scrolls_sideways_on_a_320px_screen(chromium_browser, served_site, page_type):
    page = open_page(chromium_browser, address(served_site, page_type), width=320)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    page.context.close()
    assert overflow <= 0


def save_full_page_screenshot(page, path):
    """Chromium sometimes cannot capture a tall page while the machine is busy ("Unable to
    capture screenshot"); a second attempt then succeeds, so one retry, no more."""
    try:
        page.screenshot(path=path, full_page=True)
    except PlaywrightError:
        page.screenshot(path=path, full_page=True)


def test_screenshots_of_every_page_type_at_both_widths_are_saved(chromium_browser, served_site):
    SCREENSHOTS.mkdir(exist_ok=True)
    for page_type in PAGE_TYPES:
        for width_name, width in WIDTHS.items():
            page = open_page(chromium_browser, address(served_site, page_type), width)
            path = SCREENSHOTS / f"{page_type}-{width_name}.png"
            save_full_page_screenshot(page, path)
            page.context.close()
            assert path.read_bytes().startswith(b"\x89PNG")


def test_the_article_loads_in_two_small_requests_without_layout_shift(chromium_browser, served_site):
    context = chromium_browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(address(served_site, "article"), wait_until="load")
    layout_shift = page.evaluate(LAYOUT_SHIFT)
    transfers = {
        request.resource_type: request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        for request in finished
    }
    context.close()
    assert len(finished) <= ARTICLE_MAX_REQUESTS
    assert sorted(transfers) == ["document", "stylesheet"]
    assert sum(transfers.values()) <= ARTICLE_MAX_BYTES
    assert transfers["document"] + transfers["stylesheet"] <= FIRST_ROUND_TRIP_MAX_BYTES
    assert layout_shift == 0


def test_axe_reports_the_violations_of_a_page_that_has_them(chromium_browser, served_site, axe_script):
    """The accessibility check itself works: a page with an image without text, an unlabelled
    field and one named only by its title fails it."""
    context = chromium_browser.new_context()
    context.add_init_script(axe_script)
    page = context.new_page()
    site_address, _ = served_site
    broken = f"{site_address}/broken/"
    page.route(broken, lambda route: route.fulfill(
        content_type="text/html",
        body='<!doctype html><html><title>x</title><img src="a.png"><input type="text">'
        '<input type="search" title="Search"></html>',
    ))
    page.goto(broken)
    violations = axe_violations(page)
    context.close()
    assert {"image-alt", "label", "html-has-lang", "label-title-only"} <= set(violations)


def test_printing_leaves_out_navigation_and_writes_out_link_addresses(chromium_browser, served_site):
    page = open_page(chromium_browser, address(served_site, "article"))
    page.emulate_media(media="print")
    for part in (".site-nav", ".skip-link", ".toc", ".cta", ".share"):
        assert page.locator(part).count() == 1, part
        assert page.locator(part).first.is_hidden(), part
    written_out = page.evaluate(
        """() => getComputedStyle(document.querySelector('.prose a[href^="tel:"]'), '::after').content"""
    )
    page.context.close()
    assert "tel:+" in written_out


def test_the_dark_scheme_follows_the_device_setting(chromium_browser, served_site):
    backgrounds = {}
    for scheme in SCHEMES:
        page = open_page(chromium_browser, address(served_site, "article"), scheme=scheme)
        backgrounds[scheme] = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        page.context.close()
    assert backgrounds == {"light": "rgb(251, 250, 246)", "dark": "rgb(20, 26, 23)"}
