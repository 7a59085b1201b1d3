"""What was saved: the operating system tells at once (through watchfiles, which Pelican itself
uses for `--autoreload`), and a burst of saves arrives as one set of changes."""

from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

MARKDOWN = {".md", ".markdown", ".mdown", ".mkd"}


@dataclass
class Saves:
    """One set of changes, sorted by what they ask of the preview."""

    # Markdown sources whose text changed: only they are read again.
    sources: set = field(default_factory=set)
    # Files added or deleted, or pictures and other files changed: every source is read again,
    # since a source's checks look at the files it links to.
    files: set = field(default_factory=set)
    # Templates or theme files: every page changes.
    theme: set = field(default_factory=set)
    # Settings, clinic.toml or plugin code: the preview starts again to run them.
    code: set = field(default_factory=set)

    @classmethod
    def together(cls, many):
        """One set of changes for several that came during a build."""
        return cls(*(set().union(*(getattr(saves, kind) for saves in many))
                     for kind in ("sources", "files", "theme", "code")))

    def __bool__(self):
        return bool(self.sources or self.files or self.theme or self.code)


def sorted_saves(changes, content, theme):
    saves = Saves()
    for change, name in changes:
        path = Path(name).resolve()
        if path.is_relative_to(content):
            if change == watchfiles.Change.modified and path.suffix.lower() in MARKDOWN:
                saves.sources.add(path)
            else:
                saves.files.add(path)
        elif path.is_relative_to(theme):
            saves.theme.add(path)
        elif path.suffix in {".py", ".toml"}:
            saves.code.add(path)
    return saves


def watch_saves(folders, on_saves):
    """Call `on_saves(Saves)` for each burst of saves in `folders` (content, theme, code), one
    call at a time: saves made during a build wait for it and come as one."""
    content, theme = folders[:2]
    roots = [str(root) for root in folders if root.exists()]
    for changes in watchfiles.watch(*roots, debounce=50, step=10):
        saves = sorted_saves(changes, content, theme)
        if saves:
            on_saves(saves)
