"""brand_colors: the brand's colours are set once, in the stylesheet; icons and cards follow."""

import shutil
from pathlib import Path

from PIL import Image, ImageColor
from support.pages import page_at
from support.plugin_builds import build

from holistic_oriental_medicine import PROJECT_ROOT

from . import brand_colors

TEST_DATA = Path(__file__).with_name("test_data")


def test_the_colours_are_the_brand_properties_of_the_top_level_root_rule(tmp_path):
    stylesheet = tmp_path / "static/css/site.css"
    stylesheet.parent.mkdir(parents=True)
    stylesheet.write_text(
        ":root { --brand-green: #1d6a4f; /* a note */ --brand-on-green: #fff; --accent: red; }\n"
        "@media (prefers-color-scheme: dark) { :root { --brand-green: #000000; } }\n",
        encoding="utf-8",
    )
    settings = {"THEME": str(tmp_path), "THEME_STATIC_PATHS": ["static"]}
    assert brand_colors(settings) == {"green": "#1d6a4f", "on-green": "#fff"}


def test_icons_and_share_cards_are_drawn_in_a_colour_changed_in_the_stylesheet(tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    stylesheet = theme / "static/css/site.css"
    css = stylesheet.read_text(encoding="utf-8")
    for name, color in (("green", "#204080"), ("deep-green", "#102040")):
        assert f"--brand-{name}: " in css
        css = css.replace(f"--brand-{name}: ", f"--brand-{name}: {color}; --unused-{name}: ", 1)
    stylesheet.write_text(css, encoding="utf-8")

    site = build(TEST_DATA, tmp_path / "output", ["brand_colors", "site_icons", "social_cards"], THEME=str(theme))

    assert "%23204080" in page_at(site, "").css_first('link[rel="icon"]').attributes["href"]
    with Image.open(site / "apple-touch-icon.png") as touch_icon:
        assert touch_icon.getpixel((0, 0)) == ImageColor.getrgb("#204080")
    with Image.open(site / "social-cards/site.png") as card:
        assert card.convert("RGB").getpixel((card.width - 1, card.height - 1)) == ImageColor.getrgb("#102040")
