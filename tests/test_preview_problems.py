"""The editor sees a build's problems where they are looking: the preview's pages show them in a
banner, the shown page's first, with the terminal's one-line messages, until a save fixes them."""

from support.browser import watched_page

BANNER = "#preview-problems"


def test_a_broken_save_shows_its_problems_on_the_page_until_fixed(live_preview, chromium_browser):
    address, content, _messages = live_preview
    context = chromium_browser.new_context()
    page = watched_page(context)
    # The contact page: by name its problem would come after the about page's.
    page.goto(address + "contact/")
    about = content / "pages/about.md"
    text = about.read_text(encoding="utf-8")
    contact = content / "pages/contact.md"
    contact_text = contact.read_text(encoding="utf-8")
    contact.write_text("Date: someday\n" + contact_text, encoding="utf-8")
    about.write_text("Date: someday\n" + text, encoding="utf-8")

    banner = page.locator(BANNER)
    banner.wait_for(timeout=60000)
    problems = banner.locator("li").all_inner_texts()
    assert problems[0].startswith(f"{contact}: date: "), problems
    assert problems[1].startswith(f"{about}: date: "), problems
    assert "not built" in banner.locator("h2").inner_text()
    # The page is the last good build's.
    assert page.locator("h1").first.inner_text()

    about.write_text(text, encoding="utf-8")
    contact.write_text(contact_text, encoding="utf-8")
    banner.wait_for(state="detached", timeout=60000)
    assert page.evaluate("window.cspViolations") == []
    context.close()
