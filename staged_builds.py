"""A build writes into a staging folder beside its output and replaces the output only once it
succeeded, so that a failed build leaves the last good site untouched (`invoke build`,
`invoke publish` and the live preview). The Wix importer replaces an article's pictures folder
the same way."""

import os
import shutil
import tempfile
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
    target = Path(target)
    retired = target.with_name(f".{target.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    Path(replacement).rename(target)
    shutil.rmtree(retired, ignore_errors=True)
