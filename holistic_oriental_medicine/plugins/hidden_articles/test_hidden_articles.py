"""Production writes no hidden article; the preview still shows it to its editor."""

from conftest import build_site, publish_content

HIDDEN = "Title: Not Yet\nDate: 2025-01-02\nStatus: hidden\n\nText.\n"
PUBLISHED = "Title: Public\nDate: 2025-01-01\n\nText.\n"


def content_with_a_hidden_article(folder):
    (folder / "articles").mkdir(parents=True)
    (folder / "articles/public.md").write_text(PUBLISHED, encoding="utf-8")
    (folder / "articles/not-yet.md").write_text(HIDDEN, encoding="utf-8")
    return folder


def test_production_does_not_write_a_hidden_article(tmp_path):
    site = publish_content(content_with_a_hidden_article(tmp_path / "content"), tmp_path / "site")
    assert (site / "public/index.html").is_file()
    assert not list(site.rglob("not-yet*"))


def test_the_preview_still_writes_it(tmp_path):
    content = content_with_a_hidden_article(tmp_path / "content")
    site = build_site(tmp_path / "site", PATH=str(content))
    assert (site / "not-yet/index.html").is_file()
