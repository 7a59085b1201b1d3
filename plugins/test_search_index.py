"""search_index: Pagefind indexes the finished pages, and only when they changed."""

import shutil
import subprocess

import search_index
from pagefind_bin import get_executable as pagefind_executable

from conftest import PROJECT_ROOT, build_site


def files_of(folder):
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_index_is_made_again_only_when_a_page_changed(tmp_path, monkeypatch):
    runs = []
    run_pagefind = search_index.run_pagefind
    monkeypatch.setattr(search_index, "run_pagefind",
                        lambda site, index, *stop: runs.append(site) or run_pagefind(site, index, *stop))
    cache, content = tmp_path / "cache", tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    first = build_site(tmp_path / "first", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    again = build_site(tmp_path / "again", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    assert len(runs) == 1
    assert files_of(again / "pagefind") == files_of(first / "pagefind")
    assert (first / "pagefind/pagefind.js").is_file()

    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMoxibustion too.\n", encoding="utf-8")
    changed = build_site(tmp_path / "changed", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    uncached = build_site(tmp_path / "uncached", PATH=str(content), SEARCH_INDEX_CACHE="")
    assert len(runs) == 3
    assert files_of(changed / "pagefind") == files_of(uncached / "pagefind")
    assert files_of(changed / "pagefind") != files_of(first / "pagefind")


def test_only_the_latest_indexes_are_kept(tmp_path):
    cache = tmp_path / "cache"
    for number in range(search_index.KEPT_INDEXES + 2):
        build_site(tmp_path / f"site-{number}", SEARCH_INDEX_CACHE=str(cache),
                   MEDICAL_DISCLAIMER=f"Disclaimer {number}.")
    assert len(list(cache.iterdir())) == search_index.KEPT_INDEXES


def test_the_live_previews_index_follows_its_pages_and_a_newer_build_stops_it(tmp_path, monkeypatch):
    monkeypatch.setattr(search_index, "index_later", True)
    monkeypatch.setattr(search_index, "last_index", None)
    # Look often at whether to stop: Pagefind cannot be done before the first look.
    monkeypatch.setattr(search_index, "STOP_CHECK_SECONDS", 0.001)
    cache, content = tmp_path / "cache", tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    first = build_site(tmp_path / "first", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    assert search_index.pending_index is None, "with no index of its own yet, a build makes one"

    about = content / "pages/about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nMoxibustion too.\n", encoding="utf-8")
    site = build_site(tmp_path / "changed", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    assert files_of(site / "pagefind") == files_of(first / "pagefind"), "the last index, meanwhile"
    assert search_index.make_pending_index(site, stop=lambda: True) is False
    assert files_of(site / "pagefind") == files_of(first / "pagefind")

    site = build_site(tmp_path / "again", PATH=str(content), SEARCH_INDEX_CACHE=str(cache))
    assert search_index.make_pending_index(site) is True
    uncached = build_site(tmp_path / "uncached", PATH=str(content), SEARCH_INDEX_CACHE="")
    assert files_of(site / "pagefind") == files_of(uncached / "pagefind") != files_of(first / "pagefind")
    assert sorted(path.name for path in site.iterdir() if "pagefind" in path.name) == ["pagefind"]


def test_pagefind_reads_only_the_pages_placed_like_a_search_body_and_makes_the_same_index(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    # The preview writes drafts one folder deeper (drafts/<slug>/), with a search body too.
    (content / "articles/unfinished.md").write_text(
        "Title: Unfinished\nDate: 2025-01-02\nStatus: draft\n\nMoxibustion warms the skin.\n", encoding="utf-8")
    site = build_site(tmp_path / "site", PATH=str(content), SEARCH_INDEX_CACHE="")
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
