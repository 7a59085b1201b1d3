"""The `pelican` command line of a build, made in one place: `invoke` runs it in its own process,
the tests and the benchmarks in a new one."""

import json
import sys
from pathlib import Path

from pelican import main as pelican_main
from pelican.settings import read_settings

from holistic_oriental_medicine.caches.folders import staging_folder, swap


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


def output_of(settings_file):
    """Where a build with these settings writes (OUTPUT_PATH): preview/ for the preview, output/
    for the published site, so that a running preview never serves the production build."""
    return Path(read_settings(str(settings_file))["OUTPUT_PATH"])


def build_into(settings_file, output, **options):
    """Build in this process into a staging folder and put it in place of `output` only if the
    build succeeded (`options` as pelican_arguments'). A failed build ends with SystemExit."""
    with staging_folder(output) as staging:
        pelican_main(pelican_arguments(settings_file, staging, **options))
        swap(Path(output).resolve(), staging)
