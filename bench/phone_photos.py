"""Photos as a phone takes them, made at test time: 4,032x3,024 JPEGs with a camera's EXIF
(GPS position, camera serial number) and an orientation tag that turns them upright; and an
article that shows three of them, as the tests and `bench/lighthouse.py --photos` measure it."""

import io
import struct

from PIL import Image, ImageDraw, ImageFilter

PHONE_SIZE = (4032, 3024)
ORIENTATION = 0x0112
GPS_IFD = 0x8825
BODY_SERIAL_NUMBER = 0xA431
EXIF_IFD = 0x8769
# Orientation 6: the camera was held upright; the stored pixels are turned a quarter to the left.
ROTATED_RIGHT = 6


def scene(size, seed):
    """A photo-like picture: soft light, shapes and sensor noise (noise makes files as heavy
    as real photos; flat colours would flatter every encoder)."""
    width, height = size
    picture = Image.linear_gradient("L").resize(size).convert("RGB")
    tint = Image.new("RGB", size, ((seed * 70) % 200 + 40, 120, (seed * 40) % 160 + 60))
    picture = Image.blend(picture, tint, 0.6)
    draw = ImageDraw.Draw(picture)
    for number in range(12):
        left = (seed * 997 + number * 613) % width
        top = (seed * 379 + number * 271) % height
        radius = width // 12 + (number * 53) % (width // 8)
        colour = ((number * 40 + seed * 13) % 256, (number * 90) % 256, (200 - number * 15) % 256)
        draw.ellipse((left - radius, top - radius, left + radius, top + radius), fill=colour)
    picture = picture.filter(ImageFilter.GaussianBlur(width // 400))
    noise = Image.effect_noise(size, 48).convert("RGB")
    return Image.blend(picture, noise, 0.2)


def camera_exif(orientation):
    exif = Image.Exif()
    exif[ORIENTATION] = orientation
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone 15"
    exif.get_ifd(EXIF_IFD)[BODY_SERIAL_NUMBER] = "SERIAL-12345"
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (45.0, 31.0, 12.5), 3: "W", 4: (122.0, 40.0, 30.0)})
    return exif


def phone_photo_bytes(seed=1, size=PHONE_SIZE, orientation=ROTATED_RIGHT):
    """JPEG bytes of a phone photo stored sideways (`size` as stored) with its EXIF."""
    buffer = io.BytesIO()
    scene(size, seed).save(buffer, "JPEG", quality=92, exif=camera_exif(orientation))
    return buffer.getvalue()


def write_phone_photo(path, seed=1, size=PHONE_SIZE, orientation=ROTATED_RIGHT):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(phone_photo_bytes(seed, size, orientation))
    return path


# Its address on the site.
PHOTO_ARTICLE = "inside-the-treatment-room/"
ARTICLE = """\
---
title: Inside the Treatment Room
date: 2025-03-10
author: Holistic Oriental Medicine
category: About the Clinic
tags: acupuncture
summary: What you will see on your first visit, from the waiting room to the treatment table.
image: images/treatment-room.jpg
image_alt: A calm treatment room with a padded table under soft light
---

Your first visit starts with a conversation about your health, your sleep and your diet.

## The treatment table

The table is padded and warm, and you rest on it for the whole treatment, usually about
thirty minutes. Most people feel heavy and relaxed within a few minutes.

![Fine sterile needles laid out on a steel tray](images/needles.jpg)

## Needles

Every needle is sterile, comes in its own packet and is used once. They are much finer than
the needles used for injections, and most people barely feel them.

![A practitioner placing needles along the lower back](images/practitioner.jpg)

Call us with any question before your first visit.
"""


# iPhones save photos in Display P3, a wider gamut than the sRGB browsers assume: a small ICC
# profile with its primaries (adapted to D50, as ICC wants) and a 2.2 gamma stands in for theirs.
def s15(value):
    return struct.pack(">i", round(value * 65536))

def xyz_tag(x, y, z):
    return b"XYZ " + b"\0" * 4 + s15(x) + s15(y) + s15(z)

def wide_gamut_profile():
    """The bytes of an ICC display profile with Display P3's primaries and a 2.2 gamma."""
    curve = b"curv" + b"\0" * 4 + struct.pack(">I", 1) + struct.pack(">H", int(2.2 * 256)) + b"\0\0"
    text = b"Display P3 test"
    desc = b"desc" + b"\0" * 4 + struct.pack(">I", len(text) + 1) + text + b"\0" + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    desc += b"\0" * (-len(desc) % 4)
    tags = [
        (b"desc", desc),
        (b"wtpt", xyz_tag(0.9642, 1.0, 0.8249)),
        (b"rXYZ", xyz_tag(0.5151, 0.2412, -0.0011)),
        (b"gXYZ", xyz_tag(0.2920, 0.6922, 0.0419)),
        (b"bXYZ", xyz_tag(0.1571, 0.0666, 0.7841)),
        (b"rTRC", curve), (b"gTRC", curve), (b"bTRC", curve),
        (b"cprt", b"text" + b"\0" * 4 + b"none\0\0\0\0"),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = offset + len(data)
    header = (struct.pack(">I", size) + b"\0" * 4 + struct.pack(">I", 0x02100000) + b"mntrRGB XYZ "
              + b"\0" * 12 + b"acsp" + b"\0" * 24 + b"\0" * 4 + s15(0.9642) + s15(1.0) + s15(0.8249)
              + b"\0" * 4 + b"\0" * 44)
    assert len(header) == 128, len(header)
    return header + table + data


def write_photo_article(content):
    """Add the photo article to the content folder: a featured photo in content/images/, one
    photo beside the article and one in content/images/."""
    (content / "articles/inside-the-treatment-room.md").write_text(ARTICLE, encoding="utf-8")
    write_phone_photo(content / "images/treatment-room.jpg", seed=1)
    write_phone_photo(content / "articles/images/needles.jpg", seed=2, orientation=1)
    write_phone_photo(content / "images/practitioner.jpg", seed=3)
    return PHOTO_ARTICLE
