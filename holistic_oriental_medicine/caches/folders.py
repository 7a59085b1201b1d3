"""Cache folders: the one way the build keeps what it made between runs, and replaces a folder
whole (the published site, an importer's pictures, an npm package).

The caches live in CACHE_PATH, each in a folder named for what it keeps (`CacheFolder`). In a
cache folder every entry (a file or a folder, named by what it was made from) is:
- written atomically (`written_file`, `written_folder`): under a hidden name of its own,
  `.NAME-staging-PID-TOKEN`, renamed to its name only once complete. A build never finds half an
  entry, and one killed while writing leaves the entry it replaces (the next build deletes what
  it left);
- marked when a build uses it (`mark_used`): its access time is set to now and its modification
  time stays, because a kept file may be hard-linked into a published site, whose file times
  are the source date;
- pruned by one rule (`prune`, see KEPT_UNUSED);
- deleted: a file at once (one unlink), a folder later (`delete_later`).

A folder replaced whole is built in a staging folder beside it (`staging_folder`) and swapped
into place by two renames (`swap`): until then the old one is whole and served.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager, suppress
from pathlib import Path

# The one pruning rule: what a build used stays, and so does what another build running beside
# it used since it began; of the rest, the KEPT_UNUSED entries used last stay, and the others
# are deleted. By count, not by age, so that a live preview making a search index on every save
# cannot fill the disk; more than one, so that the preview, production and a test build, which
# differ in settings (other fingerprints, other pages, drafts' share cards), do not delete each
# other's caches as they take turns.
KEPT_UNUSED = 4

STAGING = "-staging-"
RETIRED = "-retired-"

# One way of deleting a folder no longer wanted: renamed out of the way at once (so no build
# finds it by its name), then deleted by a process of its own. A thread would die with the
# build's process (`pelican` and `invoke build` exit once the site is in place) and share its
# interpreter lock; deleting in the build would hold it up (an old site is about 6,900 files
# at 1,000 articles, 0.3 s; a search index a file per page), and every save of the live preview
# with it.
DELETER = [sys.executable, "-c", "import shutil, sys\nfor folder in sys.argv[1:]: shutil.rmtree(folder, ignore_errors=True)"]


class CacheFolder:
    """One cache of the build under way: its folder in CACHE_PATH and when the build began
    using it, for `prune`."""

    def __init__(self, settings, name):
        self.path = Path(settings["CACHE_PATH"], name)
        self.started = time.time_ns()

    def __truediv__(self, name):
        return self.path / name

    def prune(self):
        prune(self.path, self.started)


def staging_name(path):
    path = Path(path)
    return path.with_name(f".{path.name}{STAGING}{os.getpid()}-{secrets.token_hex(4)}")


@contextmanager
def written_file(path):
    """A new path beside `path` to write the file into; renamed to `path` (in place of a file
    there) once the block ends, deleted if it fails."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = staging_name(path)
    try:
        yield partial
        os.replace(partial, path)
        mark_used(path)
    finally:
        partial.unlink(missing_ok=True)


@contextmanager
def staging_folder(path):
    """A new, empty folder beside `path` to write into; deleted afterwards unless it was
    renamed (`swap`). The staging folders of processes that were killed before they could
    delete theirs (one can hold a whole site) are deleted first."""
    path = Path(path).resolve()
    path.parent.mkdir(parents=True, exist_ok=True)
    delete_abandoned(path.parent, path.name)
    staging = staging_name(path)
    staging.mkdir()
    try:
        yield staging
    finally:
        if staging.exists():
            delete_later([staging])


@contextmanager
def written_folder(path):
    """A new, empty folder beside `path` to write the entry into; renamed to `path` once the
    block ends. If another build made `path` meanwhile, theirs stays (the same inputs make the
    same entry)."""
    with staging_folder(path) as staging:
        yield staging
        with suppress(OSError):
            staging.rename(path)
        mark_used(path)


def swap(target, replacement):
    """Put the folder `replacement` where `target` is, keeping `target` whole until then; the
    old folder is deleted later."""
    target = Path(target)
    retired = target.with_name(f".{target.name}{RETIRED}{time.time_ns()}")
    try:
        target.rename(retired)
    except FileNotFoundError:
        retired = None
    Path(replacement).rename(target)
    if retired:
        delete_later([retired])


def delete_later(folders):
    """Rename `folders` out of the way and have a process of its own delete them, with any
    folder renamed so beside them that a process stopped before it had deleted."""
    retired = set()
    for folder in map(Path, folders):
        if RETIRED not in folder.name:
            name = folder.name.lstrip(".").partition(STAGING)[0]
            moved = folder.with_name(f".{name}{RETIRED}{time.time_ns()}")
            with suppress(FileNotFoundError):
                folder.rename(moved)
                retired.add(moved)
        elif folder.exists():
            retired.add(folder)
        retired.update(folder.parent.glob(f".*{RETIRED}*"))
    if retired:
        start_deleting(sorted(map(str, retired)))


def start_deleting(paths):
    """Start the process that deletes the folders at `paths` (in this one if none can start)."""
    try:
        subprocess.Popen([*DELETER, *paths], start_new_session=True,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError:
        for path in paths:
            shutil.rmtree(path, ignore_errors=True)


def delete(paths):
    """Delete entries: files at once, folders later."""
    later = []
    for path in paths:
        if path.is_dir() and not path.is_symlink():
            later.append(path)
        else:
            path.unlink(missing_ok=True)
    if later:
        delete_later(later)


def is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def delete_abandoned(folder, name="*"):
    """Delete what processes no longer running were writing in `folder` (of the entry `name`)."""
    abandoned = []
    for path in Path(folder).glob(f".{name}{STAGING}*"):
        pid = path.name.rpartition(STAGING)[2].partition("-")[0]
        if not (pid.isdigit() and is_running(int(pid))):
            abandoned.append(path)
    delete(abandoned)


def mark_used(path):
    """Note that the build under way used the entry at `path` (see the module's docstring), by
    this clock: the file system's is coarser, and would mark an entry just written a little
    before the build that wrote it began."""
    with suppress(FileNotFoundError):
        os.utime(path, ns=(time.time_ns(), os.stat(path).st_mtime_ns))


def last_used(path):
    try:
        times = os.stat(path)
    except FileNotFoundError:  # deleted meanwhile by another build
        return 0
    return max(times.st_atime_ns, times.st_mtime_ns)


def entries(folder):
    """The entries of a cache folder, not what is being written or deleted."""
    try:
        return [path for path in Path(folder).iterdir() if not path.name.startswith(".")]
    except FileNotFoundError:
        return []


def prune(folder, since):
    """Delete the entries of `folder` by the rule of KEPT_UNUSED: those last used before `since`
    (when the build began) but the KEPT_UNUSED used last; and what killed builds left."""
    unused = sorted(((used, path) for path in entries(folder) if (used := last_used(path)) < since),
                    reverse=True)
    delete([path for _used, path in unused[KEPT_UNUSED:]])
    delete_abandoned(folder)
