"""Pictures shown when a page is shared in a message or on social media.

Every article (and draft, in the preview) gets a 1200x630 PNG card with its title, the site name
and its read time; the other pages share one site card with the site name, the clinic's town and
its phone number. The article's
`social_image` (and the `SOCIAL_CARD_SITE` setting) give the card's path in the output. An article
whose front matter sets `Image: images/<file>` shares that photo instead, as the photos plugin
publishes it (`share_image_path`: 1200 pixels wide, or the largest it has).

Cards are drawn with Pillow in Source Sans Pro, the OFL font the `font-source-sans-pro` package
ships, and in Noto for Hebrew, Arabic and emoji (`text.py`: right to left where the script is,
and no empty boxes), so a machine with only Python draws the same cards, in the brand's colours (BRAND_COLORS,
holistic_oriental_medicine/plugins/brand_colors/). A card is named by a hash of what it shows, its colours and this
module's code, and kept in the cache folder `social-cards`: a rebuild draws only the cards
whose text or design changed (in WORKER_PROCESSES), and links the others.
"""

import hashlib
from pathlib import Path

from pelican import signals
from PIL import Image, ImageDraw

from holistic_oriental_medicine.builds.workers import worker_count, worker_pool
from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.caches.kept_files import link_or_copy

from .text import BOLD, SEMIBOLD, card_fonts, paragraph_direction

CARD_SIZE = (1200, 630)
MARGIN = 72
ACCENT_BAR_HEIGHT = 16
LABEL_SIZE = 40
# Title sizes tried from largest to smallest until the title fits between the labels; shown as a
# 400-pixel-wide thumbnail the smallest is still 18 pixels high.
TITLE_SIZES = (84, 76, 68, 60, 56)
LINE_SPACING = 1.15
GAP = 36
DESIGN_SOURCE = b"".join(path.read_bytes() for path in sorted(Path(__file__).parent.glob("*.py")))
# Below this many new cards, drawing them in this process is quicker than starting others.
PARALLEL_THRESHOLD = 8
CACHE_NAME = "social-cards"
# The cache folder of the build under way.
card_cache = None


def pieces(word, fonts, width, draw):
    """`word`, or if it is wider than `width` pixels (a long compound, an address), the
    longest runs of its letters that each fit."""
    runs = []
    while len(word) > 1 and fonts.width(word, draw) > width:
        fits, too_wide = 1, len(word)
        while too_wide - fits > 1:
            middle = (fits + too_wide) // 2
            if fonts.width(word[:middle], draw) <= width:
                fits = middle
            else:
                too_wide = middle
        runs.append(word[:fits])
        word = word[fits:]
    return [*runs, word]


def wrap(text, fonts, width, draw):
    """Lines of `text` that each fit in `width` pixels, breaking between words (and inside a
    word too wide for a line of its own)."""
    lines = []
    for word in (piece for word in text.split() for piece in pieces(word, fonts, width, draw)):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and fonts.width(candidate, draw) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def fit_title(title, draw, width, height):
    """The largest title fonts whose lines fit in the box, and those lines (cut with … if the
    title is too long even at the smallest size), of the characters the fonts can draw."""
    for size in TITLE_SIZES:
        fonts = card_fonts(BOLD, size)
        lines = wrap(fonts.drawable(title), fonts, width, draw)
        max_lines = int(height // (size * LINE_SPACING))
        if len(lines) <= max_lines:
            return fonts, lines
    lines = lines[:max_lines]
    while len(lines[-1].split()) > 1 and fonts.width(lines[-1] + "…", draw) > width:
        lines[-1] = lines[-1].rsplit(" ", 1)[0]
    while len(lines[-1]) > 1 and fonts.width(lines[-1] + "…", draw) > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return fonts, lines


def card_colors(brand):
    """White on deep green: a contrast ratio above 10:1, legible on any screen and at thumbnail
    size; the labels in pale green, still above 7:1; a light green bar at the top."""
    return {
        "background": brand["deep-green"],
        "text": brand["on-green"],
        "secondary_text": brand["pale-green"],
        "accent": brand["light-green"],
    }


def draw_card(heading, top_label, bottom_label, colors, path):
    """Draw a card in `colors` (as `card_colors` gives them): `top_label` above the large
    `heading`, `bottom_label` at the foot."""
    card = Image.new("RGB", CARD_SIZE, colors["background"])
    draw = ImageDraw.Draw(card)
    width, height = CARD_SIZE
    label_fonts = card_fonts(SEMIBOLD, LABEL_SIZE)
    margins = (MARGIN, width - MARGIN)
    draw.rectangle((0, 0, width, ACCENT_BAR_HEIGHT), fill=colors["accent"])
    label_fonts.draw(draw, margins, MARGIN + label_fonts.ascent, label_fonts.drawable(top_label),
                     colors["secondary_text"])
    bottom_baseline = height - MARGIN
    label_fonts.draw(draw, margins, bottom_baseline, label_fonts.drawable(bottom_label),
                     colors["secondary_text"])
    title_top = MARGIN + LABEL_SIZE + GAP
    title_bottom = bottom_baseline - LABEL_SIZE - GAP
    title_fonts, lines = fit_title(heading, draw, width - 2 * MARGIN, title_bottom - title_top)
    line_height = title_fonts.size * LINE_SPACING
    # Every line of the title in the direction of its first letter's script.
    direction = paragraph_direction(heading)
    for number, line in enumerate(lines):
        title_fonts.draw(draw, margins, title_top + number * line_height + title_fonts.ascent, line,
                         colors["text"], direction)
    path.parent.mkdir(parents=True, exist_ok=True)
    card.save(path, "PNG")


def card_path(cache, texts, colors):
    """Where the card with these texts, in these colours and this design, is kept in `cache`."""
    digest = hashlib.sha256(DESIGN_SOURCE)
    for text in (*texts, *(f"{role}={color}" for role, color in sorted(colors.items()))):
        digest.update(text.encode() + b"\0")
    return Path(cache) / f"{digest.hexdigest()[:20]}.png"


def draw_into_cache(path, texts, colors):
    with folders.written_file(path) as partial:
        draw_card(*texts, colors, partial)


def _draw_into_cache(job):
    draw_into_cache(*job)


def draw_missing_cards(cache, card_texts, colors, settings):
    """Draw the cards of `card_texts` that are not in `cache` yet, in WORKER_PROCESSES."""
    missing = {card_path(cache, texts, colors): texts for texts in card_texts}
    missing = [(path, texts, colors) for path, texts in missing.items() if not path.exists()]
    workers = worker_count(settings, len(missing), PARALLEL_THRESHOLD)
    if workers < 2:
        for job in missing:
            draw_into_cache(*job)
        return
    with worker_pool(workers) as pool:
        list(pool.map(_draw_into_cache, missing, chunksize=4))


def cached_card(cache, texts, colors):
    """The path of the card with `texts` (heading, top label, bottom label) in `colors`, in
    `cache`, drawn only if no card with the same inputs is there."""
    path = card_path(cache, texts, colors)
    if path.exists():
        folders.mark_used(path)
    else:
        draw_into_cache(path, texts, colors)
    return path


def article_card_text(article):
    return article.title, article.settings["SITENAME"], f"{article.read_time} min read"


def site_card_text(settings):
    return (
        settings["SITENAME"],
        "{locality}, {region}".format(**settings["CLINIC"]["address"]),
        settings["CLINIC"]["phone_display"],
    )


def card_alt(texts):
    """A card's words, in reading order, as the description of the picture that shows them."""
    return " · ".join(texts)


def articles_and_drafts(generator):
    """Articles and the drafts the build writes (the preview does, production does not: its
    drafts must leave no card that would show their titles)."""
    return [item for item in (*generator.articles, *generator.drafts) if item.save_as]


def assign_card_paths(generator):
    """Tell each article which image it shares, before its page is rendered."""
    folder = generator.settings["SOCIAL_CARDS_DIR"]
    for article in articles_and_drafts(generator):
        own_image = getattr(article, "share_image_path", None)
        article.social_image = own_image or f"{folder}/{article.slug}.png"
        article.social_image_alt = (
            (getattr(article, "featured_alt", "") or article.title) if own_image
            else card_alt(article_card_text(article))
        )


def add_site_card_alt(generator):
    """Pages other than articles share the site card: templates describe it as `site_card_alt`."""
    generator.env.globals["site_card_alt"] = card_alt(site_card_text(generator.settings))


def write_article_cards(generator, writer):
    settings = generator.settings
    output = Path(generator.output_path)
    sharing_cards = [
        item for item in articles_and_drafts(generator) if not getattr(item, "share_image_path", None)
    ]
    colors = card_colors(settings["BRAND_COLORS"])
    draw_missing_cards(card_cache.path, [article_card_text(a) for a in sharing_cards], colors, settings)
    for article in sharing_cards:
        card = cached_card(card_cache.path, article_card_text(article), colors)
        target = output / article.social_image
        target.parent.mkdir(parents=True, exist_ok=True)
        link_or_copy(card, target)


def write_site_card(pelican):
    settings = pelican.settings
    card = cached_card(card_cache.path, site_card_text(settings), card_colors(settings["BRAND_COLORS"]))
    target = Path(pelican.output_path) / settings["SOCIAL_CARD_SITE"]
    target.parent.mkdir(parents=True, exist_ok=True)
    link_or_copy(card, target)
    card_cache.prune()


def open_cache(pelican):
    global card_cache
    card_cache = folders.CacheFolder(pelican.settings, CACHE_NAME)


def register():
    signals.initialized.connect(open_cache)
    signals.generator_init.connect(add_site_card_alt)
    signals.article_generator_finalized.connect(assign_card_paths)
    signals.article_writer_finalized.connect(write_article_cards)
    signals.finalized.connect(write_site_card)
