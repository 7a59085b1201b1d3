"""The build checks its own lists: once the pages are written and indexed, `sitemap.xml` and the
search index (Pagefind's, in `pagefind/`) must each name every published article and page
exactly once, and nothing that is not a page of this build. Otherwise the build stops with one
message naming what is missing and what is extra, and nothing is published.

Both lists are made from the build's own data and pages, whatever the number of processes that
wrote them; this is the guard that a change to the theme, a plugin or the way pages are written
cannot quietly hide articles from search engines or from the site's search again. An address in
the sitemap must be a page written by this build (not a redirect page of an old address); the
sitemap's lists (tags, categories, authors) are checked that way, and its articles and pages
against the build's. It runs on the `optimize` signal of pelican-granular-signals: after the
search index (`sitemap`), before the compressed copies (`compress`), when CHECK_COMPLETE_LISTS
is on (production's settings).
"""

import gzip
import json
from collections import Counter
from pathlib import Path

import blinker
from lxml import etree
from pelican import signals
from pelican.plugins import granular_signals

from holistic_oriental_medicine.plugins.search_index import INDEX_FOLDER

SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
# What Pagefind puts before the JSON of each page it indexed (in a gzipped fragment file).
FRAGMENT_SIGNATURE = b"pagefind_dcd"
# Addresses named in the message, of each kind; the rest are counted.
NAMED = 5

_build = {}


class ListsIncomplete(SystemExit):
    """The sitemap or the search index does not list exactly the published pages."""


def remember_contents(generators):
    if generators[0].settings.get("CHECK_COMPLETE_LISTS", True):
        _build["context"] = generators[0].context


def published_addresses(context):
    """The site-relative address of each published article and page, e.g. `a-post/`."""
    return [content.url for content in [*context.get("articles", []), *context.get("pages", [])]]


def page_file(site, address):
    """The file a site-relative address serves: a folder's index.html."""
    path = site / address
    return path / "index.html" if address == "" or address.endswith("/") else path


def is_written_page(site, address):
    path = page_file(site, address)
    return path.is_file() and b'http-equiv="refresh"' not in path.read_bytes()


def sitemap_addresses(sitemap, siteurl):
    """The site-relative address of each <loc> of the sitemap, in order; one outside the site
    is kept whole, to be named as extra."""
    locations = [loc.text or "" for loc in etree.parse(str(sitemap)).iter(SITEMAP_LOC)]
    prefix = siteurl + "/"
    return [loc.removeprefix(prefix) if loc.startswith(prefix) else loc for loc in locations]


def search_index_addresses(index):
    """The site-relative address of each page in Pagefind's index, from its fragment files."""
    addresses = []
    for fragment in sorted((index / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(fragment.read_bytes()).removeprefix(FRAGMENT_SIGNATURE)
        addresses.append(json.loads(data)["url"].lstrip("/"))
    return addresses


def differences(listed, published, is_page):
    """(missing, extra) of a list of addresses against the published ones: each published
    address not listed exactly once is missing (or extra, if listed twice); a listed address
    that is not a published one nor a page `is_page` accepts is extra."""
    counts = Counter(listed)
    missing = sorted(address for address in published if counts[address] == 0)
    extra = sorted(address for address, count in counts.items()
                   if count > 1 or (address not in published and not is_page(address)))
    return missing, extra


def described(name, missing, extra):
    parts = []
    for kind, addresses in (("missing from", missing), ("extra in", extra)):
        if addresses:
            named = ", ".join(f"/{address}" for address in addresses[:NAMED])
            more = f" and {len(addresses) - NAMED} more" if len(addresses) > NAMED else ""
            parts.append(f"{len(addresses)} {kind} {name} ({named}{more})")
    return parts


def check_lists(pelican):
    context = _build.pop("context", None)
    if context is None:
        return
    site = Path(pelican.output_path)
    published = set(published_addresses(context))
    problems = []
    sitemap_as = pelican.settings.get("SITEMAP_SAVE_AS")
    if sitemap_as and "sitemap" in pelican.settings["DIRECT_TEMPLATES"]:
        listed = sitemap_addresses(site / sitemap_as, pelican.settings["SITEURL"])
        problems += described(sitemap_as, *differences(listed, published, lambda a: is_written_page(site, a)))
    index = site / INDEX_FOLDER
    if index.is_dir():
        listed = search_index_addresses(index)
        problems += described("the search index", *differences(listed, published, lambda a: False))
    if problems:
        raise ListsIncomplete(
            f"The build's lists do not name exactly the {len(published):,} published articles and "
            f"pages: {'; '.join(problems)}. Nothing was published. This is a fault of the build "
            "(the theme, a plugin or the settings), not of the content: report it with this message."
        )


def register():
    granular_signals.register()
    signals.all_generators_finalized.connect(remember_contents)
    blinker.signal("optimize").connect(check_lists)
