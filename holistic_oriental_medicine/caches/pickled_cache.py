"""Entries kept between builds: in the process's memory, and in one pickle file per fingerprint.

A fingerprint names everything the entries depend on besides their keys, so a cache file is
only ever read back by a build whose fingerprint is the same. A build keeps what it used and
only that: entries of changed sources are dropped, and of the files of other fingerprints only
the few used last are kept (the preview and the published site differ in settings: each would
otherwise delete the other's).
"""

import os
import pickle
from pathlib import Path

# The cache files kept in a folder: the one of this build and those used just before it.
KEPT_FINGERPRINTS = 3


class PickledCache:
    def __init__(self):
        self.folder = None
        self.fingerprint = None
        self.entries = {}
        self.used = set()
        # Entries added since the cache was last saved.
        self.added = 0

    def start(self, folder, fingerprint):
        """Begin a build: load the entries for `fingerprint`, unless they are in memory already."""
        if (folder, fingerprint) != (self.folder, self.fingerprint):
            self.folder, self.fingerprint = folder, fingerprint
            self.entries = self._load()
        self.used = set()

    def _file(self):
        return Path(self.folder, f"{self.fingerprint}.pickle")

    def _load(self):
        if not self.folder:
            return {}
        try:
            with open(self._file(), "rb") as cache_file:
                return pickle.load(cache_file)
        except (OSError, EOFError, pickle.UnpicklingError):
            return {}

    def get(self, key):
        """The entry under `key`, or None; an entry asked for is kept."""
        entry = self.entries.get(key)
        if entry is not None:
            self.used.add(key)
        return entry

    def put(self, key, entry):
        self.used.add(key)
        self.entries[key] = entry
        self.added += 1

    def save(self):
        """Keep what this build used, and only that, in memory and in the file; the files of
        fingerprints not used lately are deleted. An unchanged cache is not written again."""
        unchanged = self.added == 0 and self.used == set(self.entries)
        self.added = 0
        self.entries = {key: entry for key, entry in self.entries.items() if key in self.used}
        if not self.folder:
            return
        if not (unchanged and self._touched()):
            self._write()
        self._delete_files_not_used_lately()

    def _touched(self):
        """Mark the file as used last; False if it is not there."""
        try:
            os.utime(self._file())
        except FileNotFoundError:
            return False
        return True

    def _write(self):
        folder = Path(self.folder)
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f"{self.fingerprint}.{os.getpid()}.partial"
        with open(partial, "wb") as cache_file:
            pickle.dump(self.entries, cache_file, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(self._file())

    def _delete_files_not_used_lately(self):
        def last_used(path):
            try:
                return path.stat().st_mtime_ns
            except OSError:  # deleted meanwhile by another build
                return 0

        others = sorted((path for path in Path(self.folder).glob("*.pickle") if path != self._file()),
                        key=last_used, reverse=True)
        for stale in others[KEPT_FINGERPRINTS - 1 :]:
            stale.unlink(missing_ok=True)
