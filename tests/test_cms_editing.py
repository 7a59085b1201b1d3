"""An editor writes an article in the CMS: `invoke edit` runs the live preview and decap-server
over a copy of the content, and Debian's Chromium drives the real admin. What the CMS saves is
checked Markdown that `invoke check` passes, and the preview serves it."""

import shutil
import time
import urllib.request

import pytest
import yaml
from PIL import Image
from selectolax.lexbor import LexborHTMLParser
from support.browser import logged_in_admin
from support.builds import snapshot
from support.project import CLINIC, PROJECT_ROOT, invoke
from support.servers import invoke_edit, wait_for

from holistic_oriental_medicine.model.front_matter import ArticleFrontMatter

TITLE = "Moxibustion: Warmth That Heals"
SLUG = "moxibustion-warmth-that-heals"
# The schema asks for a description with a featured photo where it has the field.
HAS_IMAGE_ALT = "image_alt" in ArticleFrontMatter.model_fields
IMAGE_ALT = "A smouldering moxa stick held above the skin"


@pytest.fixture(scope="module")
def editing(tmp_path_factory):
    """(preview address, content folder, the repository's content as it was) of `invoke edit`
    over a copy of the content."""
    repository_content = snapshot(PROJECT_ROOT / "content")
    work = tmp_path_factory.mktemp("editing")
    content = work / "site/content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    with invoke_edit(content, work) as address:
        yield address, content, repository_content


@pytest.fixture(scope="module")
def admin(editing, chromium_browser):
    """The CMS in Chromium, in the clinic's time zone, logged in to the local backend."""
    address, _, _ = editing
    with logged_in_admin(chromium_browser, address) as page:
        yield page


def new_article(page, address):
    page.goto(f"{address}/admin/#/collections/articles/new")
    page.get_by_label("Title").wait_for()


def publish(page):
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


@pytest.fixture(scope="module")
def published_article(editing, admin, tmp_path_factory):
    """The article an editor wrote and published in the CMS: (its file, the uploaded picture)."""
    address, content, _ = editing
    picture = tmp_path_factory.mktemp("upload") / "moxa-stick.png"
    Image.new("RGB", (64, 48), (29, 106, 79)).save(picture)
    page = admin
    new_article(page, address)
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Date", exact=True).fill("2025-04-10T09:30")
    page.get_by_label("Modified (optional)", exact=True).fill("2025-05-02T10:15")
    page.get_by_role("combobox", name="Category (optional)").fill("Pain Relief")
    page.get_by_label("Tags (optional)", exact=True).fill("moxibustion, warmth")
    page.locator("[data-slate-editor]").click()
    page.keyboard.type("Moxibustion warms the body with burning mugwort.")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Headings").click()
    page.get_by_text("Heading 2", exact=True).click()
    page.keyboard.type("How it feels")
    page.keyboard.press("Enter")
    page.keyboard.type("It feels ")
    page.keyboard.press("Control+b")
    page.keyboard.type("gentle")
    page.keyboard.press("Control+b")
    page.keyboard.type(" and warm.")
    page.get_by_role("button", name="Choose an image").click()
    with page.expect_file_chooser() as chooser:
        page.get_by_text("Upload").first.click()
    chooser.value.set_files(picture)
    page.get_by_role("button", name="Choose selected").click()
    if HAS_IMAGE_ALT:
        page.get_by_label("Image alt (optional)", exact=True).fill(IMAGE_ALT)
    page.preview = preview_of(page)
    publish(page)
    article = content / f"articles/{SLUG}.md"
    deadline = time.monotonic() + 30
    while not article.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    return article, picture


def preview_of(page):
    """What the CMS's preview pane shows of the entry, and the stylesheets it uses."""
    frame = page.frame_locator("iframe").first
    frame.locator(".prose h2").wait_for()
    return {
        "title": frame.locator("article.article h1").inner_text(),
        "meta": frame.locator(".article-meta span").all_inner_texts(),
        "heading": frame.locator(".prose h2").inner_text(),
        "bold": frame.locator(".prose strong").inner_text(),
        "tags": frame.locator(".tag-list li").all_inner_texts(),
        "stylesheets": frame.locator("link[rel=stylesheet]").evaluate_all("links => links.map((l) => l.href)"),
    }


def front_matter_and_body(path):
    _, front_matter, body = path.read_text(encoding="utf-8").split("---\n", 2)
    # A blank line between the front matter and the text, as the README writes it.
    assert body.startswith("\n") and not body.startswith("\n\n")
    return yaml.load(front_matter, Loader=yaml.BaseLoader), body[1:]


def test_the_cms_writes_the_article_as_checked_markdown(published_article, editing):
    article, picture = published_article
    _, content, _ = editing
    front_matter, body = front_matter_and_body(article)
    assert front_matter == {
        "title": TITLE,
        "date": "2025-04-10 09:30",
        "modified": "2025-05-02 10:15",
        "author": CLINIC["name"],
        "category": "Pain Relief",
        "tags": ["moxibustion", "warmth"],
        "slug": SLUG,
        "status": "published",
        "image": "images/moxa-stick.png",
        **({"image_alt": IMAGE_ALT} if HAS_IMAGE_ALT else {}),
    }
    assert body.split("\n\n") == [
        "Moxibustion warms the body with burning mugwort.",
        "## How it feels",
        "It feels **gentle** and warm.\n",
    ]
    assert (content / "images/moxa-stick.png").read_bytes() == picture.read_bytes()


def test_the_cms_previews_the_article_in_the_site_s_layout_and_style(published_article, admin, editing):
    address, _, _ = editing
    assert admin.preview == {
        "title": TITLE,
        "meta": [f"By {CLINIC['name']}", "Apr 10, 2025", "Updated May 2, 2025"],
        "heading": "How it feels",
        "bold": "gentle",
        "tags": ["moxibustion", "warmth"],
        "stylesheets": [f"{address}/theme/css/site.css"],
    }


def test_invoke_check_passes_the_saved_article(published_article, editing):
    _, content, _ = editing
    check = invoke("check", "--content", content)
    assert check.returncode == 0, check.stderr
    assert "The content is ready to publish." in check.stderr


def test_the_preview_serves_the_saved_article(published_article, editing):
    address, _, _ = editing
    page = LexborHTMLParser(wait_for(f"{address}/{SLUG}/", seconds=60))
    assert page.css_first("h1").text() == TITLE
    prose = page.css_first(".prose")
    assert [heading.text(strip=True) for heading in prose.css("h2")] == ["How it feels"]
    assert prose.css_first("strong").text() == "gentle"
    # The uploaded cover is shared as a derivative the photos plugin made of it, and served.
    cover = page.css_first('meta[property="og:image"]').attributes["content"]
    assert "/photos/moxa-stick-" in cover
    derivative = cover.split("/photos/", 1)[1]
    with urllib.request.urlopen(f"{address}/photos/{derivative}", timeout=10) as response:
        assert response.status == 200


def test_the_admin_runs_within_its_policy_and_the_repository_is_untouched(published_article, editing, admin):
    _, _, repository_content = editing
    assert admin.evaluate("window.cspViolations") == []
    assert admin.problems == []
    assert snapshot(PROJECT_ROOT / "content") == repository_content


def test_an_entry_without_its_title_cannot_be_saved(published_article, editing, admin):
    address, content, _ = editing
    before = snapshot(content)
    new_article(admin, address)
    admin.get_by_label("Tags (optional)", exact=True).fill("unfinished")
    publish(admin)
    admin.get_by_text("missed a required field").wait_for()
    time.sleep(1)
    assert snapshot(content) == before
