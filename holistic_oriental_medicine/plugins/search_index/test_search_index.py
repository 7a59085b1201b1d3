"""search_index: Pagefind indexes the finished pages, and only when they changed."""

import os
import shutil
import subprocess
import time
from pathlib import Path

from pagefind_bin import get_executable as pagefind_executable
from support.plugin_builds import build, copy_of

from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.plugins import search_index

TEST_DATA = Path(__file__).with_name("test_data")


def build_indexed(output, content=TEST_DATA, caches=None, **settings):
    """A build of `content` with this plugin alone, its caches in `caches`."""
    return build(content, output, ["search_index"], caches=caches, **settings)


def files_of(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_index_is_made_again_only_when_a_page_changed(tmp_path, monkeypatch):
    runs = []
    run_pagefind = search_index.run_pagefind
    monkeypatch.setattr(search_index, "run_pagefind",
                        lambda site, index, *options: runs.append(site) or run_pagefind(site, index, *options))
    cache, content = tmp_path / "cache", tmp_path / "content"
    copy_of(TEST_DATA, content)
    first = build_indexed(tmp_path / "first", content, cache)
    again = build_indexed(tmp_path / "again", content, cache)
    assert len(runs) == 1
    assert files_of(again / "pagefind") == files_of(first / "pagefind")
    assert (first / "pagefind/pagefind.js").is_file()

    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMoxibustion too.\n", encoding="utf-8")
    changed = build_indexed(tmp_path / "changed", content, cache)
    uncached = build_indexed(tmp_path / "uncached", content, tmp_path / "empty-cache")
    assert len(runs) == 3
    assert files_of(changed / "pagefind") == files_of(uncached / "pagefind")
    assert files_of(changed / "pagefind") != files_of(first / "pagefind")


def test_only_the_latest_indexes_are_kept(tmp_path):
    for number in range(folders.KEPT_UNUSED + 2):
        build_indexed(tmp_path / f"site-{number}", caches=tmp_path / "cache",
                      MEDICAL_DISCLAIMER=f"Disclaimer {number}.")
    assert len(folders.entries(tmp_path / "cache/search-index")) == folders.KEPT_UNUSED + 1


def cached_indexes(cache, count):
    """`count` indexes of a page each in `cache`, the first the least recently used."""
    for number in range(count):
        index = cache / f"index-{number}"
        (index / "fragment").mkdir(parents=True)
        (index / "fragment/page.pf_fragment").write_bytes(b"page")
        os.utime(index, (number, number))


def test_an_index_no_longer_kept_is_out_of_the_way_at_once_and_deleted_by_a_process_of_its_own(
        tmp_path, monkeypatch):
    cache, site, deletions = tmp_path / "cache/search-index", tmp_path / "site", []
    cached_indexes(cache, folders.KEPT_UNUSED + 2)
    site.mkdir()
    monkeypatch.setattr(folders, "start_deleting", deletions.append)
    monkeypatch.setattr(search_index, "index_cache", folders.CacheFolder({"CACHE_PATH": str(tmp_path / "cache")},
                                                                         search_index.CACHE_NAME))
    search_index.put_in_place(cache / f"index-{folders.KEPT_UNUSED + 1}", site)
    names = sorted(path.name for path in cache.iterdir())
    assert "index-0" not in names, "no build finds it by its name while it is being deleted"
    (retired,) = [name for name in names if name.startswith(".index-0")]
    assert (cache / retired / "fragment/page.pf_fragment").is_file(), "the build did not wait for it"
    subprocess.run([*folders.DELETER, *deletions[-1]], check=True)
    assert sorted(path.name for path in cache.iterdir()) == [f"index-{n}" for n in range(1, folders.KEPT_UNUSED + 2)]


def until_deleted(folder, seconds=30):
    """The names in `folder` once the folders being deleted there are gone."""
    deadline = time.monotonic() + seconds
    while any(folders.RETIRED in path.name for path in folder.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return sorted(path.name for path in folder.iterdir())


def test_the_live_previews_index_follows_its_pages_and_a_newer_build_stops_it(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "index_later", True)
    monkeypatch.setattr(search_index, "last_index", None)
    # Look often at whether to stop: Pagefind cannot be done before the first look.
    monkeypatch.setattr(search_index, "STOP_CHECK_SECONDS", 0.001)
    cache, content = tmp_path / "cache", tmp_path / "content"
    copy_of(TEST_DATA, content)
    first = build_indexed(tmp_path / "first", content, cache)
    assert search_index.pending_index is None, "with no index of its own yet, a build makes one"

    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMoxibustion too.\n", encoding="utf-8")
    site = build_indexed(tmp_path / "changed", content, cache)
    assert files_of(site / "pagefind") == files_of(first / "pagefind"), "the last index, meanwhile"
    assert search_index.make_pending_index(site, stop=lambda: True) is False
    assert files_of(site / "pagefind") == files_of(first / "pagefind")

    site = build_indexed(tmp_path / "again", content, cache)
    assert search_index.make_pending_index(site) is True
    uncached = build_indexed(tmp_path / "uncached", content, tmp_path / "empty-cache")
    assert files_of(site / "pagefind") == files_of(uncached / "pagefind") != files_of(first / "pagefind")
    assert [name for name in until_deleted(site) if "pagefind" in name] == ["pagefind"]


def test_pagefind_reads_only_the_pages_placed_like_a_search_body_and_makes_the_same_index(tmp_path):
    content = tmp_path / "content"
    copy_of(TEST_DATA, content)
    # The preview writes drafts one folder deeper (drafts/<slug>/), with a search body too.
    (content / "articles/unfinished.md").write_text(
        "Title: Unfinished\nDate: 2025-01-02\nStatus: draft\n\nMoxibustion warms the skin.\n", encoding="utf-8")
    site = build_indexed(tmp_path / "site", content, tmp_path / "cache")
    _, glob = search_index.read_pages(site)
    assert glob == "{*/*/index.html,*/index.html}"

    # Pagefind on every page of the same site, with no glob.
    whole = tmp_path / "whole"
    shutil.copytree(site, whole, ignore=shutil.ignore_patterns(search_index.INDEX_FOLDER))
    subprocess.run([pagefind_executable(), "--site", whole, "--output-path", tmp_path / "index", "--quiet"],
                   check=True)
    assert files_of(site / "pagefind") == files_of(tmp_path / "index")
    fragments = list((site / "pagefind/fragment").iterdir())
    assert len(fragments) == len([page for page in site.rglob("*.html")
                                  if search_index.SEARCH_BODY in page.read_bytes()]) >= 4
