"""Entries kept between builds: in the process's memory, and in one pickle file per fingerprint.

A fingerprint names everything the entries depend on besides their keys, so a cache file is
only ever read back by a build whose fingerprint is the same. A build keeps what it used and
only that: entries of changed sources are dropped. The files of other fingerprints are pruned
as every cache's entries are (caches/folders.py).
"""

import pickle

from . import folders


class PickledCache:
    def __init__(self, name):
        # The cache's folder in CACHE_PATH.
        self.name = name
        self.folder = None
        self.fingerprint = None
        self.entries = {}
        self.used = set()
        # Entries added since the cache was last saved.
        self.added = 0

    def start(self, settings, fingerprint):
        """Begin a build: load the entries for `fingerprint`, unless they are in memory already.
        No CACHE_PATH: nothing is kept between builds."""
        folder = folders.CacheFolder(settings, self.name) if settings.get("CACHE_PATH") else None
        kept_in_memory = (self.folder and self.folder.path, self.fingerprint)
        self.folder, self.used = folder, set()
        if (folder and folder.path, fingerprint) != kept_in_memory:
            self.fingerprint = fingerprint
            self.entries = self._load()

    def _file(self):
        return self.folder / f"{self.fingerprint}.pickle"

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
        """Keep what this build used, and only that, in memory and in the file, and prune the
        folder. An unchanged cache is not written again."""
        unchanged = self.added == 0 and self.used == set(self.entries)
        self.added = 0
        self.entries = {key: entry for key, entry in self.entries.items() if key in self.used}
        if not self.folder:
            return
        if unchanged and self._file().is_file():
            folders.mark_used(self._file())
        else:
            with folders.written_file(self._file()) as partial, open(partial, "wb") as cache_file:
                pickle.dump(self.entries, cache_file, protocol=pickle.HIGHEST_PROTOCOL)
        self.folder.prune()
