"""photos: an editor's plain Markdown picture becomes light, upright, metadata-free derivatives in
a <picture> that reserves its space; the featured photo heads the article, its cards and links."""

import io
import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from pillow_heif import register_heif_opener
from support.pages import page_at
from support.plugin_builds import build, copy_of

from bench.phone_photos import wide_gamut_profile, write_phone_photo
from holistic_oriental_medicine.caches import folders

register_heif_opener()

# Two articles (room.md shows the pictures write_content adds) in YAML front matter, which
# validate_content reads; the related articles are pelican's related_posts.
TEST_DATA = Path(__file__).with_name("test_data")
PLUGINS = ["validate_content", "pelican.plugins.related_posts", "photos"]
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 600">'
    '<a href="#spine"><circle id="spine" cx="400" cy="300" r="100"/></a></svg>'
)
RED = (255, 0, 0)
# A green in Display P3, and the same colour in sRGB (what LittleCMS makes of it).
P3_GREEN, AS_SRGB = (60, 160, 60), (0, 164, 35)


def marked_photo(path, size, orientation):
    """A photo stored sideways whose stored top-left corner is red, with the phone's EXIF."""
    picture = Image.new("RGB", size, (30, 120, 200))
    ImageDraw.Draw(picture).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=RED)
    from bench.phone_photos import camera_exif

    picture.save(path, "JPEG", quality=95, exif=camera_exif(orientation))


def write_content(content):
    copy_of(TEST_DATA, content)
    (content / "images").mkdir()
    write_phone_photo(content / "images/room.jpg")
    marked_photo(content / "articles/needles.jpg", (400, 300), orientation=6)
    Image.new("RGBA", (500, 100), (0, 128, 0, 128)).save(content / "images/border.png")
    (content / "images/points.svg").write_text(SVG, encoding="utf-8")
    first, second = Image.new("RGB", (200, 150), RED), Image.new("RGB", (200, 150), (0, 0, 255))
    first.save(content / "images/cup.gif", save_all=True, append_images=[second], duration=500)
    Image.new("RGB", (640, 480), (90, 140, 60)).save(content / "images/tea.heic")
    (content / "images/tea-again.heic").write_bytes((content / "images/tea.heic").read_bytes())
    Image.new("RGB", (100, 100), P3_GREEN).save(content / "images/leaf.png", icc_profile=wide_gamut_profile())


def build_photos(tmp_path, content, cache, plugins=PLUGINS, **settings):
    """A preview build of `content` with `plugins`, the derivatives kept in the folder `cache`
    (the photos' folder in CACHE_PATH)."""
    assert cache.name == "photos"
    return build(content, tmp_path / "output", plugins, caches=cache.parent, **settings)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("photos")
    write_content(folder / "content")
    return build_photos(folder, folder / "content", folder / "cache/photos")


@pytest.fixture(scope="module")
def article(site):
    return page_at(site, "treatment-room/")


def prose_pictures(article):
    return article.css(".prose picture")


def fallback(picture):
    return picture.css_first("img")


def published(site, page_url, url):
    return (site / page_url / url).resolve()


def test_the_featured_photo_heads_the_article_eager_and_at_high_priority(article):
    featured = article.css_first("header picture.featured-photo img")
    assert featured.attributes["data-pagefind-meta"] == "image[src], image_alt[alt]"
    assert featured.attributes["alt"] == "A calm treatment room with a padded table"
    assert featured.attributes["loading"] == "eager"
    assert featured.attributes["fetchpriority"] == "high"
    # 4032x3024 stored sideways, turned upright by its orientation tag: 1200 wide is 1600 high.
    assert (featured.attributes["width"], featured.attributes["height"]) == ("1200", "1600")


def test_pictures_in_the_text_are_lazy_with_alt_text_width_and_height(article):
    needles, border, points, cup, tea, *_ = (fallback(picture) for picture in prose_pictures(article))
    assert needles.attributes["alt"] == "Fine sterile needles laid out on a tray"
    assert border.attributes["alt"] == "", "a decorative picture has an empty alt"
    for image in (needles, border, points, cup, tea):
        assert image.attributes["loading"] == "lazy"
        assert image.attributes["decoding"] == "async"
        assert "fetchpriority" not in image.attributes
    assert (needles.attributes["width"], needles.attributes["height"]) == ("300", "400")
    assert (points.attributes["width"], points.attributes["height"]) == ("800", "600")


def test_every_source_has_a_type_and_widths_never_wider_than_the_photo(article, site):
    needles, border, points, *_ = prose_pictures(article)
    assert [source.attributes["type"] for source in needles.css("source")] == ["image/avif", "image/webp"]
    for source in needles.css("source"):
        assert source.attributes["sizes"] == site_sizes()
        assert [entry.split()[1] for entry in source.attributes["srcset"].split(", ")] == ["300w"]
    featured = article.css_first("header picture")
    widths = [entry.split()[1] for entry in featured.css_first("source").attributes["srcset"].split(", ")]
    assert widths == ["360w", "480w", "600w", "720w", "960w", "1080w", "1200w"]
    assert fallback(border).attributes["src"].endswith(".png"), "transparency keeps a PNG fallback"
    assert points.css("source") == [] and fallback(points).attributes["src"].endswith(".svg")


def site_sizes():
    from pelicanconf import PHOTO_SIZES

    return PHOTO_SIZES


def every_file_of(picture):
    urls = [fallback(picture).attributes["src"]]
    for element in [*picture.css("source"), fallback(picture)]:
        urls += [entry.split()[0] for entry in element.attributes.get("srcset", "").split(", ") if entry]
    return sorted(set(urls))


def test_each_file_is_the_format_and_size_it_claims_without_any_metadata(article, site):
    formats = {"avif": "AVIF", "webp": "WEBP", "jpg": "JPEG", "png": "PNG"}
    pictures = [article.css_first("header picture"), *prose_pictures(article)]
    checked = 0
    for picture in pictures:
        image = fallback(picture)
        ratio = int(image.attributes["height"]) / int(image.attributes["width"])
        for url in every_file_of(picture):
            path = published(site, "treatment-room", url)
            if path.suffix == ".svg":
                continue
            width = int(url.rsplit("-", 1)[1].split(".")[0])
            with Image.open(path) as derivative:
                assert derivative.format == formats[path.suffix[1:]]
                assert derivative.width == width
                assert abs(derivative.height - width * ratio) <= 1
                assert not derivative.getexif(), f"{url} keeps EXIF"
                assert not {"exif", "xmp", "icc_profile"} & derivative.info.keys()
            checked += 1
    # featured 7 widths, needles 1, border 3, cup 1, tea 4 (twice), leaf 1; three formats each.
    assert checked == (7 + 1 + 3 + 1 + 4 + 4 + 1) * 3


def test_the_orientation_tag_is_applied(article, site):
    needles = fallback(prose_pictures(article)[0])
    with Image.open(published(site, "treatment-room", needles.attributes["src"])) as upright:
        assert upright.size == (300, 400)
        # Stored top-left, turned a quarter clockwise: now top-right.
        assert max(abs(a - b) for a, b in zip(upright.convert("RGB").getpixel((290, 10)), RED)) < 40
        assert upright.convert("RGB").getpixel((10, 10))[2] > 150


def test_colours_are_converted_to_srgb(article, site):
    leaf = fallback(prose_pictures(article)[-1])
    for url in every_file_of(prose_pictures(article)[-1]):
        with Image.open(published(site, "treatment-room", url)) as published_leaf:
            colour = published_leaf.convert("RGB").getpixel((50, 50))
        assert max(abs(a - b) for a, b in zip(colour, AS_SRGB)) <= 8, (url, colour)
    assert leaf.attributes["alt"] == "A green leaf, in the wide colours of a phone"


def test_an_animated_gif_gives_its_first_frame_and_a_heic_a_jpeg_fallback(article, site):
    *_, cup, tea, tea_again, _ = prose_pictures(article)
    assert fallback(cup).attributes["src"].endswith("-200.jpg")
    with Image.open(published(site, "treatment-room", fallback(cup).attributes["src"])) as frame:
        assert frame.convert("RGB").getpixel((100, 75))[0] > 200
    assert fallback(tea).attributes["src"].endswith("-360.jpg"), "the smallest, for programs"
    assert fallback(tea).attributes["width"] == "640"
    assert [source.attributes["type"] for source in tea.css("source")] == ["image/avif", "image/webp"]
    assert fallback(tea_again).attributes["src"] == fallback(tea).attributes["src"], "published once"
    assert published(site, "treatment-room", fallback(tea).attributes["src"]).is_file()


def test_source_photos_are_not_published(site):
    assert not list(site.rglob("room.jpg")) and not list(site.rglob("needles.jpg"))
    assert not list(site.rglob("*.heic"))


def test_cards_and_related_articles_show_the_featured_photo(site):
    for url in ("", "tag/acupuncture/", "category/articles/", "author/holistic-oriental-medicine/"):
        card = page_at(site, url).css_first("li.card picture.card__photo img")
        assert card is not None, url
        assert card.attributes["alt"] == "" and card.attributes["loading"] == "lazy"
    related = page_at(site, "herbal-teas/").css_first(".related picture.related__photo img")
    assert related is not None and related.attributes["alt"] == ""


def copy_of_the_first_build(site, tmp_path):
    """The content of the `site` and its cache, holding the derivatives its build made."""
    for folder in ("content", "cache"):
        shutil.copytree(site.parent / folder, tmp_path / folder)
    return tmp_path / "content", tmp_path / "cache/photos"


def test_shared_links_and_structured_data_use_the_1200_jpeg(tmp_path, site):
    copy_of_the_first_build(site, tmp_path)
    # social_cards (in the brand_colors) draws no card for an article that shares its photo.
    published_site = build_photos(
        tmp_path, tmp_path / "content", tmp_path / "cache/photos", [*PLUGINS, "brand_colors", "social_cards"],
        SITEURL="https://example.org", RELATIVE_URLS=False,
        FEED_DOMAIN="https://example.org", FEED_ALL_ATOM="feeds/all.atom.xml",
    )
    page = page_at(published_site, "treatment-room/")
    shared = page.css_first('meta[property="og:image"]').attributes["content"]
    assert shared.startswith("https://example.org/photos/room-") and shared.endswith("-1200.jpg")
    assert page.css_first('meta[name="twitter:image"]').attributes["content"] == shared
    assert f'"image": ["{shared}"]' in page.html or f'"image":["{shared}"]' in page.html
    feed = (published_site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "photo-root:" not in feed
    assert 'src="https://example.org/photos/needles-' in feed.replace("&quot;", '"')
    assert not (published_site / "social-cards/treatment-room.png").exists()


def cached(cache):
    """{folder of one source's derivatives: {file: modification time}}"""
    return {
        folder.name: {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
        for folder in folders.entries(cache)
    }


def test_derivatives_are_made_once_and_stale_ones_pruned(tmp_path, site):
    content, cache = copy_of_the_first_build(site, tmp_path)
    build_photos(tmp_path, content, cache)
    first = cached(cache)
    assert len(first) == 7, "eight pictures, two of them the same file"
    build_photos(tmp_path, content, cache)
    assert cached(cache).keys() == first.keys()
    assert all(cached(cache)[key] == files for key, files in first.items()), "made twice"

    marked_photo(content / "articles/needles.jpg", (400, 300), orientation=1)
    build_photos(tmp_path, content, cache)
    second = cached(cache)
    (new,) = second.keys() - first.keys()
    assert all(second[key] == first[key] for key in first), "kept while one of the few used last"
    for number in range(folders.KEPT_UNUSED):
        marked_photo(content / "articles/needles.jpg", (401 + number, 300), orientation=1)
        build_photos(tmp_path, content, cache)
    latest = cached(cache)
    assert len(latest) == len(first) + folders.KEPT_UNUSED, "the replaced photo's derivatives are pruned"
    assert len(first.keys() - latest.keys()) == 1 and new in latest


ONE_PHOTO = """\
---
title: One Photo
slug: one-photo
date: 2025-05-01
tags: acupuncture
---

The room is quiet and warm.

![A treatment room](room.jpg)
"""


def test_a_change_of_any_encoder_option_makes_the_derivatives_again(tmp_path):
    from pelicanconf import PHOTO_ENCODING

    content, cache = tmp_path / "content", tmp_path / "cache/photos"
    (content / "articles").mkdir(parents=True)
    (content / "articles/one.md").write_text(ONE_PHOTO, encoding="utf-8")
    write_phone_photo(content / "articles/room.jpg", size=(480, 360), orientation=1)

    def published(encoding, image_format):
        """The cache key the build gave the photo, and its 480 px file in `image_format`."""
        site = build_photos(tmp_path, content, cache, PHOTO_ENCODING=encoding)
        folder = max(folders.entries(cache), key=folders.last_used)
        extension = "jpg" if image_format == "jpeg" else image_format
        return folder.name, (site / f"photos/room-{folder.name[:10]}-480.{extension}").read_bytes()

    before = {image_format: published(PHOTO_ENCODING, image_format) for image_format in ("avif", "jpeg")}
    changes = {"avif": {"speed": 9}, "jpeg": {"progressive": False}}
    for image_format, change in changes.items():
        encoding = {fmt: dict(options) for fmt, options in PHOTO_ENCODING.items()}
        encoding[image_format].update(change)
        key, data = published(encoding, image_format)
        assert key != before[image_format][0], f"{change} did not change the cache key"
        assert data != before[image_format][1], f"{image_format} not made again with {change}"
    assert "progressive" in Image.open(io.BytesIO(before["jpeg"][1])).info
    assert "progressive" not in Image.open(io.BytesIO(data)).info
