"""The project the tests run in, its clinic facts, copies of it as a clone has it, and its invoke
tasks run as an editor runs them."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

# The clinic's facts as the site reads them (clinic.toml, with the phone number as shown).
CLINIC = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["CLINIC"]

# What a clone of the repository does not hold, or holds only after a build or a test run.
NOT_IN_A_CLONE = (".git", ".venv", "node_modules", "output", "cache", "screenshots", "results",
                  "__pycache__", ".pytest_cache", "*.egg-info")
# The same, but only at the project's root: the package has a part named preview.
NOT_IN_A_CLONE_AT_THE_ROOT = {"preview", "build"}


def not_in_a_clone(folder, names):
    """What shutil.copytree leaves out of a copy of the project as a clone has it."""
    ignored = shutil.ignore_patterns(*NOT_IN_A_CLONE)(folder, names)
    if Path(folder) == PROJECT_ROOT:
        ignored |= NOT_IN_A_CLONE_AT_THE_ROOT & set(names)
    return ignored


def project_copy(destination, **clinic_changes):
    """A copy of the project as a clone has it, in its own git repository, using this Python
    environment, with `clinic_changes` (TOML values as text) written into its clinic.toml."""
    shutil.copytree(PROJECT_ROOT, destination, ignore=not_in_a_clone)
    clinic = destination / "clinic.toml"
    text = clinic.read_text(encoding="utf-8")
    for key, value in clinic_changes.items():
        text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert count == 1, key
    clinic.write_text(text, encoding="utf-8")
    for command in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                    ["-c", "user.name=Editor", "-c", "user.email=editor@clinic.test",
                     "commit", "--quiet", "-m", "Start"]):
        subprocess.run(["git", "-C", str(destination), *command], check=True)
    # After the commit: a clone must not get the link to this environment.
    (destination / ".venv").symlink_to(Path(sys.prefix))
    return destination


def invoke(*arguments, cwd=PROJECT_ROOT, timeout=600, **environment):
    """`invoke *arguments` in a new process in the project at `cwd`, with `environment` added to
    this one's; its output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *map(str, arguments)],
        cwd=cwd,
        env={**os.environ, **environment},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
