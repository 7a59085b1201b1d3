"""Checks of the values `clinic.toml` and the settings put into every page, the host
configuration and the deploy commands: a web address must be an https address of a real host
name, a name one line of plain text. A value that could break out of where it is written (a line
break into `deploy/nginx.conf`, `javascript:` into every page's booking link) is refused before
anything is built."""

import re
from urllib.parse import urlsplit

from .problems import build
from .source_text import NOT_TEXT

# A DNS host name: dot-separated labels of letters, digits and inner hyphens.
HOST_NAME = re.compile(
    r"(?=.{1,253}\Z)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\Z",
    re.IGNORECASE,
)
# Addresses a test or preview serves from this machine, which need no certificate.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}
# The clinic's name is a heading, a page title and part of every share card.
MAX_NAME_LENGTH = 80


def web_address_problem(url):
    """What is wrong with `url` as the address of a public web page, or None."""
    if not isinstance(url, str) or NOT_TEXT.search(url) or any(c.isspace() for c in url):
        return f'"{url}" is not a web address (it has spaces, line breaks or other characters).'
    try:
        parts = urlsplit(url)
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if parts.scheme not in ("https", "http") or not host:
        return f'"{url}" is not a web address. Write it in full, starting with https://.'
    if parts.scheme == "http" and host not in LOOPBACK_HOSTS:
        return f'"{url}" is not an https address. Write it with https://, as browsers warn about http.'
    if not HOST_NAME.fullmatch(host) or parts.username or parts.password or port == 0:
        return f'"{url}" does not name a host (such as www.example.org). Check the address.'
    if any(c in url for c in "\"'<>\\`;$"):
        return f'"{url}" has quotes, <, >, \\, `, ; or $ in it, which a web address does not need.'
    return None


def text_values(value, field=""):
    """(field, text) of every text in a clinic.toml table, with dotted field names."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from text_values(item, f"{field}.{key}" if field else key)
    elif isinstance(value, list):
        for item in value:
            yield from text_values(item, field)
    elif isinstance(value, str):
        yield field, value


def check_site_values(settings):
    """The clinic's facts, its name and links above all, and the public address of the site
    (SITEURL)."""
    clinic_file = f"{settings['PROJECT_ROOT']}/clinic.toml"
    clinic = settings.get("CLINIC", {})
    for field, text in text_values(clinic):
        not_text = NOT_TEXT.search(text)
        if not_text:
            build.record(clinic_file, field, "has an invisible character "
                         f"(U+{ord(not_text[0]):04X}) that is not text, which would break pages "
                         "and feeds. Delete it.", settings)
    name = clinic.get("name", "")
    if "\n" in name or "\t" in name or not name.strip():
        build.record(clinic_file, "name", "must be one line of plain text, e.g. "
                     'name = "Holistic Oriental Medicine".', settings)
    elif len(name) > MAX_NAME_LENGTH:
        build.record(clinic_file, "name", f"is {len(name)} characters long; at most "
                     f"{MAX_NAME_LENGTH} fit in headings and share cards. Shorten it.", settings)
    links = {
        "booking_url": clinic.get("booking_url"),
        "address.map_url": clinic.get("address", {}).get("map_url"),
    }
    for field, url in links.items():
        problem = web_address_problem(url)
        if problem:
            build.record(clinic_file, field, f"{problem} Readers follow it from the site's pages.",
                         settings)
    if settings.get("SITEURL"):
        problem = web_address_problem(settings["SITEURL"])
        if problem:
            build.record(f"{settings['PROJECT_ROOT']}/publishconf.py", "SITEURL",
                         f"{problem} Set SITEURL to the site's public address.", settings)
