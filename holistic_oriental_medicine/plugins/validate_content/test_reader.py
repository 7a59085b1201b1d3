"""reader: the metadata a checked source gives Pelican is what Pelican's own YAML reader makes."""

from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

from .reader import CheckedMarkdownReader


def test_yaml_front_matter_gives_the_metadata_of_pelicans_yaml_reader(tmp_path):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    source = content / "articles/colon.md"
    source.write_text(
        "---\ntitle: 'Needles: a first visit'\ndate: 2025-02-16 09:30\nmodified: 2025-03-31\n"
        "tags: [back pain, stress]\nslug: first-visit\nauthor: Holistic Oriental Medicine\n"
        "summary: What happens on the day.\n---\n\nThe text.\n",
        encoding="utf-8",
    )
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "CACHE_PATH": "",
    })
    _html, checked = CheckedMarkdownReader(settings).read(str(source))
    _html, pelicans = YAMLMetadataReader(settings).read(str(source))
    assert checked.keys() == pelicans.keys()
    assert {name: str(value) for name, value in checked.items()} == {
        name: str(value) for name, value in pelicans.items()
    }
    assert checked["date"] == pelicans["date"] and checked["modified"] == pelicans["modified"]
