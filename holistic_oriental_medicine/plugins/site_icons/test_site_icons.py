"""site_icons: an inlined SVG tab icon, and favicon.ico and a touch icon at the site root."""

from pathlib import Path
from urllib.parse import unquote

import pytest
from PIL import Image
from support.pages import page_at
from support.plugin_builds import build

from . import icon_data_uri

TEST_DATA = Path(__file__).with_name("test_data")
COLORS = {"background": "#1d6a4f", "foreground": "#ffffff"}


def test_the_data_uri_is_an_svg_in_the_given_colours():
    uri = icon_data_uri(COLORS)
    assert uri.startswith("data:image/svg+xml,")
    assert " " not in uri and "#" not in uri
    svg = unquote(uri.removeprefix("data:image/svg+xml,"))
    assert svg.startswith("<svg") and "#1d6a4f" in svg and "#ffffff" in svg


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # The icons are drawn in the brand's colours, which brand_colors reads from the stylesheet.
    return build(TEST_DATA, tmp_path_factory.mktemp("site") / "output", ["brand_colors", "site_icons"])


@pytest.mark.parametrize("url", ["", "welcome/"])
def test_every_page_links_the_inlined_icon_and_the_touch_icon(site, url):
    page = page_at(site, url)
    assert page.css_first('link[rel="icon"]').attributes["href"].startswith("data:image/svg+xml,")
    touch_icon = page.css_first('link[rel="apple-touch-icon"]').attributes["href"]
    assert touch_icon.endswith("apple-touch-icon.png")


def test_the_icon_files_are_real_images_of_the_right_sizes(site):
    with Image.open(site / "apple-touch-icon.png") as touch_icon:
        assert touch_icon.format == "PNG" and touch_icon.size == (180, 180)
        # Opaque: phones draw their own rounded corners on it.
        assert touch_icon.mode == "RGB"
        assert touch_icon.getpixel((0, 0)) == (0x1D, 0x6A, 0x4F)
    with Image.open(site / "favicon.ico") as favicon:
        assert favicon.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= favicon.info["sizes"]
