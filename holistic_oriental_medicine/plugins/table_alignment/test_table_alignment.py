"""table_alignment: a table's aligned columns get classes that the stylesheet aligns, never an
inline style (which the policy blocks) or the obsolete `align` attribute."""

from pathlib import Path

from support.pages import page_at
from support.plugin_builds import build

TEST_DATA = Path(__file__).with_name("test_data")


def test_aligned_columns_are_published_with_alignment_classes(tmp_path):
    # A Markdown extension (MARKDOWN in pelicanconf.py), not a Pelican plugin.
    site = build(TEST_DATA, tmp_path / "output")

    table = page_at(site, "prices/").css_first("main table")
    rows = [[cell.attributes for cell in row.css("th, td")] for row in table.css("tr")]
    assert rows == [[{"class": "align-left"}, {"class": "align-center"}, {"class": "align-right"}]] * 3
    stylesheet = next((site / "theme/css").glob("site*.css")).read_text(encoding="utf-8")
    for alignment in ("left", "center", "right"):
        assert f".align-{alignment} {{ text-align: {alignment}; }}" in stylesheet
