"""In a real browser, behind nginx, the Content-Security-Policy blocks nothing the site needs."""

from support.browser import visit
from support.pages import address_of


def test_no_page_of_any_type_violates_the_policy(served_site, browser_page):
    address, site = served_site
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for path in pages:
        response, violations = visit(browser_page, address + address_of(site, path))
        assert response.status == 200, path
        assert violations == [], path
        assert browser_page.evaluate(
            "[...document.querySelectorAll('link[rel=stylesheet]')].every((link) => link.sheet)"
        ), f"{path}: a stylesheet did not load"
    assert browser_page.problems == []


def test_the_not_found_page_violates_nothing(served_site, browser_page):
    address, _ = served_site
    response, violations = visit(browser_page, address + "/no-such-article/")
    assert response.status == 404
    assert violations == []
    problems = [p for p in browser_page.problems if "404" not in p]
    assert problems == []


def test_the_policy_blocks_an_injected_inline_script(served_site, browser_page):
    address, _ = served_site
    visit(browser_page, address + "/")
    browser_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.injected = true";
          document.body.append(script);
        }"""
    )
    browser_page.wait_for_function("window.cspViolations.length > 0")
    assert browser_page.evaluate("window.injected") is None
    assert browser_page.evaluate("window.cspViolations")[0].startswith("script-src")


def test_searching_runs_pagefind_within_the_policy(served_site, browser_page):
    address, _ = served_site
    visit(browser_page, address + "/search/")
    browser_page.fill("#search input", "acupuncture")
    result = browser_page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    assert "Acupuncture" in result.inner_text()
    assert browser_page.evaluate("window.cspViolations") == []
    assert browser_page.problems == []
