"""Readings of clean sources, kept in memory by a process that builds again and again.

The live preview builds the site on every save in one long-running process, with the settings,
theme and plugins it started with. It turns this memory on (`remember`), so that a source whose
bytes did not change is not parsed, checked or converted again: its address, HTML and metadata
are taken as they were. A reading depends on the source's bytes (the key) and on which other
files exist (a link or a photo it names), so the live preview forgets every reading (`forget`)
when a file is added or removed, or the theme changes. Only sources without problems are kept.
Other builds never turn it on.
"""

from pathlib import Path

from .conversions import source_key


def copied(metadata):
    """A copy Pelican and plugins may change without changing the kept reading."""
    return {name: list(value) if isinstance(value, list) else value for name, value in metadata.items()}


class RememberedReads:
    def __init__(self):
        self.on = False
        self.readings = {}

    def remember(self):
        self.on = True

    def forget(self):
        self.readings.clear()

    def key(self, source_path):
        """The key of the source as it is now, or None when readings are not kept."""
        if not self.on:
            return None
        try:
            raw = Path(source_path).read_bytes()
        except OSError:
            return None
        return str(source_path), source_key(raw)

    def recall(self, key):
        """(slug, HTML, metadata) of the source as it was read before, or None."""
        reading = self.readings.get(key)
        if reading is None:
            return None
        slug, html, metadata = reading
        return slug, html, copied(metadata)

    def keep(self, key, slug, html, metadata):
        if key is not None:
            self.readings[key] = (slug, html, copied(metadata))


remembered_reads = RememberedReads()
