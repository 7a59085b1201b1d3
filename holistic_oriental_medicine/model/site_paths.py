"""Old addresses of the site (`redirect_from`): what may be one, and the forms hosts read.

An old address is written into `_redirects`, into nginx's configuration and onto the disk (the
page that redirects from it), so it may hold nothing any of them reads as syntax: only letters
(of any script), digits and `- . _ ~ + , = @` between its slashes, written as they are or
percent-encoded, as an old link has them. Everything else (spaces, quotes, semicolons, braces,
`$`, `:`, `*`, `?`, `#`, backslashes, line breaks) is refused, and so is a host name.
"""

import re
import tomllib
from pathlib import Path
from urllib.parse import quote, unquote

SEGMENT = re.compile(r"[\w\-.~+,=@]+")
SITE_PATH = re.compile(rf"(?:/{SEGMENT.pattern})+/?")
# A percent sign starts a percent-encoded byte: two hex digits.
LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
# In bytes of UTF-8: nginx keeps each old address in a hash bucket of MAP_BUCKET_BYTES.
MAX_PATH_LENGTH = 400
MAP_BUCKET_BYTES = 512
NAMES = {
    "\n": "a line break", "\r": "a line break", "\t": "a tab", " ": "a space",
    '"': "a double quote", "'": "a quote", ";": "a semicolon", "{": "a brace", "}": "a brace",
}
EXAMPLE = "/post/old-article-name"


def decoded_path(value):
    """The path as a server compares it, percent-encoding decoded; ValueError if it is not a
    safe path of this site. The message says what is wrong and how to fix it."""
    if not isinstance(value, str):
        raise ValueError(f'"{value}" is not an address. Write the old address, e.g. {EXAMPLE}.')
    if "://" in value or value.startswith("//") or not value.startswith("/"):
        raise ValueError(
            f'"{value}" is not an address on this site. Write only its path, starting with /, '
            f"without https:// or a host name, e.g. {EXAMPLE}."
        )
    if LONE_PERCENT.search(value):
        raise ValueError(f'"{value}" has a % that is not followed by two hex digits. Write it as the old link has it.')
    try:
        path = unquote(value, errors="strict")
    except UnicodeDecodeError:
        raise ValueError(f'"{value}" has percent-encoded bytes that are not UTF-8 text. Copy the old link again.') from None
    if path == "/":
        raise ValueError('"/" is the home page\'s address. Write the old address of this article instead.')
    if len(path.encode("utf-8")) > MAX_PATH_LENGTH:
        raise ValueError(f'"{value}" is too long: an old address may have at most {MAX_PATH_LENGTH} '
                         "bytes (a letter outside a-z takes two or more).")
    if not SITE_PATH.fullmatch(path):
        raise ValueError(_what_is_wrong(value, path))
    if any(segment in (".", "..") for segment in path.split("/")):
        raise ValueError(f'"{value}" has a "." or ".." folder. Write the address without them.')
    return path


def _what_is_wrong(value, path):
    bad = next((char for char in path if not SEGMENT.fullmatch(char) and char != "/"), None)
    if bad is None:
        return f'"{value}" has two slashes in a row. Write one slash between the parts of the address.'
    shown = NAMES.get(bad, f'"{bad}"')
    return (
        f'"{value}" has {shown} in it, which no address of this site may hold. Use only letters, '
        f"digits and - . _ ~ + , = @ between the slashes, e.g. {EXAMPLE}."
    )


def old_addresses_of(content):
    """The `redirect_from` of an article or page as written: one address or a list."""
    values = content.metadata.get("redirect_from") or []
    return values if isinstance(values, list) else [values]


def same_address(path):
    """The form two addresses are compared in: decoded, without a trailing slash."""
    return path.rstrip("/") or "/"


def one_spelling(path):
    """The form in which every spelling of one address that servers answer alike is compared:
    percent-encoding decoded, without a final `index.html` or slash, in small letters
    (`/About/index.html`, `/about/` and `/%61bout` are one page, `/index.html` is the home
    page; Netlify matches addresses whatever their capitals)."""
    path = unquote(path).casefold()
    if path.endswith("/index.html"):
        path = path.removesuffix("index.html")
    return path.rstrip("/") or "/"


def encoded_path(path):
    """The decoded `path` percent-encoded, as browsers send it and `_redirects` matches it."""
    return quote(path, safe="/-._~+,=@")


# Old addresses that are not an article's (a blog's list, category and tag pages on Wix), each
# with the address on this site it leads to: a TOML table in the content folder.
REDIRECTS_FILE = "redirects.toml"


def listed_redirects(content_root):
    """{old address: new address} of the content folder's redirects file (none without one);
    ValueError with an editor's message if it does not parse."""
    path = Path(content_root, REDIRECTS_FILE)
    if not path.is_file():
        return {}
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ValueError(f"is not valid TOML ({error}). Write one line per old address: "
                         '"/old/address" = "/new/address/"') from None
    return table
