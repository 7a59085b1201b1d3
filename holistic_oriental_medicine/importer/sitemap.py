"""Every post of a Wix blog, from the site's sitemaps.

Wix's `/sitemap.xml` is an index (`generatedBy="WIX"`) of other sitemaps, one of them
`blog-posts-sitemap.xml`, which lists every published post with its address, the date of its
last change and its cover picture; a large blog's is split in pages, each listed in the index
(`blog-posts-sitemap.xml?page=2`, ...). The blog feed lists at most 20 posts: only the
sitemaps have them all.
"""

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from . import ImportFailed
from .fetch import NotFound
from .safe_xml import parse_xml

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
POSTS_SITEMAP = "blog-posts-sitemap.xml"


@dataclass
class ListedPost:
    """A post as the sitemap lists it."""

    url: str
    last_changed: date | None
    cover: str | None


def posts_sitemap_addresses(site):
    """The addresses of the posts sitemap's pages, from the index; ImportFailed if this is no
    Wix site."""
    where = site.url("/sitemap.xml")
    try:
        index = parse_xml(site.get("/sitemap.xml"), where)
    except NotFound:
        raise ImportFailed(f"{where}: not found. This does not look like a Wix site: give the "
                           "address of the site's home page.") from None
    if index.tag != f"{SITEMAP}sitemapindex" or index.get("generatedBy") != "WIX":
        raise ImportFailed(f'{where}: is not a sitemap index written by Wix (no generatedBy="WIX"). '
                           "Give the address of a Wix site.")
    addresses = [location.text.strip() for location in index.iter(f"{SITEMAP}loc")
                 if urlsplit((location.text or "").strip()).path.endswith(POSTS_SITEMAP)]
    if addresses:
        return list(dict.fromkeys(addresses))
    raise ImportFailed(f"{where}: lists no {POSTS_SITEMAP}: the site has no published blog posts.")


def listed_posts(site):
    """Every published post in the posts sitemap's pages, in their order, each once."""
    posts = {}
    for address in posts_sitemap_addresses(site):
        try:
            urlset = parse_xml(site.get(address), address)
        except NotFound:
            raise ImportFailed(f"{address}: not found, though the sitemap index lists it. Try again later.") from None
        for entry in urlset.iter(f"{SITEMAP}url"):
            location = (entry.findtext(f"{SITEMAP}loc") or "").strip()
            if location and location not in posts:
                posts[location] = ListedPost(location, _date(entry.findtext(f"{SITEMAP}lastmod")),
                                             (entry.findtext(f"{IMAGE}image/{IMAGE}loc") or "").strip() or None)
    return list(posts.values())


def _date(text):
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None
