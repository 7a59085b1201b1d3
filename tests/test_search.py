"""In a real browser, the search page finds articles from the Pagefind index with no server
code, under the production Content-Security-Policy (under a sub-path: test_subpath_site.py),
and without JavaScript it sends readers to the archives."""

import pytest
from support.browser import axe_violations, open_page
from support.pages import SEED_ARTICLE_URL

TITLE = "Unlocking the Healing Power: Exploring Acupuncture as a Natural Solution for Back Pain"
RESULT_LINK = ".pagefind-ui__result-link"


def search(page, address, query):
    """Open the search page, type `query`, and return the result links as (text, href)."""
    page.goto(f"{address}/search/", wait_until="networkidle")
    page.locator(".pagefind-ui__search-input").press_sequentially(query)
    page.locator(RESULT_LINK).first.wait_for(timeout=10_000)
    links = page.locator(RESULT_LINK).all()
    return [(link.inner_text(), link.evaluate("(a) => a.href")) for link in links]


@pytest.mark.parametrize("query", ["BL23", "inflammation"])
def test_typing_a_word_of_the_article_lists_it(served_site, browser_page, query):
    address, _ = served_site
    results = search(browser_page, address, query)
    assert (TITLE, f"{address}/{SEED_ARTICLE_URL}") in results
    assert browser_page.evaluate("window.cspViolations") == []
    assert browser_page.problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_or_best_practice_violation_in_search_results(
    chromium_browser, served_site, axe_script, scheme
):
    address, _ = served_site
    page = open_page(chromium_browser, f"{address}/search/", width=390, scheme=scheme,
                     init_script=axe_script)
    try:
        page.locator(".pagefind-ui__search-input").press_sequentially("inflammation")
        page.locator("mark").first.wait_for()
        violations = axe_violations(page)
    finally:
        page.context.close()
    assert violations == {}


def test_a_word_on_no_page_finds_nothing(served_site, browser_page):
    address, _ = served_site
    browser_page.goto(f"{address}/search/", wait_until="networkidle")
    browser_page.locator(".pagefind-ui__search-input").press_sequentially("xylophone")
    browser_page.locator(".pagefind-ui__message").filter(has_text="No results").wait_for()
    assert browser_page.locator(RESULT_LINK).count() == 0


def test_without_javascript_the_search_page_points_to_the_archives(served_site, chromium_browser):
    address, _ = served_site
    context = chromium_browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{address}/search/")
        explanation = page.locator("#search")
        assert "needs JavaScript" in explanation.inner_text()
        assert explanation.locator("a", has_text="archives").get_attribute("href") == (
            f"{address}/archives/"
        )
        assert page.locator(".pagefind-ui__search-input").count() == 0
    finally:
        context.close()
