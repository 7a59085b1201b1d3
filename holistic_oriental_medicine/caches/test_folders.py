"""folders: an entry is written whole or not at all, a folder is swapped into place whole, an
old folder is deleted by a process of its own, and every cache is pruned by one rule."""

import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.caches import folders


def names(folder):
    return sorted(path.name for path in folder.iterdir())


def until_deleted(folder, seconds=30):
    """The names in `folder` once the folders being deleted there are gone."""
    deadline = time.monotonic() + seconds
    while any(folders.RETIRED in name for name in names(folder)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return names(folder)


@pytest.fixture
def deleters(monkeypatch):
    """The commands of the processes started to delete folders, not started: a test runs them."""
    started = []
    monkeypatch.setattr(folders, "start_deleting", lambda paths: started.append([*folders.DELETER, *paths]))
    return started


def test_a_file_is_in_place_only_once_written_and_a_failed_write_leaves_the_old_one(tmp_path):
    path = tmp_path / "cache/entry.pickle"
    with folders.written_file(path) as partial:
        partial.write_bytes(b"first")
        assert not path.exists()
    assert path.read_bytes() == b"first"

    with pytest.raises(RuntimeError), folders.written_file(path) as partial:
        partial.write_bytes(b"half of the sec")
        raise RuntimeError("the disk is full")
    assert path.read_bytes() == b"first"
    assert names(path.parent) == ["entry.pickle"]


def test_a_folder_is_in_place_only_once_complete_and_a_failed_one_is_deleted(tmp_path, deleters):
    entry = tmp_path / "cache/3f2a"
    with folders.written_folder(entry) as partial:
        (partial / "720.avif").write_bytes(b"avif")
        assert not entry.exists()
    assert names(entry) == ["720.avif"]

    failed = tmp_path / "cache/9b1c"
    with pytest.raises(OSError), folders.written_folder(failed) as partial:
        (partial / "720.avif").write_bytes(b"av")
        raise OSError("cannot decode")
    assert not failed.exists()
    for command in deleters:
        subprocess.run(command, check=True)
    assert names(tmp_path / "cache") == ["3f2a"]


def test_a_folder_another_build_made_meanwhile_stays(tmp_path):
    entry = tmp_path / "cache/3f2a"
    with folders.written_folder(entry) as partial:
        (partial / "mine").write_bytes(b"mine")
        entry.mkdir()
        (entry / "theirs").write_bytes(b"theirs")
    assert names(entry) == ["theirs"]
    assert until_deleted(tmp_path / "cache") == ["3f2a"]


def test_a_swap_puts_the_new_folder_in_place_and_a_process_of_its_own_deletes_the_old(tmp_path, deleters):
    site = tmp_path / "site"
    (site / "about").mkdir(parents=True)
    (site / "about/index.html").write_text("the old site", encoding="utf-8")
    left_by_a_stopped_deletion = tmp_path / ".site-retired-1"
    left_by_a_stopped_deletion.mkdir()
    with folders.staging_folder(site) as staging:
        (staging / "about").mkdir()
        (staging / "about/index.html").write_text("the new site", encoding="utf-8")
        folders.swap(site, staging)
    assert (site / "about/index.html").read_text(encoding="utf-8") == "the new site"
    retired = [name for name in names(tmp_path) if name != "site"]
    assert len(retired) == 2 and all(name.startswith(".site-retired-") for name in retired)
    (command,) = deleters
    subprocess.run(command, check=True)
    assert names(tmp_path) == ["site"]


KILLED_WHILE_WRITING = """
import os, signal, sys
from holistic_oriental_medicine.caches import folders
with folders.staging_folder(sys.argv[1]) as staging:
    (staging / "index.html").write_text("half a new site")
    os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_process_killed_while_writing_leaves_the_old_folder_and_the_next_deletes_what_it_left(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good site", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", textwrap.dedent(KILLED_WHILE_WRITING), str(site)],
                            env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT)})
    assert killed.returncode == -signal.SIGKILL
    assert (site / "index.html").read_text(encoding="utf-8") == "the last good site"
    (left,) = [name for name in names(tmp_path) if name != "site"]
    assert left.startswith(".site-staging-")

    with folders.staging_folder(site) as staging:
        running = staging.name
    assert until_deleted(tmp_path) == ["site"], f"neither {left} nor {running} is left"


def used(path, seconds_ago):
    moment = time.time_ns() - seconds_ago * 1_000_000_000
    os.utime(path, ns=(moment, moment))


def test_a_cache_keeps_what_builds_used_since_it_began_and_the_few_used_last(tmp_path, deleters):
    cache = tmp_path / "cache"
    cache.mkdir()
    for number in range(10):
        (cache / f"unused-{number}").mkdir()
        used(cache / f"unused-{number}", 100 + number)
    (cache / "by-a-build-beside-it").write_bytes(b"")
    folder = folders.CacheFolder({"CACHE_PATH": str(tmp_path)}, "cache")
    used(cache / "by-a-build-beside-it", 0)
    (cache / "made-by-this-build").write_bytes(b"")
    (cache / "used-by-this-build").write_bytes(b"")
    used(cache / "used-by-this-build", 3600)
    folders.mark_used(cache / "used-by-this-build")
    (cache / f".being-written{folders.STAGING}{os.getpid()}-ab12").write_bytes(b"")

    folder.prune()
    for command in deleters:
        subprocess.run(command, check=True)
    kept_unused = [f"unused-{number}" for number in range(folders.KEPT_UNUSED)]
    assert [name for name in names(cache) if not name.startswith(".")] == sorted([
        "by-a-build-beside-it", "made-by-this-build", "used-by-this-build", *kept_unused
    ])
    assert names(cache)[0].startswith(".being-written"), "what a running process writes stays"


def test_marking_an_entry_used_keeps_its_modification_time(tmp_path):
    """A kept file may be linked into a published site, whose file times are the source date."""
    card = tmp_path / "card.png"
    card.write_bytes(b"png")
    os.utime(card, (1696118400, 1696118400))
    folders.mark_used(card)
    assert card.stat().st_mtime == 1696118400
    assert folders.last_used(card) > time.time_ns() - 60 * 1_000_000_000
