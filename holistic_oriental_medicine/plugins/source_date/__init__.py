"""File times for reproducible builds: with the setting SOURCE_DATE_EPOCH (seconds since 1970, as
a CI job takes it from the last commit; publishconf.py reads it from the variable of that name
the job sets), every file and folder of the output gets that time, so two
builds of the same sources are the same down to their file times.

It runs last, on the `deploy` signal of pelican-granular-signals, after every other step has
written its files.
"""

import os
from pathlib import Path

import blinker
from pelican.plugins import granular_signals


def stamp_source_date(pelican):
    epoch = pelican.settings.get("SOURCE_DATE_EPOCH")
    if epoch is None:
        return
    output = Path(pelican.output_path)
    # Deepest first: stamping a folder's files does not change the folder's time, but be sure.
    for path in sorted([output, *output.rglob("*")], key=lambda path: len(path.parts), reverse=True):
        os.utime(path, (int(epoch), int(epoch)), follow_symlinks=False)


def register():
    granular_signals.register()
    blinker.signal("deploy").connect(stamp_source_date)
