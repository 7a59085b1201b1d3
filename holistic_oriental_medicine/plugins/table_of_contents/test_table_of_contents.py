"""table_of_contents: long articles list their `##` sections, in order, linked by id."""

from pathlib import Path

from support.pages import page_at
from support.plugin_builds import build

from . import sections_of

TEST_DATA = Path(__file__).with_name("test_data")


def test_sections_are_the_h2_headings_with_their_ids():
    html = (
        '<h2 id="one"><a href="#one">First <em>part</em></a></h2><p>x</p>'
        '<h3 id="sub">Sub</h3><h2 id="two">Second</h2><h2>No id</h2>'
    )
    assert sections_of(html) == [("one", "First part"), ("two", "Second")]


def test_only_articles_with_enough_sections_get_a_table_of_contents(tmp_path):
    site = build(TEST_DATA, tmp_path / "output", ["table_of_contents"])

    long_article = page_at(site, "long/")
    toc_links = long_article.css(".toc a")
    assert [a.text(strip=True) for a in toc_links] == ["Part 1", "Part 2", "Part 3", "Part 4"]
    for link in toc_links:
        target = long_article.css_first(link.attributes["href"])
        assert target.tag == "h2"
    assert page_at(site, "short/").css_first(".toc") is None
