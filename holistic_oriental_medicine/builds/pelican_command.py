"""The `pelican` command line of a build, made in one place: `invoke` runs it in its own process,
the tests and the benchmarks in a new one."""

import json
import sys
from pathlib import Path


def pelican_arguments(settings_file, output, content=None, fatal_warnings=False, quiet=False, **settings):
    """Pelican's arguments to build `content` (content/ unless told) into `output` with
    `settings_file`, overriding `settings` (given as JSON values)."""
    arguments = [str(Path(content).resolve())] if content else []
    arguments += ["-s", str(settings_file), "-o", str(output)]
    if fatal_warnings:
        arguments += ["--fatal", "warnings"]
    if quiet:
        arguments.append("-q")
    if settings:
        arguments += ["-e", *(f"{name}={json.dumps(value)}" for name, value in settings.items())]
    return arguments


def pelican_process(settings_file, output, content=None, **options):
    """The command that runs the same build in a new process of this Python."""
    return [sys.executable, "-m", "pelican", *pelican_arguments(settings_file, output, content, **options)]
