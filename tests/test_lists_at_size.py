"""At a realistic size, every list the production build makes names every published article
exactly once and nothing unpublished, and the site is the same byte for byte whether one
process writes its pages or several: the sitemap, the search index, the tag, category and
author pages, the archives and the home page, the feeds (up to FEED_MAX_ITEMS), the old
addresses, the share cards and the compressed copies."""

import gzip
import json
import math
import re
from collections import Counter

import pytest
import yaml
from lxml import etree
from pelican.settings import read_settings
from support.builds import SEVERAL_WRITERS, snapshot
from support.pages import parse_html
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.model.slugs import slug_for

SITEURL = "https://www.holisticorientalmedicine.example"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
SETTINGS = read_settings(str(PROJECT_ROOT / "publishconf.py"))


def front_matter(path):
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


@pytest.fixture(scope="module")
def articles(site_at_size):
    """Every generated article's front matter, with its `url` and whether it is `published`."""
    published = set(site_at_size.published)
    found = []
    for path in sorted((site_at_size.content / "articles").glob("*.md")):
        fields = front_matter(path)
        fields["url"] = slug_for(fields["title"], SETTINGS) + "/"
        fields["published"] = int(path.stem.split("-")[1]) in published
        found.append(fields)
    return found


@pytest.fixture(scope="module")
def site(site_at_size):
    """The site as several processes wrote it."""
    return site_at_size.sites[SEVERAL_WRITERS]


def published(articles):
    return [article for article in articles if article["published"]]


def unpublished(articles):
    return [article for article in articles if not article["published"]]


def sitemap_locations(site):
    return [loc.text for loc in etree.parse(str(site / "sitemap.xml")).iter(f"{SITEMAP}loc")]


def links_in_lists(site, folder):
    """How many times each article is linked from the cards of the list at `folder` and its
    later pages (`page/2/`, …)."""
    counts = Counter()
    pages = [site / folder / "index.html", *sorted((site / folder / "page").glob("*/index.html"))]
    for page in pages:
        for link in parse_html(page).css(".card__title a"):
            counts[link.attributes["href"].removeprefix(SITEURL + "/")] += 1
    return counts


def test_the_site_has_the_size_and_variety_of_a_real_one(articles, site_at_size):
    kinds = Counter(article.get("status", "scheduled" if article["date"].year > 2900 else "published")
                    for article in articles)
    assert kinds["published"] == len(site_at_size.published) >= 200
    assert kinds["draft"] and kinds["hidden"] and kinds["scheduled"]
    assert len({article["author"] for article in articles}) > 3
    assert len({article["category"] for article in articles}) > 3
    assert any("image" in article for article in articles)
    assert any("redirect_from" in article for article in articles)


def test_a_site_written_by_several_processes_is_the_site_one_process_writes(site_at_size):
    one, several = site_at_size.sites[1], site_at_size.sites[SEVERAL_WRITERS]
    assert snapshot(one) == snapshot(several)


def test_the_sitemap_lists_every_published_article_and_page_once_with_its_last_change(site, articles):
    locations = sitemap_locations(site)
    assert len(locations) == len(set(locations)), "an address is listed twice"
    listed = Counter(locations)
    for article in published(articles):
        assert listed[f"{SITEURL}/{article['url']}"] == 1, article["title"]
    for page in ("first-visit/", "prices/", "", "archives/", "tags/", "tag/stress/", "category/wellbeing/",
                 "author/mei-lin/"):
        assert listed[f"{SITEURL}/{page}"] == 1, page
    document = etree.parse(str(site / "sitemap.xml"))
    lastmod = {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
               for url in document.iter(f"{SITEMAP}url")}
    for article in published(articles):
        changed = article.get("modified") or article["date"]
        assert lastmod[f"{SITEURL}/{article['url']}"].startswith(changed.isoformat()), article["title"]
    newest = max(article.get("modified") or article["date"] for article in published(articles))
    assert lastmod[f"{SITEURL}/"].startswith(newest.isoformat())


def test_every_address_in_the_sitemap_is_a_page_of_the_site(site):
    for location in sitemap_locations(site):
        assert location.startswith(SITEURL + "/")
        page = site / location.removeprefix(SITEURL + "/") / "index.html"
        assert page.is_file(), location
        assert 'http-equiv="refresh"' not in page.read_text(encoding="utf-8"), location
    assert not [loc for loc in sitemap_locations(site) if "/page/" in loc or "/post/" in loc]


def search_index(site):
    """The address of each page Pagefind indexed."""
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = sorted((site / "pagefind/fragment").glob("*.pf_fragment"))
    assert sum(language["page_count"] for language in entry["languages"].values()) == len(fragments)
    return [json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
            for fragment in fragments]


def test_the_search_index_holds_every_published_article_and_page_once_and_nothing_else(site, articles):
    indexed = search_index(site)
    expected = ["/" + article["url"] for article in published(articles)] + ["/first-visit/", "/prices/"]
    assert sorted(indexed) == sorted(expected)


@pytest.mark.parametrize("field, folder", [("tags", "tag"), ("category", "category"), ("author", "author")])
def test_every_published_article_is_once_on_each_of_its_tag_category_and_author_pages(site, articles, field, folder):
    settings_kind = {"tag": "TAG", "category": "CATEGORY", "author": "AUTHOR"}[folder]
    terms = {}
    for article in published(articles):
        names = [name.strip() for name in article[field].split(",")] if field == "tags" else [article[field]]
        for name in names:
            terms.setdefault(slug_for(name, SETTINGS, settings_kind), []).append(article["url"])
    assert sorted(path.name for path in (site / folder).iterdir() if path.is_dir()) == sorted(terms)
    for slug, urls in terms.items():
        assert links_in_lists(site, f"{folder}/{slug}") == Counter(urls), f"{folder}/{slug}/"
        later_pages = len(list((site / folder / slug / "page").glob("*/index.html"))) if (
            site / folder / slug / "page").is_dir() else 0
        assert later_pages + 1 == math.ceil(len(urls) / SETTINGS["DEFAULT_PAGINATION"])


def test_the_home_page_and_the_archives_list_every_published_article_once(site, articles):
    expected = Counter(article["url"] for article in published(articles))
    assert links_in_lists(site, ".") == expected
    archive_links = Counter(
        link.attributes["href"].removeprefix(SITEURL + "/")
        for link in parse_html(site / "archives/index.html").css(".archive-list a")
    )
    assert archive_links == expected


def feed_links(feed):
    document = etree.parse(str(feed))
    if document.getroot().tag == f"{ATOM}feed":
        return [entry.find(f"{ATOM}link").get("href") for entry in document.iter(f"{ATOM}entry")]
    return [item.findtext("link") for item in document.iter("item")]


def newest_first(articles):
    return sorted(articles, key=lambda article: article["date"], reverse=True)


def test_the_feeds_carry_the_newest_published_articles_up_to_their_limit(site, articles):
    limit = SETTINGS["FEED_MAX_ITEMS"]
    newest = [f"{SITEURL}/{article['url']}" for article in newest_first(published(articles))][:limit]
    for feed in ("feeds/all.atom.xml", "feeds/all.rss.xml"):
        assert sorted(feed_links(site / feed)) == sorted(newest), feed
    for article in published(articles)[:3]:
        category = slug_for(article["category"], SETTINGS, "CATEGORY")
        in_category = [a for a in published(articles) if a["category"] == article["category"]]
        expected = [f"{SITEURL}/{a['url']}" for a in newest_first(in_category)][:limit]
        assert sorted(feed_links(site / f"feeds/category/{category}.atom.xml")) == sorted(expected)
    for tag_feed in sorted((site / "feeds/tag").glob("*.atom.xml")):
        links = feed_links(tag_feed)
        assert len(links) == len(set(links)) and links, tag_feed.name


def text_files(site):
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".txt", ".json", ".map", ""}:
            yield path, path.read_text(encoding="utf-8", errors="replace")
    for fragment in sorted(site.glob("pagefind/fragment/*.pf_fragment")):
        yield fragment, gzip.decompress(fragment.read_bytes()).decode("utf-8", errors="replace")


def test_nothing_unpublished_appears_anywhere(site, articles):
    hidden = unpublished(articles)
    slugs = [article["url"].rstrip("/") for article in hidden]
    assert not [path for path in site.rglob("*") if any(slug in path.as_posix() for slug in slugs)]
    titles = re.compile("|".join(re.escape(article["title"].split(":")[0] + ":") for article in hidden))
    old = [article["redirect_from"] for article in hidden if "redirect_from" in article]
    assert old, "some unpublished article has an old address"
    old_addresses = re.compile("|".join(re.escape(address) + "(?![0-9])" for address in old))
    for path, text in text_files(site):
        assert not titles.search(text), path
        assert not old_addresses.search(text), path
    assert "thank-you" not in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert (site / "thank-you/index.html").is_file(), "a hidden page is written, listed nowhere"


def test_every_old_address_of_a_published_article_leads_to_it(site, articles):
    redirects = (site / "_redirects").read_text(encoding="utf-8")
    nginx_map = (site / "_redirects.map").read_text(encoding="utf-8")
    moved = [article for article in published(articles) if "redirect_from" in article]
    assert len(moved) > 20
    for article in moved:
        old, new = article["redirect_from"], "/" + article["url"]
        assert re.search(rf"^{re.escape(old)}/?\s+{re.escape(new)}\s+301", redirects, re.M), old
        assert old in nginx_map and new in nginx_map, old
        page = parse_html(site / old.lstrip("/") / "index.html")
        assert page.css_first('link[rel="canonical"]').attributes["href"] == f"{SITEURL}{new}"


def test_every_published_article_shares_a_card_or_its_photo_of_its_own(site, articles):
    cards = []
    for article in published(articles):
        image = parse_html(site / article["url"] / "index.html").css_first('meta[property="og:image"]')
        shared = site / image.attributes["content"].removeprefix(SITEURL + "/")
        assert shared.is_file(), article["title"]
        if "image" not in article:
            cards.append(shared)
    assert len(set(cards)) == len(cards)
    assert sorted(set(cards)) == sorted(
        path for path in (site / SETTINGS["SOCIAL_CARDS_DIR"]).glob("*.png") if path.name != "site.png"
    )


def test_every_text_file_has_its_compressed_copies(site):
    extensions = SETTINGS["PRECOMPRESS_TEXT_EXTENSIONS"]
    texts = [path for path in site.rglob("*") if path.suffix in extensions and path.stat().st_size > 1024]
    assert len(texts) > 400
    for path in texts:
        for copy in (path.with_name(path.name + ".br"), path.with_name(path.name + ".gz")):
            assert copy.is_file(), copy

