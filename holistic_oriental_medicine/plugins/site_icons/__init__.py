"""The site's icon, drawn once in the brand's green (BRAND_COLORS, holistic_oriental_medicine/plugins/brand_colors/), in
three forms.

- `SITE_ICON_DATA_URI`, an SVG for `<link rel="icon">` inlined in the page, so the browser
  makes no extra request for it;
- `favicon.ico` at the site root, for programs that ask for it without reading the page;
- `apple-touch-icon.png` (180 px) at the site root, for a bookmark on a phone's home screen.

The shape is a light acupuncture point on a rounded square: simple enough to read at 16 px.
"""

from pathlib import Path
from urllib.parse import quote

from pelican import signals
from PIL import Image, ImageDraw

# The shape, as fractions of the icon's side: corner radius, outer and inner circle radii.
CORNER = 0.22
POINT = 0.30
CENTRE = 0.11

TOUCH_ICON_SIZE = 180
FAVICON_SIZES = [(16, 16), (32, 32), (48, 48)]
# Drawn this many times larger, then scaled down, for smooth edges.
SUPERSAMPLING = 4


def icon_svg(colors):
    side = 100
    return (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 100 100'>"
        f"<rect width='{side}' height='{side}' rx='{CORNER * side:g}' fill='{colors['background']}'/>"
        f"<circle cx='50' cy='50' r='{POINT * side:g}' fill='{colors['foreground']}'/>"
        f"<circle cx='50' cy='50' r='{CENTRE * side:g}' fill='{colors['background']}'/>"
        "</svg>"
    )


def icon_data_uri(colors):
    return "data:image/svg+xml," + quote(icon_svg(colors), safe=":/=")


def icon_image(size, colors, rounded=True):
    """The icon as a square RGBA image; `rounded=False` fills the corners (phones round them)."""
    side = size * SUPERSAMPLING
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    corner = CORNER * side if rounded else 0
    draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=corner, fill=colors["background"])
    for radius, color in ((POINT, colors["foreground"]), (CENTRE, colors["background"])):
        half = radius * side
        centre = side / 2
        draw.ellipse((centre - half, centre - half, centre + half, centre + half), fill=color)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def icon_colors(brand):
    return {"background": brand["green"], "foreground": brand["on-green"]}


def add_data_uri(pelican):
    pelican.settings["SITE_ICON_DATA_URI"] = icon_data_uri(icon_colors(pelican.settings["BRAND_COLORS"]))


def write_icon_files(pelican):
    colors = icon_colors(pelican.settings["BRAND_COLORS"])
    output = Path(pelican.output_path)
    largest = max(FAVICON_SIZES)[0]
    icon_image(largest, colors).save(output / "favicon.ico", sizes=FAVICON_SIZES)
    touch_icon = icon_image(TOUCH_ICON_SIZE, colors, rounded=False).convert("RGB")
    touch_icon.save(output / "apple-touch-icon.png", optimize=True)


def register():
    signals.initialized.connect(add_data_uri)
    signals.finalized.connect(write_icon_files)
