"""complete_lists: a production build whose sitemap or search index leaves out a published
article, or names what is not a published page, stops with one message naming it."""

import shutil
import subprocess
from pathlib import Path

import pytest
from support.plugin_builds import build, build_process

from holistic_oriental_medicine import PROJECT_ROOT

from . import ListsIncomplete, differences

TEST_DATA = Path(__file__).with_name("test_data")


def theme_with(tmp_path, template, change):
    """A copy of the theme whose `template` is changed by `change` (old text, new text)."""
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change), encoding="utf-8")
    return theme


def test_a_sitemap_that_leaves_out_an_article_stops_the_build(tmp_path):
    theme = theme_with(tmp_path, "sitemap.html",
                       ("{% for article in articles %}", "{% for article in articles[1:] %}"))
    # As `pelican` runs it, with the compressed copies that come after the check.
    result = subprocess.run(
        build_process(TEST_DATA, tmp_path / "output", ["complete_lists", "compressed_copies_cache"],
                      production=True, THEME=str(theme)),
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )
    said = result.stdout + result.stderr
    assert result.returncode != 0
    assert "1 missing from sitemap.xml (/herbs/)" in said
    assert "Traceback" not in said
    assert not (tmp_path / "output/sitemap.xml.br").exists(), "stopped before compressing"


def test_a_search_index_without_the_articles_stops_the_build(tmp_path):
    theme = theme_with(tmp_path, "article.html", ('class="prose" data-pagefind-body', 'class="prose"'))
    with pytest.raises(ListsIncomplete) as stopped:
        build(TEST_DATA, tmp_path / "output", ["search_index", "complete_lists"], production=True,
              THEME=str(theme))
    assert "3 missing from the search index (/cupping/, /herbs/, /needles/)" in str(stopped.value)


def test_a_sitemap_naming_a_page_twice_or_a_page_not_written_stops_the_build(tmp_path):
    theme = theme_with(
        tmp_path, "sitemap.html",
        ("</urlset>", "{{ entry('needles/', none) }}{{ entry('drafts/later/', none) }}</urlset>"),
    )
    with pytest.raises(ListsIncomplete) as stopped:
        build(TEST_DATA, tmp_path / "output", ["complete_lists"], production=True, THEME=str(theme))
    assert "2 extra in sitemap.xml (/drafts/later/, /needles/)" in str(stopped.value)


def test_differences_name_the_missing_and_the_extra_once_each():
    missing, extra = differences(["a/", "b/", "b/", "tag/x/", "old/"], {"a/", "b/", "c/"},
                                 is_page=lambda address: address == "tag/x/")
    assert missing == ["c/"]
    assert extra == ["b/", "old/"]
