"""Production writes no hidden article; the preview still shows it to its editor."""

from pathlib import Path

from support.plugin_builds import build

TEST_DATA = Path(__file__).with_name("test_data")


def test_production_does_not_write_a_hidden_article(tmp_path):
    site = build(TEST_DATA, tmp_path / "site", ["hidden_articles"], production=True)
    assert (site / "public/index.html").is_file()
    assert not list(site.rglob("not-yet*"))


def test_the_preview_still_writes_it(tmp_path):
    site = build(TEST_DATA, tmp_path / "site")
    assert (site / "not-yet/index.html").is_file()
