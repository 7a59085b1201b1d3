"""A progress bar while posts are read, on a terminal only (logs and CI get the summary alone)."""

import sys
from contextlib import contextmanager

from rich.console import Console
from rich.progress import Progress


@contextmanager
def progress_bar():
    """Yields `start(title, total)`, which returns the function that advances the bar by one."""
    if not sys.stderr.isatty():
        yield lambda title, total: (lambda: None)
        return
    with Progress(transient=True, console=Console(stderr=True)) as progress:
        def start(title, total):
            task = progress.add_task(title, total=total)
            return lambda: progress.advance(task)
        yield start
