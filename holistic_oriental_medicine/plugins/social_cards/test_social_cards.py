"""social_cards: a readable 1200x630 card per article, drawn again only when its text changes."""

from pelican.settings import read_settings
from PIL import Image, ImageColor, ImageDraw, features
from support import plugin_builds
from support.pages import page_at

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.plugins.brand_colors import brand_colors

from . import (
    CARD_SIZE,
    MARGIN,
    PARALLEL_THRESHOLD,
    TITLE_SIZES,
    cached_card,
    card_colors,
    draw_card,
    fit_title,
)
from .text import characters_of

SETTINGS = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))


def relative_luminance(color):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(value) for value in ImageColor.getrgb(color))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def write_article(content, name, title, extra=""):
    (content / "articles").mkdir(parents=True, exist_ok=True)
    (content / "articles" / f"{name}.md").write_text(
        f"Title: {title}\nSlug: {name}\nDate: 2025-01-01\n{extra}\nSome words.\n", encoding="utf-8"
    )


# The cards are drawn in the brand's colors.
PLUGINS = ["brand_colors", "social_cards"]


def build(tmp_path, content, cache, production=False, plugins=PLUGINS):
    """A build of `content` with this plugin, its share cards kept in the folder `cache` (in
    the caches' folder)."""
    assert cache.name == "social-cards"
    output = tmp_path / ("production" if production else "output")
    return plugin_builds.build(content, output, plugins, production=production, caches=cache.parent)


def test_text_has_aaa_contrast_on_the_card():
    colors = card_colors(brand_colors(SETTINGS))
    assert contrast(colors["text"], colors["background"]) >= 7
    assert contrast(colors["secondary_text"], colors["background"]) >= 7


def test_each_article_gets_a_1200_by_630_png_named_in_its_head(tmp_path):
    content = tmp_path / "content"
    write_article(content, "cupping", "Cupping for Shoulder Tension")
    site = build(tmp_path, content, tmp_path / "cache/social-cards")
    image_url = page_at(site, "cupping/").css_first('meta[property="og:image"]').attributes[
        "content"
    ]
    assert image_url.endswith("/social-cards/cupping.png")
    with Image.open(site / "social-cards/cupping.png") as card:
        assert card.format == "PNG"
        assert card.size == CARD_SIZE
    with Image.open(site / "social-cards/site.png") as card:
        assert card.size == CARD_SIZE


def test_an_unchanged_card_is_not_drawn_again_and_a_changed_one_is(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache/social-cards"
    write_article(content, "cupping", "Cupping for Shoulder Tension")
    build(tmp_path, content, cache)
    first = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    build(tmp_path, content, cache)
    assert {path: path.stat().st_mtime_ns for path in cache.iterdir()} == first

    write_article(content, "cupping", "Cupping for Neck and Shoulder Tension")
    site = build(tmp_path, content, cache)
    second = {path: path.stat().st_mtime_ns for path in cache.iterdir()}
    assert len(second) == len(first) + 1
    assert all(second[path] == mtime for path, mtime in first.items())
    (new_card,) = set(second) - set(first)
    assert (site / "social-cards/cupping.png").read_bytes() == new_card.read_bytes()


def test_an_article_with_its_own_image_shares_it_instead_of_a_card(tmp_path):
    content = tmp_path / "content"
    write_article(content, "herbs", "Herbal Teas",
                  extra="Image: images/herbs.jpg\nImage_alt: Dried herbs in glass jars")
    (content / "images").mkdir()
    Image.new("RGB", (1200, 630)).save(content / "images/herbs.jpg")
    # The photos plugin makes the shared copy of the article's own image.
    site = build(tmp_path, content, tmp_path / "cache/social-cards", plugins=[*PLUGINS, "photos"])
    page = page_at(site, "herbs/")
    shared = page.css_first('meta[property="og:image"]').attributes["content"]
    assert shared.endswith("-1200.jpg")
    assert page.css_first('meta[name="twitter:image"]').attributes["content"] == shared
    assert page.css_first('meta[property="og:image:alt"]').attributes["content"] == (
        "Dried herbs in glass jars"
    )
    with Image.open(site / "herbs" / shared) as image:
        assert image.size == (1200, 630)
    assert not (site / "social-cards/herbs.png").exists()


def test_a_very_long_title_stays_large_and_inside_the_card():
    draw = ImageDraw.Draw(Image.new("RGB", CARD_SIZE))
    title = "Acupuncture, Cupping and Herbal Medicine for Chronic Lower Back Pain " * 3
    fonts, lines = fit_title(title, draw, 1000, 300)
    assert fonts.size == min(TITLE_SIZES)
    assert lines[-1].endswith("…")
    assert all(fonts.width(line, draw) <= 1000 for line in lines)
    assert len(lines) * fonts.size * 1.15 <= 300


def test_a_word_wider_than_the_card_is_broken_to_stay_inside_it():
    draw = ImageDraw.Draw(Image.new("RGB", CARD_SIZE))
    for title in ("Rindfleischetikettierungsüberwachungsaufgabenübertragungsgesetz erklärt",
                  "W" * 150):
        fonts, lines = fit_title(title, draw, 1000, 300)
        assert all(fonts.width(line, draw) <= 1000 for line in lines), title
        assert "".join(lines).replace(" ", "").rstrip("…") in title.replace(" ", "")


def test_a_draft_has_a_card_in_the_preview_and_none_in_production(tmp_path):
    content = tmp_path / "content"
    write_article(content, "cupping", "Cupping for Shoulder Tension")
    write_article(content, "secret", "A Draft Title Nobody May See Yet", extra="Status: draft")
    preview = build(tmp_path, content, tmp_path / "cache/social-cards")
    assert list(preview.rglob("social-cards/secret.png"))
    production = build(tmp_path, content, tmp_path / "cache/social-cards", production=True)
    assert (production / "social-cards/cupping.png").is_file()
    assert not list(production.rglob("*secret*"))


def test_cards_drawn_on_every_core_are_the_cards_drawn_one_by_one(tmp_path):
    content = tmp_path / "content"
    titles = [f"Acupuncture and Sleep, Part {number}" for number in range(2 * PARALLEL_THRESHOLD + 1)]
    for number, title in enumerate(titles):
        write_article(content, f"article-{number}", title)
    site = build(tmp_path, content, tmp_path / "parallel/social-cards")
    texts = [(title, SETTINGS["SITENAME"], "1 min read") for title in titles]
    for number, card_texts in enumerate(texts):
        one_by_one = cached_card(tmp_path / "serial", card_texts, card_colors(brand_colors(SETTINGS)))
        assert (site / f"social-cards/article-{number}.png").read_bytes() == one_by_one.read_bytes()


def test_cards_no_build_used_lately_are_pruned(tmp_path):
    content, cache = tmp_path / "content", tmp_path / "cache/social-cards"
    write_article(content, "cupping", "Cupping for Shoulder Tension")
    build(tmp_path, content, cache)
    first = {path.name for path in cache.iterdir()}
    for number in range(folders.KEPT_UNUSED + 1):
        write_article(content, "cupping", f"Cupping for Shoulder Tension, Part {number}")
        site = build(tmp_path, content, cache)
    kept = {path.name: path.read_bytes() for path in cache.iterdir()}
    shared = [(site / "social-cards/cupping.png").read_bytes(), (site / "social-cards/site.png").read_bytes()]
    assert all(card in kept.values() for card in shared)
    # The cards of the titles used last besides, and not the first.
    assert len(kept) == len(shared) + folders.KEPT_UNUSED
    assert set(kept) & first == {name for name, card in kept.items() if card == shared[1]}


HEBREW = "דיקור סיני לכאבי גב"
ARABIC = "الوخز بالإبر لآلام الظهر"


def test_hebrew_arabic_and_emoji_are_drawn_in_fonts_that_have_them_and_chinese_is_left_out():
    draw = ImageDraw.Draw(Image.new("RGB", CARD_SIZE))
    title = f"Acupuncture 🌿 {HEBREW} {ARABIC} ❤️ 针灸 and 👨‍👩‍👧"
    fonts, lines = fit_title(title, draw, 1000, 300)
    runs = [(font, text) for line in lines for font, text, _direction in fonts.visual_runs(line)]
    for font, text in runs:
        # No character reaches a font without a glyph for it: no .notdef box is drawn.
        assert set(text) <= characters_of(font.path), text
    drawn = "".join(text for _font, text in runs)
    assert "针" not in drawn and "灸" not in drawn
    for word in ("Acupuncture", "🌿", *HEBREW.split(), *ARABIC.split(), "❤️", "👨‍👩‍👧"):
        assert word in drawn


def test_a_title_in_hebrew_or_arabic_reads_right_to_left_from_the_right_margin(tmp_path):
    for title in (f"{HEBREW} 2025", ARABIC):
        path = tmp_path / "card.png"
        draw_card(title, "Holistic Oriental Medicine", "5 min read", card_colors(brand_colors(SETTINGS)), path)
        with Image.open(path) as card:
            title_area = card.crop((0, 150, CARD_SIZE[0], 470))
            ink = Image.eval(title_area.convert("L"), lambda value: 255 if value > 200 else 0).getbbox()
        assert ink is not None, title
        assert 0 <= (CARD_SIZE[0] - MARGIN) - ink[2] <= 16, ink
        assert ink[0] > MARGIN + 100, ink
    draw = ImageDraw.Draw(Image.new("RGB", CARD_SIZE))
    fonts, [line] = fit_title(f"{HEBREW} 2025", draw, 1000, 300)
    assert [(text, direction) for _font, text, direction in fonts.visual_runs(line)] == [
        ("2025", "ltr"), (" ", "rtl"), (HEBREW, "rtl")
    ]


def test_arabic_letters_are_joined_by_the_raqm_layout():
    assert features.check("raqm")
    draw = ImageDraw.Draw(Image.new("RGB", CARD_SIZE))
    fonts, [line] = fit_title("بالإبر", draw, 1000, 300)
    [(font, word, direction)] = fonts.visual_runs(line)
    joined = draw.textlength(word, font=font, direction=direction)
    assert joined < sum(draw.textlength(letter, font=font) for letter in word)
