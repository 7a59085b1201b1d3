"""The CMS reads and writes every article the README allows: the clinic's own (`Title: value`
front matter), and one written as each example of "Writing an article" shows (YAML with
`tags: acupuncture, stress`, and `Key: value` lines), with a picture written `images/tea-cup.jpg`.
`invoke edit` runs over a copy of the content and Debian's Chromium drives the real admin."""

import difflib
import shutil
import time

import pytest
from PIL import Image
from support.browser import logged_in_admin
from support.project import PROJECT_ROOT
from support.servers import invoke_edit

CLINIC_ARTICLE = "acupuncture-for-back-pain"
YAML_EXAMPLE = "acupuncture-for-stress"
HEADER_EXAMPLE = "acupuncture-for-sleep"
# The README's examples, with a featured picture and one in the text, written as it shows them.
EXAMPLES = {
    YAML_EXAMPLE: """---
title: Acupuncture for Stress
date: 2025-04-10
author: Holistic Oriental Medicine
category: Wellness
tags: acupuncture, stress
summary: How acupuncture calms the nervous system, and what a session feels like.
status: draft
image: images/tea-cup.jpg
image_alt: A cup of green tea on a wooden table
---

Stress shows up in the body as well as the mind...

![A cup of green tea](images/tea-cup.jpg)

## How acupuncture helps

...

[Call us today]({tel}) to book your first visit.
""",
    HEADER_EXAMPLE: """Title: Acupuncture for Sleep
Date: 2025-04-10
Tags: acupuncture, sleep
Summary: How acupuncture helps sleep, and what a session feels like.

Sleep comes easier when the body is calm...
""",
}
SUMMARY_ADDITION = " Updated."


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """(preview address, articles folder) of `invoke edit` over a copy of the content with the
    README's examples."""
    work = tmp_path_factory.mktemp("cms-articles")
    content = work / "site/content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    for slug, text in EXAMPLES.items():
        (content / f"articles/{slug}.md").write_text(text, encoding="utf-8")
    (content / "images").mkdir(exist_ok=True)
    Image.new("RGB", (320, 240), (180, 120, 60)).save(content / "images/tea-cup.jpg")
    with invoke_edit(content, work) as address:
        yield address, content / "articles"


@pytest.fixture(scope="module")
def admin(editing, chromium_browser):
    address, _ = editing
    with logged_in_admin(chromium_browser, address) as page:
        yield page


def open_entry(page, address, slug):
    page.goto("about:blank")
    page.goto(f"{address}/admin/#/collections/articles/entries/{slug}")
    title = page.get_by_label("Title", exact=True).first
    title.wait_for()
    page.frame_locator("iframe").first.locator("article h1").wait_for()
    return title


def loaded_pictures(locator):
    """(address, width) of the pictures in `locator` once they loaded (width 0: blank)."""
    locator.first.wait_for()
    time.sleep(0.5)
    return locator.evaluate_all("pictures => pictures.map((p) => [p.getAttribute('src'), p.naturalWidth])")


def publish(page):
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def test_the_clinic_s_article_opens_with_its_fields_filled_in(editing, admin):
    address, articles = editing
    title = open_entry(admin, address, CLINIC_ARTICLE)
    assert title.input_value() == (
        "Unlocking the Healing Power: Exploring Acupuncture as a Natural Solution for Back Pain"
    )
    assert admin.get_by_label("Slug (optional)", exact=True).input_value() == (
        "unlocking-the-healing-power-exploring-acupuncture-as-a-natural-solution-for-back-pain"
    )
    assert admin.get_by_label("Tags (optional)", exact=True).input_value() == (
        "acupuncture, back pain, traditional chinese medicine"
    )
    preview = admin.frame_locator("iframe").first
    assert preview.locator(".tag-list li").all_inner_texts() == [
        "acupuncture", "back pain", "traditional chinese medicine"
    ]
    # The fields are the form's, not lines of the text.
    assert "Title:" not in preview.locator(".prose").inner_text()
    assert preview.locator(".prose h2").first.inner_text() == "Understanding Acupuncture"


@pytest.mark.parametrize("slug", [YAML_EXAMPLE, HEADER_EXAMPLE])
def test_the_readme_s_examples_preview_with_their_comma_separated_tags(editing, admin, slug):
    address, _ = editing
    open_entry(admin, address, slug)
    preview = admin.frame_locator("iframe").first
    tags = preview.locator(".tag-list li")
    tags.first.wait_for()
    assert tags.all_inner_texts() == ["acupuncture", "stress" if slug == YAML_EXAMPLE else "sleep"]
    assert "toJS" not in preview.locator("body").inner_text()


def test_pictures_written_as_the_readme_shows_are_shown(editing, admin):
    address, _ = editing
    open_entry(admin, address, YAML_EXAMPLE)
    # The featured picture's thumbnail in the form, and the picture in the text, in the preview.
    form_pictures = loaded_pictures(admin.locator("img"))
    preview_pictures = loaded_pictures(admin.frame_locator("iframe").first.locator(".prose img"))
    assert form_pictures and all(width > 0 for _, width in form_pictures), form_pictures
    assert len(preview_pictures) == 1 and preview_pictures[0][1] > 0, preview_pictures


def test_a_featured_picture_cannot_be_saved_without_its_description(editing, admin):
    address, articles = editing
    before = (articles / f"{YAML_EXAMPLE}.md").read_bytes()
    open_entry(admin, address, YAML_EXAMPLE)
    admin.get_by_label("Image alt (optional)", exact=True).fill("")
    publish(admin)
    admin.get_by_text("Describe the picture for readers who cannot see it").wait_for()
    time.sleep(1)
    assert (articles / f"{YAML_EXAMPLE}.md").read_bytes() == before


@pytest.mark.parametrize("slug", [CLINIC_ARTICLE, YAML_EXAMPLE, HEADER_EXAMPLE])
def test_an_article_is_read_and_written_back_byte_for_byte(editing, admin, slug):
    address, articles = editing
    open_entry(admin, address, slug)
    source = (articles / f"{slug}.md").read_text(encoding="utf-8")
    written = admin.evaluate(
        """([format, source, sourceField]) => {
            const { fromFile, toFile } = CMS.getCustomFormatsFormatters()[format];
            return toFile({ ...fromFile(source), [sourceField]: source });
        }""",
        ["pelican-markdown", source, "__source"],
    )
    assert written == source


@pytest.mark.parametrize("slug", [CLINIC_ARTICLE, YAML_EXAMPLE, HEADER_EXAMPLE])
def test_saving_a_changed_summary_changes_only_its_line(editing, admin, slug):
    address, articles = editing
    path = articles / f"{slug}.md"
    before = path.read_text(encoding="utf-8")
    open_entry(admin, address, slug)
    admin.get_by_label("Summary (optional)", exact=True).click()
    admin.keyboard.press("Control+End")
    admin.keyboard.type(SUMMARY_ADDITION)
    publish(admin)
    admin.get_by_text("Entry saved").first.wait_for()
    deadline = time.monotonic() + 10
    while path.read_text(encoding="utf-8") == before and time.monotonic() < deadline:
        time.sleep(0.2)
    after = path.read_text(encoding="utf-8")
    changed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line[:2] in ("- ", "+ ")]
    (removed, added) = changed
    assert removed.lower().startswith("- summary: ")
    assert added == removed.replace("- ", "+ ", 1) + SUMMARY_ADDITION


def test_after_a_save_the_editor_sees_whether_the_build_took_it(editing, admin):
    address, articles = editing
    open_entry(admin, address, HEADER_EXAMPLE)
    tags = admin.get_by_label("Tags (optional)", exact=True)
    tags.fill("🌸")
    publish(admin)
    result = admin.locator("#build-result")
    result.wait_for(timeout=90000)
    assert result.get_attribute("role") == "alert"
    assert "refused" in result.inner_text()
    first = result.locator("li").first.inner_text()
    assert first.startswith(f"{articles / HEADER_EXAMPLE}.md: tags: "), first

    tags.fill("acupuncture, sleep, rest")
    publish(admin)
    admin.locator('#build-result[role="status"]').wait_for(timeout=90000)
    assert "built" in admin.locator("#build-result").inner_text()
