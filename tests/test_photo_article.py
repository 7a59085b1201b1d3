"""An article with a featured phone photo (4,032x3,024, EXIF GPS, turned by its orientation tag)
and two photos in its text passes `invoke check`, and on a 390 px phone in Chromium loads at most
150 KB on first view, picks no picture more than twice as wide as it is shown, and never shifts;
on a phone at 3 or 1.75 device pixels and on a laptop each picture's file is as wide as the
screen draws it, at most a tenth wider."""

import shutil

import pytest
from support.browser import LAYOUT_SHIFT
from support.builds import PUBLISH_ENVIRONMENT, SOURCE_DATE_EPOCH
from support.pages import nu_html_errors, page_at
from support.project import PROJECT_ROOT, invoke

from bench.phone_photos import PHOTO_ARTICLE, write_photo_article
from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

FIRST_VIEW_MAX_BYTES = 150 * 1024
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def photo_content(tmp_path_factory):
    """The site's content plus the photo article, its photos made as a phone makes them."""
    content = tmp_path_factory.mktemp("photo-content") / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_photo_article(content)
    return content


@pytest.fixture(scope="module")
def served_photo_site(photo_content, tmp_path_factory):
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    site = tmp_path_factory.mktemp("photo-site") / "output"
    published = invoke("publish", "--content", str(photo_content), "--output", str(site),
                       SITEURL=address, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, **PUBLISH_ENVIRONMENT)
    assert published.returncode == 0, published.stderr
    with nginx_serving(site, port, tmp_path_factory.mktemp("photo-nginx")):
        yield address, site


def test_the_photo_article_passes_the_check(photo_content, tmp_path):
    checked = invoke("check", "--content", str(photo_content), "--output", str(tmp_path / "output"))
    assert checked.returncode == 0, checked.stderr
    article = page_at(tmp_path / "output", PHOTO_ARTICLE)
    assert len(article.css("picture")) == 3


def test_the_photo_article_is_valid_html(served_photo_site):
    _, site = served_photo_site
    assert nu_html_errors([site / PHOTO_ARTICLE / "index.html", site / "index.html"]) == []


PICTURES = """() => [...document.querySelectorAll('picture img')].map(image => ({
  alt: image.alt, shown: image.getBoundingClientRect().width, chosen: image.currentSrc,
  complete: image.complete && image.naturalWidth > 0,
}))"""


def test_on_a_phone_the_first_view_is_light_sharp_enough_and_stable(chromium_browser, served_photo_site):
    address, _ = served_photo_site
    context = chromium_browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    finished, failed, console = [], [], []
    page.on("requestfinished", lambda request: finished.append(request))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("console", lambda message: console.append(message.text) if message.type == "error" else None)
    page.goto(f"{address}/{PHOTO_ARTICLE}", wait_until="networkidle")
    first_view = sum(
        request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        for request in finished
    )
    first_view_requests = [request.url for request in finished]
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "() => [...document.querySelectorAll('picture img')].every(i => i.complete && i.naturalWidth)"
    )
    pictures = page.evaluate(PICTURES)
    layout_shift = page.evaluate(LAYOUT_SHIFT)
    context.close()

    assert not failed and not console, (failed, console)
    assert first_view <= FIRST_VIEW_MAX_BYTES, (first_view, first_view_requests)
    assert any("treatment-room-" in url for url in first_view_requests), "the featured photo loads first"
    assert len(pictures) == 3
    for picture in pictures:
        chosen_width = int(picture["chosen"].rsplit("-", 1)[1].split(".")[0])
        assert picture["chosen"].endswith(".avif"), picture
        assert chosen_width <= 2 * picture["shown"], picture
    assert layout_shift == 0


# A phone 390 px wide at 3 device pixels per CSS pixel, Lighthouse's phone (412 px at 1.75) and a
# laptop: each picks, for every picture, a file as wide as it draws it or at most a tenth wider.
SCREENS = {"phone-390px-x3": ({"width": 390, "height": 844}, 3),
           "lighthouse-phone-412px-x1.75": ({"width": 412, "height": 823}, 1.75),
           "laptop-1280px-x1": ({"width": 1280, "height": 800}, 1)}


@pytest.mark.parametrize(("viewport", "scale"), SCREENS.values(), ids=SCREENS.keys())
def test_each_screen_gets_pictures_as_wide_as_it_draws_them_not_wider(chromium_browser, served_photo_site,
                                                                      viewport, scale):
    address, _ = served_photo_site
    context = chromium_browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    page.goto(f"{address}/{PHOTO_ARTICLE}", wait_until="networkidle")
    page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_function(
        "() => [...document.querySelectorAll('picture img')].every(i => i.complete && i.naturalWidth)"
    )
    pictures = page.evaluate(PICTURES)
    context.close()
    assert len(pictures) == 3
    for picture in pictures:
        drawn = picture["shown"] * scale
        chosen_width = int(picture["chosen"].rsplit("-", 1)[1].split(".")[0])
        assert drawn <= chosen_width <= 1.1 * drawn, (picture, drawn)


def test_printed_photos_fit_the_page_and_cards_print_without_theirs(chromium_browser, served_photo_site):
    address, _ = served_photo_site
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.emulate_media(media="print")
    page.goto(f"{address}/{PHOTO_ARTICLE}", wait_until="networkidle")
    heights = page.evaluate(
        "() => [...document.querySelectorAll('.article picture img')].map(i => i.getBoundingClientRect().height)"
    )
    page.goto(f"{address}/", wait_until="networkidle")
    card_photos = page.locator(".card__photo")
    card_photos_shown = card_photos.count(), card_photos.evaluate_all(
        "photos => photos.filter(photo => getComputedStyle(photo).display !== 'none').length"
    )
    context.close()
    # 10 cm at the CSS 96 pixels an inch: a photo never takes a whole printed page.
    assert len(heights) == 3 and all(0 < height <= 378 for height in heights), heights
    assert card_photos_shown == (1, 0)
