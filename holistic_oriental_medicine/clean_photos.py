"""Removes from photos the metadata that can tell where they were taken or with what device
(GPS position, camera and lens serial numbers, maker notes, owner names, XMP and IPTC: all of
it), before they reach git: the pre-commit hook runs it on the pictures a commit adds to
content/images/. Only the metadata is rewritten (exiv2, through pyexiv2), never the pixels; the
orientation tag stays, since the build turns photos upright by it.

    .venv/bin/python holistic_oriental_medicine/clean_photos.py content/images/photo.jpg ...

Prints each photo it cleaned and exits with status 1 if it cleaned any, so that the commit
stops once and the editor adds the cleaned photos (`git add`) and commits again.
"""

import sys
from pathlib import Path

import pyexiv2

# The one EXIF tag the site needs: how to turn the photo upright.
KEPT_EXIF = ("Exif.Image.Orientation",)
# Formats whose metadata exiv2 rewrites in place.
CLEANED_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".heic", ".heif", ".avif", ".tif", ".tiff"}


def needs_cleaning(image):
    return bool(set(image.read_exif()) - set(KEPT_EXIF) or image.read_xmp() or image.read_iptc())


def clean_photo(path):
    """Remove the metadata of one photo; True if there was any to remove."""
    with pyexiv2.Image(str(path)) as image:
        if not needs_cleaning(image):
            return False
        kept = {key: value for key, value in image.read_exif().items() if key in KEPT_EXIF}
        image.clear_exif()
        image.clear_xmp()
        image.clear_iptc()
        if kept:
            image.modify_exif(kept)
    return True


def main(paths):
    cleaned = []
    for path in map(Path, paths):
        if path.suffix.lower() not in CLEANED_SUFFIXES or not path.is_file():
            continue
        try:
            if clean_photo(path):
                cleaned.append(path)
        except RuntimeError as error:  # exiv2 cannot read the file: the build names the problem
            sys.stderr.write(f"{path}: could not read its metadata ({error}); it was left as it is.\n")
    for path in cleaned:
        sys.stderr.write(f"{path}: removed its metadata (GPS position, camera serial number…).\n")
    if cleaned:
        sys.stderr.write("Add the cleaned photos (git add content/images/) and commit again.\n")
    return 1 if cleaned else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
