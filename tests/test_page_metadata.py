"""Every page's head describes it to search engines and link previews: title, description,
canonical address, Open Graph and Twitter card tags."""

import pytest
from support.builds import build_site
from support.pages import SEED_ARTICLE_URL, page_at, parse_html

SITEURL = "https://www.holisticorientalmedicine.example"
SITENAME = "Holistic Oriental Medicine"
TITLE = "Unlocking the Healing Power: Exploring Acupuncture as a Natural Solution for Back Pain"
ARTICLE_URL = f"{SITEURL}/{SEED_ARTICLE_URL}"
CARD_URL = f"{SITEURL}/social-cards/{SEED_ARTICLE_URL.rstrip('/')}.png"


def meta(page, key):
    """The content of the page's <meta> with this property (Open Graph) or name."""
    node = page.css_first(f'meta[property="{key}"]') or page.css_first(f'meta[name="{key}"]')
    assert node is not None, key
    return node.attributes["content"]


def all_meta(page, key):
    return [node.attributes["content"] for node in page.css(f'meta[property="{key}"]')]


@pytest.fixture(scope="module")
def article(published_site):
    return page_at(published_site, SEED_ARTICLE_URL)


def test_the_title_is_the_article_title_then_the_site_name(article):
    assert article.css_first("title").text() == f"{TITLE} · {SITENAME}"


def test_the_description_is_the_summary_as_plain_text_within_160_characters(article):
    description = meta(article, "description")
    assert description.startswith("Back pain affects millions of people worldwide.")
    assert len(description) <= 160
    assert "<" not in description


def test_the_canonical_url_is_the_absolute_article_address(article):
    assert article.css_first('link[rel="canonical"]').attributes["href"] == ARTICLE_URL


def test_open_graph_describes_the_article(article):
    assert meta(article, "og:type") == "article"
    assert meta(article, "og:title") == TITLE
    assert meta(article, "og:description") == meta(article, "description")
    assert meta(article, "og:url") == ARTICLE_URL
    assert meta(article, "og:image") == CARD_URL
    assert meta(article, "og:site_name") == SITENAME
    assert meta(article, "article:published_time").startswith("2025-02-16T")
    assert meta(article, "article:modified_time").startswith("2025-03-31T")
    assert meta(article, "article:author") == f"{SITEURL}/author/holistic-oriental-medicine/"
    assert all_meta(article, "article:tag") == [
        "acupuncture",
        "back pain",
        "traditional chinese medicine",
    ]


def test_the_twitter_card_is_a_large_picture_with_title_and_description(article):
    assert meta(article, "twitter:card") == "summary_large_image"
    assert meta(article, "twitter:title") == TITLE
    assert meta(article, "twitter:description") == meta(article, "description")
    assert meta(article, "twitter:image") == CARD_URL
    assert TITLE in meta(article, "twitter:image:alt")


def test_a_shared_card_is_described_by_the_words_drawn_on_it(article, published_site):
    assert meta(article, "og:image:alt") == meta(article, "twitter:image:alt")
    assert meta(article, "og:image:alt").startswith(f"{TITLE} · Holistic Oriental Medicine · ")
    assert meta(article, "og:image:alt").endswith(" min read")
    assert meta(page_at(published_site, "about/"), "og:image:alt") == (
        "Holistic Oriental Medicine · Portland, OR · (503) 555-0142"
    )


def test_other_pages_are_websites_with_their_own_canonical_url_and_the_site_card(published_site):
    for url in ("", "archives/", "tag/acupuncture/", "search/"):
        page = page_at(published_site, url)
        assert page.css_first('link[rel="canonical"]').attributes["href"] == f"{SITEURL}/{url}"
        assert meta(page, "og:type") == "website"
        assert meta(page, "og:url") == f"{SITEURL}/{url}"
        assert meta(page, "og:image") == f"{SITEURL}/social-cards/site.png"
        assert meta(page, "og:description") == meta(page, "description")


def test_the_404_page_claims_no_canonical_address(published_site):
    assert parse_html(published_site / "404.html").css_first('link[rel="canonical"]') is None


def test_a_long_summary_is_cut_at_a_word_within_160_characters_and_kept_as_typed(tmp_path):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    summary = "Acupuncture & <moxibustion> " + "help the lower back heal gently " * 10
    (articles / "long.md").write_text(
        f"Title: Long\nDate: 2025-01-01\nSummary: {summary}\n\nBody.\n", encoding="utf-8"
    )
    (articles / "plain.md").write_text(
        "Title: Plain\nDate: 2025-01-01\n\n" + "Gentle needles calm pain. " * 30, encoding="utf-8"
    )
    site = build_site(tmp_path / "output", PATH=str(tmp_path / "content"))
    long = meta(page_at(site, "long/"), "description")
    assert long.startswith("Acupuncture & <moxibustion> help the lower back")
    assert len(long) <= 160 and long.endswith("…")
    assert not long[:-1].endswith(" ")
    plain = meta(page_at(site, "plain/"), "description")
    assert plain.startswith("Gentle needles calm pain.") and len(plain) <= 160


def test_every_published_page_describes_itself_once(published_site, published_pages):
    for path in published_pages:
        page = parse_html(path)
        where = path.relative_to(published_site)
        assert len(page.css("title")) == 1, where
        description = meta(page, "description")
        assert 0 < len(description) <= 160, where
        for key in ("og:title", "og:description", "og:url", "og:image", "twitter:card"):
            assert len(page.css(f'meta[property="{key}"], meta[name="{key}"]')) == 1, (where, key)
        assert len(page.css('script[type="application/ld+json"]')) == 1, where
        if path.name != "404.html":
            canonical = page.css_first('link[rel="canonical"]').attributes["href"]
            assert canonical == meta(page, "og:url"), where
        feeds = [link.attributes["href"] for link in page.css('link[rel="alternate"]')]
        assert f"{SITEURL}/feeds/all.atom.xml" in feeds, where
