"""An article leads the reader on: sections, the way to book, a disclaimer, sharing, more to read."""


import pytest
from support.builds import build_site
from support.pages import SEED_ARTICLE_URL, page_at
from support.project import CLINIC


@pytest.fixture(scope="module")
def article(preview_site):
    return page_at(preview_site, SEED_ARTICLE_URL)


def test_a_long_article_opens_with_a_table_of_its_sections(article):
    toc = article.css_first("nav.toc")
    sections = [h.text(strip=True) for h in article.css(".prose h2")]
    assert [a.text(strip=True) for a in toc.css("a")] == sections
    for link in toc.css("a"):
        assert article.css_first(link.attributes["href"]).tag == "h2"


def test_every_section_heading_links_to_itself(article):
    for heading in article.css(".prose h2, .prose h3"):
        assert heading.css_first("a").attributes["href"] == "#" + heading.attributes["id"]


def test_the_call_to_action_dials_and_books_from_clinic_facts(article):
    cta = article.css_first(".cta")
    hrefs = [a.attributes["href"] for a in cta.css("a")]
    assert hrefs == ["tel:" + CLINIC["phone_e164"], CLINIC["booking_url"]]
    assert CLINIC["phone_display"] in cta.text()


def test_the_medical_disclaimer_comes_from_the_settings(tmp_path, article):
    assert "not a substitute for advice from your doctor" in article.css_first(".disclaimer").text()
    site = build_site(tmp_path, MEDICAL_DISCLAIMER="Ask your doctor first.")
    custom = page_at(site, SEED_ARTICLE_URL).css_first(".disclaimer").text(strip=True)
    assert custom == "Ask your doctor first."
    silent = build_site(tmp_path / "none", MEDICAL_DISCLAIMER="")
    assert page_at(silent, SEED_ARTICLE_URL).css_first(".disclaimer") is None


def test_the_published_article_has_plain_share_links_to_its_address(published_site):
    share = page_at(published_site, SEED_ARTICLE_URL).css_first(".share")
    address = "https://www.holisticorientalmedicine.example/" + SEED_ARTICLE_URL
    assert share.css_first(".share__url").text(strip=True) == address
    hrefs = [a.attributes["href"] for a in share.css("a")]
    assert hrefs[0].startswith("mailto:?subject=")
    assert {href.split("?")[0] for href in hrefs[1:]} == {
        "https://wa.me/",
        "https://www.facebook.com/sharer/sharer.php",
        "https://x.com/intent/post",
    }
    encoded_address = address.replace(":", "%3A")
    assert all(encoded_address in href for href in hrefs)


def test_the_preview_has_no_share_links_without_a_public_address(article):
    assert article.css_first(".share") is None


def write_article(folder, slug, day, tags):
    (folder / f"{slug}.md").write_text(
        f"Title: {slug.title()}\nDate: 2025-01-{day:02d}\nTags: {tags}\n\nAbout {slug}.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def small_blog(tmp_path_factory):
    """Five articles: three about needles, two about sleep, one day apart, two to a page."""
    root = tmp_path_factory.mktemp("blog")
    articles = root / "content/articles"
    articles.mkdir(parents=True)
    for day, (slug, tags) in enumerate(
        [("first", "needles"), ("second", "sleep"), ("third", "needles"),
         ("fourth", "sleep"), ("fifth", "needles")],
        start=1,
    ):
        write_article(articles, slug, day, tags)
    return build_site(root / "output", PATH=str(root / "content"), DEFAULT_PAGINATION=2)


def test_an_article_links_to_the_older_and_newer_article(small_blog):
    neighbors = page_at(small_blog, "third/").css_first("nav.neighbors")
    assert neighbors.css_first("a[rel=prev]").attributes["href"] == "../second/"
    assert neighbors.css_first("a[rel=next]").attributes["href"] == "../fourth/"
    newest = page_at(small_blog, "fifth/").css_first("nav.neighbors")
    assert newest.css_first("a[rel=next]") is None


def test_related_articles_share_a_tag(small_blog):
    related = page_at(small_blog, "third/").css_first(".related")
    assert related.css_first("h2").text(strip=True) == "Related articles"
    assert sorted(a.text(strip=True) for a in related.css("a")) == ["Fifth", "First"]


def test_the_home_page_lists_cards_two_to_a_page_newest_first(small_blog):
    home = page_at(small_blog, "")
    cards = home.css(".card")
    assert [c.css_first(".card__title").text(strip=True) for c in cards] == ["Fifth", "Fourth"]
    for card in cards:
        assert card.css_first(".card__summary").text(strip=True)
        assert card.css_first("time").attributes["datetime"].startswith("2025-01-0")
        assert "1 min read" in card.css_first(".card__meta").text()
    assert home.css_first(".pagination a[rel=next]").attributes["href"] == "./page/2/"
    last = page_at(small_blog, "page/3/")
    assert [c.css_first(".card__title").text(strip=True) for c in last.css(".card")] == ["First"]


def test_the_home_page_opens_with_the_clinic_and_the_call_to_action(preview_site):
    intro = page_at(preview_site, "").css_first(".intro")
    assert intro.css_first(".intro__lead").text(strip=True) == CLINIC["description"]
    assert [a.attributes["href"] for a in intro.css("a")] == [
        "tel:" + CLINIC["phone_e164"],
        CLINIC["booking_url"],
    ]


def test_a_tables_aligned_columns_are_aligned_in_the_browser_under_the_policy(tmp_path, chromium_browser):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    (articles / "prices.md").write_text(
        "Title: Prices\nDate: 2025-01-01\n\nOur prices.\n\n"
        "| Treatment | Sessions | Price |\n|:--|:-:|--:|\n| Cupping | 3 | $60 |\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", PATH=str(tmp_path / "content"))
    page = chromium_browser.new_page()
    try:
        errors = []
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto((site / "prices/index.html").as_uri())
        alignments = page.eval_on_selector_all("main td", "cells => cells.map(c => getComputedStyle(c).textAlign)")
        assert alignments == ["left", "center", "right"]
        assert errors == []
    finally:
        page.close()
