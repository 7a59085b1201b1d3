"""What a source picture is, read from its header only: its size after the orientation tag, its
kind, and everything that keeps it off the site, found before a pixel is decoded.

`inspect_source` raises `PhotoProblem` with an editor's message for a file that is not a
picture, is in a format the site does not publish, or is over the pixel limit (a decompression
bomb is refused here, from the size its header declares). SVG diagrams are read as XML and
refused if they could run code or load anything from elsewhere once served from the site
(`svg_safety`).
"""

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pillow_heif
from PIL import ExifTags, Image, UnidentifiedImageError

from holistic_oriental_medicine.checks.svg_safety import parsed, svg_problems

pillow_heif.register_heif_opener()

# Formats Pillow reports for the files editors bring: phone JPEGs (MPO on some cameras), PNG,
# WebP, GIF (its first frame is published), HEIC/HEIF from iPhones and AVIF.
RASTER_FORMATS = {"JPEG", "MPO", "PNG", "WEBP", "GIF", "HEIF", "AVIF"}
# Orientation tag values that turn the picture a quarter, so width and height swap.
QUARTER_TURNS = {5, 6, 7, 8}
# Decoding cost, read before decoding: scans of a progressive JPEG (a camera's have about ten),
# and bytes for each pixel (an uncompressed 16-bit RGBA PNG has 8) beyond a megabyte of metadata.
JPEG_START = b"\xff\xd8\xff"
START_OF_SCAN = b"\xff\xda"
MAX_JPEG_SCANS = 100
MAX_BYTES_PER_PIXEL = 10
MAX_EXTRA_BYTES = 1_000_000
SVG_LENGTH = re.compile(r"\s*([0-9.]+)\s*(px)?\s*")


class PhotoProblem(Exception):
    """A source picture the site cannot publish; the message says why and what to do."""


@dataclass(frozen=True)
class SourcePhoto:
    """A checked source: its file, the hash of its bytes, its size as shown, and its kind."""

    path: Path
    content_hash: str
    width: int
    height: int
    is_svg: bool = False
    has_alpha: bool = False


def inspect_source(path, settings):
    """The checked `SourcePhoto` at `path`, or PhotoProblem. Reads the header, not the pixels."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in settings["PHOTO_SOURCE_SUFFIXES"]:
        raise PhotoProblem(
            f'"{path.name}" is a {suffix or "file without an extension"}, a format the site does '
            "not publish. Save it as JPEG, PNG, WebP, GIF, HEIC or SVG."
        )
    data = path.read_bytes()
    content_hash = hashlib.sha256(data).hexdigest()
    if suffix == ".svg":
        width, height = checked_svg_size(path.name, data)
        return SourcePhoto(path, content_hash, width, height, is_svg=True)
    width, height, has_alpha = raster_header(path, settings["PHOTO_MAX_PIXELS"], len(data))
    if data.startswith(JPEG_START):
        refuse_many_scans(path.name, data)
    return SourcePhoto(path, content_hash, width, height, has_alpha=has_alpha)


def refuse_many_scans(name, data):
    """A progressive JPEG is decoded once per scan: a camera writes about ten; thousands make
    a small file take minutes to decode. Each scan starts with a marker (0xFFDA) that the coded
    data cannot hold, so they are counted in the bytes, before any decoding."""
    scans = data.count(START_OF_SCAN)
    if scans > MAX_JPEG_SCANS:
        raise PhotoProblem(
            f'"{name}" is a JPEG of {scans:,} scans (passes of a progressive JPEG); at most '
            f"{MAX_JPEG_SCANS} are decoded, as decoding each takes as long as a whole picture. "
            "Export it again from your photo app as an ordinary JPEG."
        )


def raster_header(path, max_pixels, size):
    """(width as shown, height as shown, has alpha) from the file's header; `size` is the
    file's, in bytes."""
    try:
        with Image.open(path) as image:
            if image.format not in RASTER_FORMATS:
                raise PhotoProblem(
                    f'"{path.name}" is a {image.format} image, a format the site does not '
                    "publish. Save it as JPEG, PNG, WebP, GIF or HEIC."
                )
            width, height = image.size
            if width * height > max_pixels:
                raise PhotoProblem(
                    f'"{path.name}" is {width}x{height} pixels ({width * height / 1e6:.0f} '
                    f"megapixels), over the limit of {max_pixels / 1e6:.0f}. Save a smaller copy, "
                    "e.g. 4000 pixels wide."
                )
            if size > MAX_EXTRA_BYTES + MAX_BYTES_PER_PIXEL * width * height:
                raise PhotoProblem(
                    f'"{path.name}" is {size / 1e6:.1f} MB for {width}x{height} pixels, far more '
                    "than a picture of that size needs (more than a frame, or hidden data), and "
                    "it would be slow to decode. Export it again from your photo app as JPEG or PNG."
                )
            if image.getexif().get(ExifTags.Base.Orientation) in QUARTER_TURNS:
                width, height = height, width
            has_alpha = "A" in image.getbands() or "transparency" in image.info
    except Image.DecompressionBombError:
        raise PhotoProblem(
            f'"{path.name}" declares more than {max_pixels / 1e6:.0f} megapixels (it may be a '
            "decompression bomb). Save a smaller copy, e.g. 4000 pixels wide."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise PhotoProblem(
            f'"{path.name}" is not a picture Pillow can read (damaged, or not an image at all). '
            "Export it again from your photo app as JPEG or PNG."
        ) from None
    return width, height, has_alpha


def checked_svg_size(name, data):
    """The size of an SVG within the allow-list of `svg_safety`, else PhotoProblem."""
    problems = svg_problems(data)
    if problems:
        raise PhotoProblem(f'"{name}" {problems[0]}')
    return svg_size(name, parsed(data).getroot())


def svg_size(name, root):
    """Width and height from the SVG's width/height attributes, else from its viewBox."""
    sizes = [SVG_LENGTH.fullmatch(root.get(side, "")) for side in ("width", "height")]
    if all(sizes):
        return tuple(round(float(size[1])) for size in sizes)
    view_box = root.get("viewBox", "").replace(",", " ").split()
    if len(view_box) == 4:
        return round(float(view_box[2])), round(float(view_box[3]))
    raise PhotoProblem(
        f'"{name}" has neither a size in pixels nor a viewBox, so its space on the page is '
        'unknown. Give its <svg> a viewBox, e.g. viewBox="0 0 800 600".'
    )
