"""table_alignment: a table's aligned columns get classes that the stylesheet aligns, never an
inline style (which the policy blocks) or the obsolete `align` attribute."""

from conftest import build_site, page_at

ALIGNED_TABLE = """\
| Treatment | Sessions | Price |
|:----------|:--------:|------:|
| Acupuncture | 6 to 8 | $95 |
| Cupping | 3 | $60 |
"""


def test_aligned_columns_are_published_with_alignment_classes(tmp_path):
    articles = tmp_path / "content/articles"
    articles.mkdir(parents=True)
    (articles / "prices.md").write_text(f"Title: Prices\nDate: 2025-01-01\n\nOur prices.\n\n{ALIGNED_TABLE}",
                                       encoding="utf-8")
    site = build_site(tmp_path / "output", PATH=str(tmp_path / "content"))

    table = page_at(site, "prices/").css_first("main table")
    rows = [[cell.attributes for cell in row.css("th, td")] for row in table.css("tr")]
    assert rows == [[{"class": "align-left"}, {"class": "align-center"}, {"class": "align-right"}]] * 3
    stylesheet = next((site / "theme/css").glob("site*.css")).read_text(encoding="utf-8")
    for alignment in ("left", "center", "right"):
        assert f".align-{alignment} {{ text-align: {alignment}; }}" in stylesheet
