"""Chromium driven by Playwright: pages that record what goes wrong in them, axe-core's
accessibility findings, and the CMS logged in."""

import contextlib

from support.project import CLINIC, PROJECT_ROOT

# Debian's chromium: Playwright's own browser download is not used.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

AXE_SCRIPT = PROJECT_ROOT / "node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# axe's best practices too: rules beyond WCAG that catch what readers still trip over, such as a
# field named only by its placeholder or title (`label-title-only`).
AXE_TAGS = [*WCAG_TAGS, "best-practice"]

# Record every CSP violation a page reports, from before its first byte is parsed.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""

# The page's cumulative layout shift (unprompted by input) so far, after a moment to settle.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let shift = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shift), 300);
})"""


def axe_violations(page):
    """axe-core's findings on `page` (opened with the `axe_script`), WCAG and best practices:
    {rule: what it asks, at which elements}."""
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return {
        violation["id"]: f"{violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
    }


def open_page(browser, url, width=1280, height=800, scheme="light", init_script=None):
    """A page in a fresh browser context, loaded from `url`."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


def watched_page(context):
    """A new page of a browser context that records CSP violations (`window.cspViolations`),
    and console and script errors in `page.problems`."""
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


def visit(page, address):
    """Load `address` in `page` (a `browser_page`): its response and the CSP violations seen."""
    response = page.goto(address, wait_until="networkidle")
    return response, page.evaluate("window.cspViolations")


@contextlib.contextmanager
def logged_in_admin(chromium_browser, address):
    """The CMS at `address` in Chromium, in the clinic's time zone, logged in to the local
    backend."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000},
                                           timezone_id=CLINIC["timezone"])
    page = watched_page(context)
    page.goto(f"{address}/admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Articles").first.wait_for()
    try:
        yield page
    finally:
        context.close()
