"""Only published articles reach readers: no draft, hidden or scheduled article is anywhere in
the production output, neither as a page nor in a list, feed or sitemap (and so not in the
search index either, which is made from the pages)."""

import pytest
from support.builds import publish_content

UNPUBLISHED = {
    "draft": "Title: Unfinished Thoughts\nDate: 2025-01-02\nStatus: draft\n\nText.\n",
    "hidden": "Title: Private Notes\nDate: 2025-01-03\nStatus: hidden\n\nText.\n",
    "scheduled": "Title: Coming In Ninety Nine\nDate: 2099-01-01\n\nText.\n",
}
TITLES = ["Unfinished Thoughts", "Private Notes", "Coming In Ninety Nine"]
SLUGS = ["unfinished-thoughts", "private-notes", "coming-in-ninety-nine"]
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt"}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    content = tmp_path_factory.mktemp("content")
    (content / "articles").mkdir()
    (content / "articles/public.md").write_text(
        "Title: Open To Everyone\nDate: 2025-01-01\n\nText.\n", encoding="utf-8"
    )
    for name, text in UNPUBLISHED.items():
        (content / f"articles/{name}.md").write_text(text, encoding="utf-8")
    return publish_content(content, tmp_path_factory.mktemp("site"))


def test_the_published_article_is_there(site):
    assert (site / "open-to-everyone/index.html").is_file()
    assert "Open To Everyone" in (site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_no_unpublished_article_has_a_page(site, slug):
    assert [p for p in site.rglob("*") if slug in p.as_posix()] == []


@pytest.mark.parametrize("title", TITLES)
def test_no_unpublished_article_is_named_anywhere(site, title):
    text_files = [p for p in site.rglob("*") if p.suffix in TEXT_SUFFIXES]
    assert text_files
    assert [p for p in text_files if title in p.read_text(encoding="utf-8")] == []
