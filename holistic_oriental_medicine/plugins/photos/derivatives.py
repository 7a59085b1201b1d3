"""The files readers get of a source picture: AVIF, WebP and a JPEG fallback (PNG for pictures
with transparency) at each width of PHOTO_WIDTHS no wider than the source, with the orientation
tag applied, colours converted to sRGB and no metadata at all (no EXIF, GPS, camera serial or
colour profile: sRGB is what browsers assume).

The derivatives of a source are named by the hash of its bytes and of the settings and the code
of this module, which makes them (`PhotoPlan.key`): a change of any of them publishes new files
under new names. How they are kept between builds is apart (`cached`), so that a change to it
renames no published photo.
"""

import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from holistic_oriental_medicine.caches.kept_files import link_or_copy
from holistic_oriental_medicine.checks.svg_safety import sanitised

from .sources import SourcePhoto

MIME_TYPES = {"avif": "image/avif", "webp": "image/webp", "jpeg": "image/jpeg", "png": "image/png"}
EXTENSIONS = {"avif": "avif", "webp": "webp", "jpeg": "jpg", "png": "png", "svg": "svg"}
CODE = Path(__file__).read_bytes()
SRGB = ImageCms.createProfile("sRGB")


def settings_digest(settings):
    """A hash of everything besides the source that changes the derivatives: the widths and
    every encoder option (quality, speed or effort, subsampling...), so that any change of them
    makes the derivatives again."""
    made_by = {"widths": settings["PHOTO_WIDTHS"], "encoding": settings["PHOTO_ENCODING"]}
    return hashlib.sha256(json.dumps(made_by, sort_keys=True).encode() + CODE).hexdigest()[:12]


@dataclass(frozen=True)
class PhotoPlan:
    """The derivatives of one source: their names, formats and widths."""

    source: SourcePhoto
    key: str
    name: str
    widths: tuple
    formats: tuple

    @property
    def fallback(self):
        return self.formats[-1]

    def height_at(self, width):
        return max(1, round(self.source.height * width / self.source.width))

    def file_name(self, width, image_format):
        if image_format == "svg":
            return f"{self.name}-{self.key[:10]}.svg"
        return f"{self.name}-{self.key[:10]}-{width}.{EXTENSIONS[image_format]}"

    def files(self):
        return [(width, fmt, self.file_name(width, fmt)) for fmt in self.formats for width in self.widths]


def plan(source, name, settings):
    """The derivatives of `source` (a SourcePhoto) published under the readable `name`."""
    key = hashlib.sha256(f"{source.content_hash}:{settings_digest(settings)}".encode()).hexdigest()
    if source.is_svg:
        return PhotoPlan(source, key, name, (source.width,), ("svg",))
    largest = min(source.width, max(settings["PHOTO_WIDTHS"]))
    widths = sorted({width for width in settings["PHOTO_WIDTHS"] if width < largest} | {largest})
    formats = ("avif", "webp", "png" if source.has_alpha else "jpeg")
    return PhotoPlan(source, key, name, tuple(widths), formats)


def in_srgb(image):
    """The upright picture in sRGB, with an alpha channel only if it has transparency."""
    image = ImageOps.exif_transpose(image)
    profile = image.info.get("icc_profile")
    has_alpha = "A" in image.getbands() or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    if profile and image.mode in ("RGB", "RGBA", "CMYK", "L"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            return ImageCms.profileToProfile(image, source_profile, SRGB, outputMode=mode)
        except ImageCms.PyCMSError:
            pass  # A broken profile: the colours are taken as sRGB, as a browser would.
    return image.convert(mode)


def write_derivatives(plan_, folder, encoding):
    """Write every derivative of `plan_` into `folder`."""
    if plan_.source.is_svg:
        (folder / "svg").write_bytes(sanitised(plan_.source.path.read_bytes()))
    else:
        write_rasters(plan_, folder, encoding)


def encode(image, path, image_format, encoding):
    """Save `image` as `image_format` with the encoder options `encoding` gives that format."""
    image.save(path, image_format.upper(), **encoding.get(image_format, {}))


def write_rasters(plan_, folder, encoding):
    with Image.open(plan_.source.path) as opened:
        # JPEG can decode at a fraction of its size: far faster for a 12-megapixel photo.
        opened.draft("RGB", (max(plan_.widths), max(plan_.widths)))
        upright = in_srgb(opened)
    for width in reversed(plan_.widths):
        resized = upright.resize((width, plan_.height_at(width)), Image.Resampling.LANCZOS)
        # No metadata travels: Pillow would otherwise copy EXIF and XMP into WebP and AVIF.
        resized.info = {}
        for image_format in plan_.formats:
            encode(resized, folder / f"{width}.{image_format}", image_format, encoding)


def copy_to_output(plan_, folder, output_folder):
    """Put the derivatives of `plan_`, made into `folder`, in `output_folder` under their names."""
    output_folder.mkdir(parents=True, exist_ok=True)
    for width, image_format, name in plan_.files():
        stored = folder / ("svg" if image_format == "svg" else f"{width}.{image_format}")
        link_or_copy(stored, output_folder / name)
