"""empty_tags: a tag that only a draft has gets no page, though related posts looked it up."""

from pathlib import Path

from support.plugin_builds import build

TEST_DATA = Path(__file__).with_name("test_data")


def test_a_tag_only_a_draft_has_gets_no_page(tmp_path):
    site = build(TEST_DATA, tmp_path / "output", ["empty_tags", "pelican.plugins.related_posts"])
    assert (site / "tag/shared/index.html").is_file()
    assert not (site / "tag/secret").exists()
