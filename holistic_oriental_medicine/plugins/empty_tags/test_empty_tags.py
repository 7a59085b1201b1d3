"""empty_tags: a tag that only a draft has gets no page, though related posts looked it up."""

from conftest import build_site


def test_a_tag_only_a_draft_has_gets_no_page(tmp_path):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    (articles / "public.md").write_text(
        "Title: Public\nDate: 2025-01-01\nTags: shared\n\nText.\n", encoding="utf-8"
    )
    (articles / "draft.md").write_text(
        "Title: Draft\nDate: 2025-01-02\nStatus: draft\nTags: shared, secret\n\nText.\n",
        encoding="utf-8",
    )
    site = build_site(tmp_path / "output", PATH=str(tmp_path / "content"))
    assert (site / "tag/shared/index.html").is_file()
    assert not (site / "tag/secret").exists()
