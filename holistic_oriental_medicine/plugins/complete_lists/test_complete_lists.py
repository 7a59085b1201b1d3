"""complete_lists: a production build whose sitemap or search index leaves out a published
article, or names what is not a published page, stops with one message naming it."""

import os
import shutil
import subprocess

import pytest
from conftest import PROJECT_ROOT, PUBLISH_ENVIRONMENT

from holistic_oriental_medicine.builds.pelican_command import pelican_process

from . import differences


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("complete-lists") / "content"
    (folder / "articles").mkdir(parents=True)
    for number, title in enumerate(["Cupping", "Needles", "Herbs"]):
        (folder / "articles" / f"{title.lower()}.md").write_text(
            f"Title: {title}\nDate: 2025-01-0{number + 1}\n\nAbout {title.lower()}.\n", encoding="utf-8"
        )
    (folder / "pages").mkdir()
    (folder / "pages/prices.md").write_text("Title: Prices\n\nWhat a visit costs.\n", encoding="utf-8")
    return folder


def publish_with_theme(content, tmp_path, template, change):
    """Publish `content` with a copy of the theme whose `template` is changed by `change`
    (old text, new text): (exit code, what the build printed)."""
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    path = theme / "templates" / template
    text = path.read_text(encoding="utf-8")
    assert change[0] in text
    path.write_text(text.replace(*change), encoding="utf-8")
    result = subprocess.run(
        pelican_process("publishconf.py", tmp_path / "output", content, THEME=str(theme),
                        CACHE_PATH=str(tmp_path / "cache")),
        cwd=PROJECT_ROOT, env={**os.environ, **PUBLISH_ENVIRONMENT}, capture_output=True, text=True,
    )
    return result.returncode, result.stdout + result.stderr


def test_a_sitemap_that_leaves_out_an_article_stops_the_build(content, tmp_path):
    code, said = publish_with_theme(content, tmp_path, "sitemap.html",
                                    ("{% for article in articles %}", "{% for article in articles[1:] %}"))
    assert code != 0
    assert "1 missing from sitemap.xml (/herbs/)" in said
    assert "Traceback" not in said
    assert not (tmp_path / "output/sitemap.xml.br").exists(), "stopped before compressing"


def test_a_search_index_without_the_articles_stops_the_build(content, tmp_path):
    code, said = publish_with_theme(content, tmp_path, "article.html",
                                    ('class="prose" data-pagefind-body', 'class="prose"'))
    assert code != 0
    assert "3 missing from the search index (/cupping/, /herbs/, /needles/)" in said


def test_a_sitemap_naming_a_page_twice_or_a_page_not_written_stops_the_build(content, tmp_path):
    code, said = publish_with_theme(
        content, tmp_path, "sitemap.html",
        ("</urlset>", "{{ entry('needles/', none) }}{{ entry('drafts/later/', none) }}</urlset>"),
    )
    assert code != 0
    assert "2 extra in sitemap.xml (/drafts/later/, /needles/)" in said


def test_differences_name_the_missing_and_the_extra_once_each():
    missing, extra = differences(["a/", "b/", "b/", "tag/x/", "old/"], {"a/", "b/", "c/"},
                                 is_page=lambda address: address == "tag/x/")
    assert missing == ["c/"]
    assert extra == ["b/", "old/"]
