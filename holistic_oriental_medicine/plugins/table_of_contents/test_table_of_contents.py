"""table_of_contents: long articles list their `##` sections, in order, linked by id."""

from conftest import build_site, page_at

from . import sections_of


def test_sections_are_the_h2_headings_with_their_ids():
    html = (
        '<h2 id="one"><a href="#one">First <em>part</em></a></h2><p>x</p>'
        '<h3 id="sub">Sub</h3><h2 id="two">Second</h2><h2>No id</h2>'
    )
    assert sections_of(html) == [("one", "First part"), ("two", "Second")]


def write_article(folder, slug, sections):
    body = "\n\n".join(f"## Part {n}\n\nText of part {n}." for n in range(1, sections + 1))
    (folder / f"{slug}.md").write_text(
        f"Title: {slug}\nDate: 2025-01-01\n\nIntro.\n\n{body}\n", encoding="utf-8"
    )


def test_only_articles_with_enough_sections_get_a_table_of_contents(tmp_path):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    write_article(articles, "long", sections=4)
    write_article(articles, "short", sections=3)
    site = build_site(tmp_path / "output", PATH=str(tmp_path / "content"))

    long_article = page_at(site, "long/")
    toc_links = long_article.css(".toc a")
    assert [a.text(strip=True) for a in toc_links] == ["Part 1", "Part 2", "Part 3", "Part 4"]
    for link in toc_links:
        target = long_article.css_first(link.attributes["href"])
        assert target.tag == "h2"
    assert page_at(site, "short/").css_first(".toc") is None
