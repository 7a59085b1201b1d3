"""Text on the share cards in any of the scripts the clinic's readers write, never as empty boxes.

Each character is drawn in the first of the card's fonts that has it: Source Sans Pro (Latin,
Greek, Cyrillic), then Noto Sans Hebrew, Noto Sans Arabic and Noto Emoji (OFL, from the
`manimgx-fonts` package). A character none of them has (Chinese, Japanese and Korean among
them: their fonts weigh tens of megabytes) is left out, rather than drawn as the box fonts draw
for a character they lack. Pillow's raqm layout (FriBiDi and HarfBuzz) shapes each run of one
font, Arabic letters joined and Hebrew and Arabic right to left; the runs of a line are put in
the order the Unicode bidirectional algorithm gives them (rule L2, by run), and a line of a
right-to-left title is set against the right margin.
"""

import unicodedata
from functools import cache
from pathlib import Path

import font_source_sans_pro
import manimgx_fonts
from PIL import ImageFont

NOTO = Path(manimgx_fonts.__file__).parent
# (file, weight) of each font, in the order a character looks for one that has it.
BOLD = (
    (font_source_sans_pro.font_files_ttf["SourceSansProBold"], None),
    (NOTO / "NotoSansHebrew[wght].ttf", 700),
    (NOTO / "NotoSansArabic[wght].ttf", 700),
    (NOTO / "NotoEmoji[wght].ttf", 700),
)
SEMIBOLD = (
    (font_source_sans_pro.font_files_ttf["SourceSansProSemibold"], None),
    (NOTO / "NotoSansHebrew[wght].ttf", 600),
    (NOTO / "NotoSansArabic[wght].ttf", 600),
    (NOTO / "NotoEmoji[wght].ttf", 600),
)
RIGHT_TO_LEFT = {"R", "AL"}


@cache
def characters_of(path):
    """The characters the font has a glyph for."""
    # Imported here: it takes 80 ms, which a build whose cards are all cached never needs.
    from fontTools.ttLib import TTFont

    with TTFont(path, lazy=True) as font:
        return frozenset(map(chr, font.getBestCmap()))


def joins_the_run(character, run):
    """Accents and joiners stay in the font of the letter before them; spaces and punctuation
    inside right-to-left text too, so that raqm orders its words."""
    kind = unicodedata.category(character)[0]
    return kind == "M" or unicodedata.category(character) == "Cf" or (
        kind in "ZP" and strong_direction(run) == "rtl"
    )


class CardFonts:
    """The card's fonts at one size and weight: what they can draw, how wide, and drawing it."""

    def __init__(self, faces, size):
        self.size = size
        self.fonts = []
        # The first font's: every run of a line sits on its baseline.
        self.ascent = ImageFont.truetype(str(faces[0][0]), size).getmetrics()[0]
        for path, weight in faces:
            font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.RAQM)
            if weight:
                font.set_variation_by_axes([weight])
            self.fonts.append((characters_of(str(path)), font))

    def drawable(self, text):
        """`text` without the characters no font has, its words one space apart."""
        kept = "".join(
            character for character in text
            if character.isspace() or any(character in chars for chars, _font in self.fonts)
        )
        return " ".join(kept.split())

    def runs(self, text):
        """(font, text) runs of drawable `text`, each in one font."""
        runs = []
        for character in text:
            if runs and character in runs[-1][0][0] and joins_the_run(character, runs[-1][1]):
                runs[-1][1] += character
                continue
            covering = next((entry for entry in self.fonts if character in entry[0]), None)
            if covering is None:
                continue
            if runs and runs[-1][0] is covering:
                runs[-1][1] += character
            else:
                runs.append([covering, character])
        # Spaces at the ends of a run are between runs: their direction is the paragraph's.
        space_font = self.fonts[0][1]
        split = []
        for (_chars, font), run in runs:
            words = run.strip(" ")
            if not words:
                split.append((space_font, run))
                continue
            before, after = run[: len(run) - len(run.lstrip(" "))], run[len(run.rstrip(" ")):]
            split += [(space_font, before)] * bool(before) + [(font, words)] + [(space_font, after)] * bool(after)
        return split

    def width(self, text, draw):
        return sum(draw.textlength(run, font=font, direction=direction)
                   for font, run, direction in self.visual_runs(text))

    def visual_runs(self, text, base=None):
        """(font, text, direction) of each run of a line, from left to right, in a paragraph
        of direction `base` (by default, the line's own)."""
        runs = self.runs(text)
        directions = [run_direction(run) for _font, run in runs]
        levels = run_levels(directions, base or paragraph_direction(text))
        order = list(range(len(runs)))
        for level in range(max(levels, default=0), 0, -1):
            index = 0
            while index < len(order):
                if levels[order[index]] < level:
                    index += 1
                    continue
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
        return [(runs[i][0], runs[i][1], "rtl" if levels[i] % 2 else "ltr") for i in order]

    def draw(self, draw, margins, baseline, text, fill, base=None):
        """Draw one line on `baseline` between the (left, right) `margins`: from the left one,
        or from the right one when its paragraph (`base`, by default the line) reads right to
        left."""
        left, right = margins
        base = base or paragraph_direction(text)
        x = left if base == "ltr" else right - self.width(text, draw)
        for font, run, direction in self.visual_runs(text, base):
            draw.text((x, baseline), run, font=font, fill=fill, anchor="ls", direction=direction)
            x += draw.textlength(run, font=font, direction=direction)


@cache
def card_fonts(faces, size):
    """The fonts at `size`, loaded once per process: every card tries the same sizes."""
    return CardFonts(faces, size)


def strong_direction(text):
    for character in text:
        kind = unicodedata.bidirectional(character)
        if kind in RIGHT_TO_LEFT:
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


def paragraph_direction(text):
    """Right to left when the first letter with a direction is Hebrew or Arabic (rules P2, P3)."""
    return strong_direction(text) or "ltr"


def run_direction(run):
    """A run's direction: its first strong letter's, numbers' left to right, else none."""
    direction = strong_direction(run)
    if direction is None and any(unicodedata.bidirectional(c) in ("EN", "AN") for c in run):
        return "ltr"
    return direction


def run_levels(directions, base):
    """Embedding levels of the runs: a run without direction takes its neighbours' when they
    agree, else the paragraph's (rules N1, N2); then rules I1 and I2."""
    resolved = []
    for index, direction in enumerate(directions):
        if direction is None:
            before = next((d for d in reversed(directions[:index]) if d), base)
            after = next((d for d in directions[index + 1:] if d), base)
            direction = before if before == after else base
        resolved.append(direction)
    if base == "ltr":
        return [1 if direction == "rtl" else 0 for direction in resolved]
    return [1 if direction == "rtl" else 2 for direction in resolved]
