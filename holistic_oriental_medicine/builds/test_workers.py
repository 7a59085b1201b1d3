"""workers: WORKER_PROCESSES is the one setting of how many processes a build works in."""

import os

import pytest
from support.plugin_builds import build

from holistic_oriental_medicine.builds import workers
from holistic_oriental_medicine.plugins import parallel_pages, social_cards
from holistic_oriental_medicine.plugins.validate_content import parallel_reading

ARTICLES = 4
# The plugins that work in pools or forked writers (reading, drawing share cards in the
# brand's colors, writing pages).
FORKING_PLUGINS = ["validate_content", "brand_colors", "social_cards", "parallel_pages"]


def test_a_pool_has_worker_processes_at_most_and_one_per_share_of_jobs():
    assert workers.worker_count({"WORKER_PROCESSES": 3}, jobs=100, jobs_per_worker=8) == 3
    assert workers.worker_count({"WORKER_PROCESSES": 3}, jobs=17, jobs_per_worker=8) == 2
    assert workers.worker_count({"WORKER_PROCESSES": 3}, jobs=0) == 1
    assert workers.worker_count({"WORKER_PROCESSES": None}, jobs=1000) == os.cpu_count()


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "articles").mkdir(parents=True)
    for number in range(ARTICLES):
        (folder / "articles" / f"article-{number}.md").write_text(
            f"Title: Needles and Sleep, Part {number}\nDate: 2025-01-{number + 1:02}\n\nCalm, number {number}.\n",
            encoding="utf-8",
        )
    return folder


@pytest.fixture
def forks(monkeypatch):
    """Every pool and writer of the build started with a few jobs; the processes forked."""
    for module in (parallel_reading, social_cards, parallel_pages):
        monkeypatch.setattr(module, "PARALLEL_THRESHOLD", 1)
    forked = []
    fork = os.fork
    monkeypatch.setattr(os, "fork", lambda: forked.append(os.getpid()) or fork())
    return forked


def test_one_worker_process_builds_the_site_in_the_builds_own(tmp_path, content, forks):
    build(content, tmp_path / "output", FORKING_PLUGINS, WORKER_PROCESSES=1)
    assert forks == []


def test_two_worker_processes_read_draw_and_write_in_forked_processes(tmp_path, content, forks):
    build(content, tmp_path / "output", FORKING_PLUGINS, WORKER_PROCESSES=2)
    # Reading, drawing the share cards and writing the pages: one process forked each (the
    # build's own is the other), besides those that start and end the pools.
    assert len(forks) >= 3
