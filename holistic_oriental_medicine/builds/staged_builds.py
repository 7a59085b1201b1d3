"""A build writes into a staging folder beside its output and replaces the output only once it
succeeded, so that a failed build leaves the last good site untouched (`invoke build`,
`invoke publish` and the live preview); the old site is then deleted by a process of its own.
The Wix importer replaces an article's pictures folder the same way."""

import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path


def is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_abandoned_staging(output):
    """Delete the staging folders of builds that were killed before they could remove their
    own (one can hold a whole site); a folder is named by the process that builds in it."""
    prefix = f".{output.name}-staging-"
    for folder in output.parent.glob(prefix + "*"):
        pid = folder.name.removeprefix(prefix).partition("-")[0]
        if not (pid.isdigit() and is_running(int(pid))):
            shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def staging_folder(output):
    """A new, empty folder beside `output` to build into; deleted afterwards unless it has
    replaced `output` (`replace_folder`)."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    remove_abandoned_staging(output)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-staging-{os.getpid()}-", dir=output.parent))
    try:
        yield staging
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def replace_folder(target, replacement):
    """Put `replacement` where `target` is, keeping `target` until the swap is done."""
    retired = swap(target, replacement)
    if retired:
        shutil.rmtree(retired, ignore_errors=True)


def replace_site(output, staging):
    """Put the site built in `staging` in place of `output`, as `replace_folder` does; the old
    site (about 6,900 files at 1,000 articles, 0.3 s to delete) is deleted by a process of its
    own, with any an earlier build left, so that a build is done once its site is in place."""
    swap(output, staging)
    retired = [str(folder) for folder in Path(output).parent.glob(f"{retired_prefix(output)}*")]
    if not retired:
        return
    try:
        subprocess.Popen([sys.executable, "-c", DELETE_FOLDERS, *retired], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        for folder in retired:
            shutil.rmtree(folder, ignore_errors=True)


# What that process runs: it deletes the folders named on its command line.
DELETE_FOLDERS = "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"


def retired_prefix(target):
    return f".{Path(target).name}-retired"


def swap(target, replacement):
    """Rename `target` out of the way (to a name of its own) and `replacement` to its name;
    the old folder's new path, or None if there was none."""
    target = Path(target)
    retired = None
    if target.exists():
        retired = target.with_name(f"{retired_prefix(target)}-{time.time_ns()}")
        target.rename(retired)
    Path(replacement).rename(target)
    return retired
