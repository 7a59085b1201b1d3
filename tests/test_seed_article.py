"""The clinic's first article is published word for word, with its dates, author and read time."""


import pytest
from support.pages import SEED_ARTICLE_URL, page_at
from support.project import CLINIC, PROJECT_ROOT

SEED_TEXT = (PROJECT_ROOT / "tests/data/seed_article.txt").read_text(encoding="utf-8")
TITLE = "Unlocking the Healing Power: Exploring Acupuncture as a Natural Solution for Back Pain"

# The seed's section titles, in order, with the level each one has on the page.
EXPECTED_HEADINGS = [
    ("h2", "Understanding Acupuncture"),
    ("h2", "How Acupuncture Helps with Back Pain"),
    ("h3", "Pain Relief"),
    ("h3", "Reducing Inflammation"),
    ("h3", "Improving Mobility and Flexibility"),
    ("h2", "The Acupuncture Treatment Process"),
    ("h3", "Initial Consultation"),
    ("h3", "Treatment Sessions"),
    ("h3", "Frequency of Treatment"),
    ("h2", "What to Expect After Treatment"),
    ("h2", "Potential Risks and Considerations"),
    ("h2", "Complementary Treatments"),
    ("h2", "Embracing the Healing Journey"),
]


def seed_paragraphs():
    """The seed's body lines that are not section titles (its first five lines are the byline)."""
    headings = {text for _, text in EXPECTED_HEADINGS}
    body = [line.strip() for line in SEED_TEXT.splitlines()[5:]]
    return [line for line in body if line and line not in headings]


@pytest.fixture(scope="module")
def article(preview_site):
    return page_at(preview_site, SEED_ARTICLE_URL)


def test_the_seed_title_names_the_article_with_acupuncture_spelled_right():
    assert SEED_TEXT.splitlines()[0] == TITLE.replace("Acupuncture", "Accupuncture", 1)


def test_the_article_has_exactly_one_h1_its_title(article):
    h1s = article.css("h1")
    assert [h.text(strip=True) for h in h1s] == [TITLE]
    assert article.css_first("title").text().startswith(TITLE)


def test_the_headings_follow_the_seed_in_order_and_level(article):
    headings = article.css(".prose h2, .prose h3")
    assert [(h.tag, h.text(strip=True)) for h in headings] == EXPECTED_HEADINGS


def test_every_seed_paragraph_is_published_word_for_word_in_order(article):
    published = [p.text().strip() for p in article.css(".prose p")]
    assert published == seed_paragraphs()


def test_the_byline_shows_author_dates_and_read_time(article):
    meta = article.css_first(".article-meta")
    assert meta.css_first("a[rel=author]").text(strip=True) == "Holistic Oriental Medicine"
    published, updated = meta.css("time")
    assert published.attributes["datetime"].startswith("2025-02-16T")
    assert published.text(strip=True) == "Feb 16, 2025"
    assert updated.attributes["datetime"].startswith("2025-03-31T")
    assert "Updated Mar 31, 2025" in meta.text(separator=" ", strip=True).replace("  ", " ")
    assert "3 min read" in meta.text()


def test_call_us_today_dials_the_clinic_phone_from_settings(article):
    link = next(a for a in article.css(".prose a") if a.text(strip=True).startswith("Call us today"))
    assert link.attributes["href"] == "tel:" + CLINIC["phone_e164"]


def test_the_summary_is_the_meta_description(article):
    description = article.css_first('meta[name="description"]').attributes["content"]
    assert description.startswith("Back pain affects millions of people worldwide.")


def test_the_home_page_lists_the_article(preview_site):
    home = page_at(preview_site, "")
    titles = [a.text(strip=True) for a in home.css(".card__title a")]
    assert TITLE in titles
    link = next(a for a in home.css(".card__title a") if a.text(strip=True) == TITLE)
    assert link.attributes["href"].rstrip("/").endswith(SEED_ARTICLE_URL.rstrip("/"))
    card = link.parent.parent
    assert "3 min read" in card.text()
