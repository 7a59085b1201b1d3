"""sitemap.xml lists every public page with its last change, and robots.txt points to it."""

from datetime import date

from lxml import etree
from support.builds import publish_content
from support.pages import SEED_ARTICLE_URL
from support.project import PROJECT_ROOT

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEURL = "https://www.holisticorientalmedicine.example"
SITEMAP_SCHEMA = etree.XMLSchema(etree.parse(str(PROJECT_ROOT / "tests/schemas/sitemap.xsd")))


def sitemap_entries(site):
    """{url: lastmod} of the site's sitemap, after checking it against the sitemaps.org XSD."""
    document = etree.parse(str(site / "sitemap.xml"))
    SITEMAP_SCHEMA.assertValid(document)
    return {
        url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
        for url in document.getroot().iter(f"{SITEMAP}url")
    }


def test_the_sitemap_is_valid_and_lists_the_public_pages_with_absolute_urls(published_site):
    entries = sitemap_entries(published_site)
    for page in ("", SEED_ARTICLE_URL, "archives/", "tag/acupuncture/", "search/"):
        assert f"{SITEURL}/{page}" in entries, page
    assert all(url.startswith(SITEURL + "/") for url in entries)
    assert not [url for url in entries if url.endswith(("404.html", "robots.txt"))]


def test_the_schema_rejects_a_relative_location():
    broken = etree.fromstring(
        f'<urlset xmlns="{SITEMAP[1:-1]}"><url><loc>/x/</loc><lastmod>yesterday</lastmod></url>'
        "</urlset>".encode()
    )
    assert not SITEMAP_SCHEMA.validate(broken)


def test_lastmod_is_the_modified_date_and_lists_change_with_their_newest_article(published_site):
    entries = sitemap_entries(published_site)
    assert entries[f"{SITEURL}/{SEED_ARTICLE_URL}"].startswith("2025-03-31")
    assert entries[f"{SITEURL}/"].startswith("2025-03-31")
    assert entries[f"{SITEURL}/tags/"].startswith("2025-03-31")
    assert entries[f"{SITEURL}/tag/acupuncture/"].startswith("2025-03-31")


def test_a_page_without_a_date_and_the_search_page_claim_no_last_change(published_site):
    entries = sitemap_entries(published_site)
    assert entries[f"{SITEURL}/about/"] is None
    assert entries[f"{SITEURL}/search/"] is None


def test_the_sitemap_holds_only_what_search_engines_read(published_site):
    document = etree.parse(str(published_site / "sitemap.xml"))
    fields = {element.tag.removeprefix(SITEMAP) for url in document.getroot() for element in url}
    assert fields == {"loc", "lastmod"}


def test_robots_txt_names_the_sitemap(published_site):
    lines = (published_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITEURL}/sitemap.xml" in lines
    assert "User-agent: *" in lines


def test_drafts_scheduled_articles_and_hidden_pages_stay_out_of_the_sitemap(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    (content / "pages").mkdir()
    (content / "articles/public.md").write_text(
        "Title: Public\nDate: 2025-01-01\n\nText.\n", encoding="utf-8"
    )
    (content / "articles/unfinished.md").write_text(
        "Title: Unfinished\nDate: 2025-01-02\nModified: 2025-06-01\nStatus: draft\n\nText.\n",
        encoding="utf-8",
    )
    (content / "articles/next-year.md").write_text(
        "Title: Next Year\nDate: 2999-01-01\n\nText.\n", encoding="utf-8"
    )
    (content / "pages/thanks.md").write_text(
        "Title: Thanks\nStatus: hidden\n\nThank you for booking.\n", encoding="utf-8"
    )
    site = publish_content(content, tmp_path / "output")
    entries = sitemap_entries(site)
    assert f"{SITEURL}/public/" in entries
    hidden = ("unfinished", "next-year", "thanks")
    assert not [url for url in entries if any(name in url for name in hidden)]
    # Nor is the draft written: only the preview shows it.
    assert not list(site.rglob("*unfinished*"))
    # Lists are as new as their newest published article, whatever the build date.
    assert entries[f"{SITEURL}/"].startswith("2025-01-01")
    assert date.today().isoformat() not in "".join(filter(None, entries.values()))
