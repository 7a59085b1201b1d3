"""A production build for any domain or sub-path is correct everywhere: every absolute address
in page heads, JSON-LD, feeds, the sitemap, robots.txt and the search page starts with SITEURL
and names a file the build wrote."""

import json
from urllib.parse import urlsplit

import pytest
from lxml import etree
from support.builds import SUBPATH_SITEURL
from support.pages import parse_html

DEFAULT_SITEURL = "https://www.holisticorientalmedicine.example"
ATOM_LINK = "{http://www.w3.org/2005/Atom}link"
SITEMAP_LOC = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"


def json_ld_urls(value):
    """Every URL-valued string in a JSON-LD structure but the sources an article cites, which
    are other sites' addresses."""
    if isinstance(value, dict):
        return [
            url for key, item in value.items() if key != "citation" for url in json_ld_urls(item)
        ]
    if isinstance(value, list):
        return [url for item in value for url in json_ld_urls(item)]
    return [value] if isinstance(value, str) and value.startswith("http") else []


def head_urls(page):
    tree = parse_html(page)
    # data: addresses (the inline site icon) carry their content and name no file.
    urls = [
        link.attributes["href"]
        for link in tree.css("head link[href]")
        if not link.attributes["href"].startswith("data:")
    ]
    urls += [script.attributes["src"] for script in tree.css("script[src]")]
    urls += [
        meta.attributes["content"]
        for meta in tree.css("head meta[content]")
        if meta.attributes["content"].startswith("http")
    ]
    for block in tree.css('script[type="application/ld+json"]'):
        urls += [url for url in json_ld_urls(json.loads(block.text())) if "schema.org" not in url]
    search = tree.css_first("#search")
    if search is not None:
        # The search script loads the index's entry point from the bundle folder.
        urls += [search.attributes["data-bundle-path"] + "pagefind.js"]
        urls += [search.attributes["data-base-url"]]
    return urls


def every_url(site):
    urls = []
    for page in site.rglob("*.html"):
        urls += head_urls(page)
    for feed in site.glob("feeds/**/*.xml"):
        document = etree.parse(str(feed))
        urls += [link.get("href") for link in document.iter(ATOM_LINK)]
        urls += [link.text for link in document.iter("link")]
    urls += [loc.text for loc in etree.parse(str(site / "sitemap.xml")).iter(SITEMAP_LOC)]
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    urls += [line.split(": ", 1)[1] for line in robots.splitlines() if line.startswith("Sitemap:")]
    return urls


def local_file(site, siteurl, url):
    path = urlsplit(url).path.removeprefix(urlsplit(siteurl).path).lstrip("/")
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


@pytest.fixture(params=["root domain", "sub-path"])
def site_and_url(request, published_site, subpath_site):
    if request.param == "root domain":
        return published_site, DEFAULT_SITEURL
    return subpath_site, SUBPATH_SITEURL


def test_every_absolute_url_is_under_siteurl_and_names_a_built_file(site_and_url):
    site, siteurl = site_and_url
    urls = every_url(site)
    assert len(urls) > 100
    assert [url for url in urls if not url.startswith(siteurl + "/")] == []
    missing = {url for url in urls if not local_file(site, siteurl, url).exists()}
    assert missing == set()


def test_the_sub_path_build_names_the_sub_path_in_pages_feeds_and_sitemap(subpath_site):
    home = parse_html(subpath_site / "index.html")
    assert home.css_first('link[rel="canonical"]').attributes["href"] == SUBPATH_SITEURL + "/"
    sitemap = (subpath_site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<loc>{SUBPATH_SITEURL}/</loc>" in sitemap
    robots = (subpath_site / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SUBPATH_SITEURL}/sitemap.xml" in robots.splitlines()
    search = parse_html(subpath_site / "search/index.html").css_first("#search")
    assert search.attributes["data-base-url"] == SUBPATH_SITEURL + "/"
