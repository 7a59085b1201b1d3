"""parallel_pages: the pages are written on every core, and the site is the same, byte for
byte, as when one process writes them; a page that fails stops the build."""

import importlib
import shutil

import pytest
from pelican import signals
from pelican.settings import read_settings
from support.builds import snapshot
from support.plugin_builds import build, site_settings

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.plugins import parallel_pages

ARTICLES = 12
# Every plugin of the preview: the pages written in parallel are all the pages the site has.
PREVIEW_PLUGINS = site_settings()["PLUGINS"]


@pytest.fixture(autouse=True)
def fork_for_few_pages(monkeypatch):
    """Fork the second process for a site this small too."""
    monkeypatch.setattr(parallel_pages, "PARALLEL_THRESHOLD", 1)


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    folder = tmp_path_factory.mktemp("parallel") / "content"
    (folder / "articles").mkdir(parents=True)
    for number in range(ARTICLES):
        (folder / "articles" / f"article-{number}.md").write_text(
            f"Title: Article {number}\nDate: 2025-01-{number % 28 + 1:02}\nTags: tag-{number % 7}\n\n"
            f"Needles and calm, number {number}.\n",
            encoding="utf-8",
        )
    (folder / "pages").mkdir()
    (folder / "pages/about.md").write_text("Title: About\n\nThe clinic treats pain.\n", encoding="utf-8")
    return folder


def test_pages_written_on_two_cores_are_the_pages_one_process_writes(tmp_path, content):
    one = build(content, tmp_path / "one", PREVIEW_PLUGINS, WORKER_PROCESSES=1)
    two = build(content, tmp_path / "two", PREVIEW_PLUGINS, WORKER_PROCESSES=2)
    assert len(list(two.rglob("article-*/index.html"))) == ARTICLES
    assert snapshot(two) == snapshot(one)


def test_a_page_that_fails_in_another_process_stops_the_build(tmp_path, content, capfd):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    template = theme / "templates/article.html"
    template.write_text(
        # Both pages are written by the second process.
        '{% if article.title in ["Article 4", "Article 5"] %}{{ article.no_such_thing() }}{% endif %}'
        + template.read_text(encoding="utf-8"), encoding="utf-8"
    )
    with pytest.raises(parallel_pages.PageWritingFailed, match="Some pages could not be written"):
        build(content, tmp_path / "output", ["parallel_pages"], THEME=str(theme), WORKER_PROCESSES=2)
    assert "'pelican.contents.Article object' has no attribute 'no_such_thing'" in capfd.readouterr().err


# What may hear of a written page or feed: it runs in the process that wrote the file, so it
# may change that file, but anything it gathers stays there (a sitemap gathered that way once
# lost the pages of every other process).
CHANGES_THE_WRITTEN_FILE_ONLY = {
    "holistic_oriental_medicine.plugins.photos.page_written",
    "holistic_oriental_medicine.plugins.photos.feed_written",
}


def test_what_hears_of_a_written_page_changes_that_page_only():
    settings = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    for plugin in settings["PLUGINS"]:
        importlib.import_module(plugin).register()
    heard = {
        f"{receiver.__module__}.{receiver.__qualname__}"
        for signal in (signals.content_written, signals.feed_written)
        for receiver in signal.receivers_for("index.html")
        if receiver.__module__.startswith(tuple(settings["PLUGINS"]))
    }
    assert heard == CHANGES_THE_WRITTEN_FILE_ONLY, (
        "parallel_pages writes pages in forked processes, where these receivers of "
        "content_written or feed_written run: check that each one only changes the file written, "
        "then list it here")
