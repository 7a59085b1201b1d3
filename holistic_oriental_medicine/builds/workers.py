"""How many processes a build works in: WORKER_PROCESSES, the one setting every pool of the
build follows (reading Markdown, drawing share cards, making photo sizes, writing pages); one
per core when it is not set."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def worker_count(settings, jobs, jobs_per_worker=1):
    """How many processes to share `jobs` among: WORKER_PROCESSES, but one per
    `jobs_per_worker` jobs at most (below that, starting a process costs more than it saves),
    and at least one."""
    return max(1, min(settings.get("WORKER_PROCESSES") or os.cpu_count() or 1, jobs // jobs_per_worker))


def worker_pool(workers, initializer=None, initargs=()):
    """A pool of `workers` processes forked from this one: they start with its settings and
    code as they are now (the live preview's, which may differ from the files on disk)."""
    return ProcessPoolExecutor(workers, multiprocessing.get_context("fork"), initializer, initargs)
