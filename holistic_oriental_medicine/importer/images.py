"""Wix pictures: every one lives at static.wixstatic.com/media/<id>; pages and feeds show
resized copies (`/media/<id>/v1/fit/w_1000,.../name.png`), whose original is the address
without the `/v1/...` part. Each is saved once, at its original size, under its own name."""

import re
from urllib.parse import unquote, urlsplit, urlunsplit

WIX_MEDIA = "https://static.wixstatic.com/media/"
RESIZED = re.compile(r"(/media/[^/]+)/v1/.*$")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def original_address(url):
    """The address of the original picture behind a (resized) Wix media address."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme or "https", parts.netloc, RESIZED.sub(r"\1", parts.path), "", ""))


def media_address(media_id, media_base=WIX_MEDIA):
    """The address of a picture the rich content names by its id."""
    return media_base.rstrip("/") + "/" + media_id


def file_name(url):
    """A plain file name for a picture, from its Wix id: `11062b_abc~mv2.jpg` -> `11062b_abc-mv2.jpg`."""
    name = unquote(urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1])
    return SAFE_NAME.sub("-", name).strip("-.") or "picture"
