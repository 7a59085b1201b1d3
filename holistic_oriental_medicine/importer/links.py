"""Which link addresses a post may keep. Wix lets an editor type anything into a link, so a
real post can hold words and an address in one `href`; such a link is kept as its text."""

import re
from urllib.parse import urlsplit

# No spaces, quotes, angle brackets or other characters an address never holds unencoded.
ADDRESS_CHARACTERS = re.compile(r"[^\s<>\"'{}|\\^`]+")
SCHEMES_WITH_HOST = ("http", "https")
SCHEMES_WITHOUT_HOST = ("mailto", "tel")


def well_formed(url):
    """`url` as a Markdown link may hold it (brackets encoded), or None if it is no address:
    a web address with a host name, a mail or phone link, a path or a fragment of a page."""
    if not url or not ADDRESS_CHARACTERS.fullmatch(url):
        return None
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port that is not a number raises ValueError)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in SCHEMES_WITH_HOST:
        host = parts.hostname or ""
        if not ("." in host.strip(".") or host == "localhost" or ":" in host):
            return None
    elif scheme in SCHEMES_WITHOUT_HOST:
        if not parts.path:
            return None
    elif scheme:
        return None  # javascript:, data: and the like are no place to send a reader
    return url.replace("(", "%28").replace(")", "%29")
