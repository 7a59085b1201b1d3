"""The problems found in one build, reported together at its end.

A build records each problem as it finds it (`record`); once everything is checked, `report`
prints them on stderr, one line each, `path: field or line: what is wrong and how to fix it`,
with paths relative to the project, and stops the build. Warnings (`warn`: things the editor
should look at, such as a claim without a source) are printed the same way, marked
`warning:`, and do not stop it. They go to stderr directly, not through Pelican's log, which
publishing makes fatal.
"""

import os
import sys
from pathlib import Path


class ContentProblems(SystemExit):
    """The content has problems, printed one per line: the build ends here with exit status 1
    (a SystemExit, so that Pelican does not add a traceback an editor cannot use)."""


class BuildProblems:
    """What one build found: its problems, the addresses taken, the sources left out."""

    def __init__(self):
        self.start()

    def start(self, focus=None):
        # The source the editor asked about (`invoke check ARTICLE`), shown path, or None.
        self.focus = focus
        self.lines = []
        self.warnings = []
        # slug -> the source that has it; articles and pages share one set of addresses.
        self.addresses = {}
        # Sources left out for their problems, relative to the content folder.
        self.skipped = set()
        # source path -> (line, phrase) of each health claim it makes without a source.
        self.claims = {}

    def record(self, path, where, message, settings):
        self.lines.append((shown_path(path, settings), f"{where}: {message}"))

    def warn(self, path, where, message, settings):
        self.warnings.append((shown_path(path, settings), f"{where}: warning: {message}"))

    def _ordered(self, lines):
        """By file, the file the editor asked about first."""
        return sorted(lines, key=lambda line: (line[0] != self.focus, line[0]))

    def report(self):
        """Print every warning, then every problem and stop the build, if there is any. With a
        focus, only its own warnings are listed; the other files' are counted."""
        if self.warnings:
            shown = [line for line in self.warnings if self.focus in (None, line[0])]
            others = sorted({path for path, _ in self.warnings if path != self.focus and self.focus})
            ordered = self._ordered(shown)
            count = len(shown)
            sys.stderr.write("".join(f"{path}: {warning}\n" for path, warning in ordered))
            if count:
                sys.stderr.write(
                    f"{count} warning{'s' if count != 1 else ''} (listed above): they do not stop "
                    "the build; `invoke check --strict` makes them problems.\n"
                )
            if others:
                hidden = len(self.warnings) - count
                sys.stderr.write(
                    f"Other files have {hidden} warning{'s' if hidden != 1 else ''} ("
                    + ", ".join(others) + "): `invoke check` without a file lists them.\n"
                )
            sys.stderr.flush()
            # Printed once: a later report in the same build (the photos step reports its own
            # problems) must not repeat them.
            self.warnings = []
        if not self.lines:
            return
        ordered = self._ordered(self.lines)
        sys.stderr.write("".join(f"{path}: {problem}\n" for path, problem in ordered))
        sys.stderr.flush()
        count = len(self.lines)
        raise ContentProblems(
            f"{count} problem{'s' if count != 1 else ''} in the content (listed above): "
            "nothing was published. Fix each one and build again."
        )


def shown_path(path, settings):
    """A path relative to the project, as editors see it in their folder."""
    root = Path(settings.get("PROJECT_ROOT", os.getcwd())).resolve()
    path = Path(os.path.abspath(path))
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


# The problems of the build under way (Pelican runs one build at a time in a process).
build = BuildProblems()
