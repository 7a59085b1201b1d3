"""What the reading of a source depends on besides its own bytes, as one hash.

A reading (its address, HTML and metadata, once every check passed) is made by this project's
plugins and the packages they call, from the source and the settings, and its checks look at
the theme's templates (`template`), at today's date where the clinic is (`last_reviewed`) and
at the files in the content folder (pictures and files the source names). All of that is in the
fingerprint, so a reading cached under it is only ever recalled when reading again would give
the same reading.
"""

import hashlib
import json
import os
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from holistic_oriental_medicine import PACKAGE_FOLDER
from holistic_oriental_medicine.model import front_matter

from .conversions import code_hash
from .conversions import fingerprint as conversion_fingerprint

# The distributions whose code reads, checks or converts a source.
READING_PACKAGES = [
    "pelican", "Markdown", "PyYAML", "pelican-yaml-metadata", "pydantic", "pydantic_core",
    "selectolax", "nh3", "phonenumberslite", "Unidecode", "python-dateutil", "tzdata",
]
# Not read by a reading: where the build writes (the live preview stages every build in a new
# folder) and keeps its caches, and how many processes read (the workers read exactly as the
# build does).
UNREAD_SETTINGS = {"OUTPUT_PATH", "CACHE_PATH", "WORKER_PROCESSES"}


def package_versions():
    versions = []
    for name in READING_PACKAGES:
        try:
            versions.append(f"{name}=={version(name)}")
        except PackageNotFoundError:
            versions.append(f"{name} absent")
    return f"{' '.join(versions)} python {sys.version}"


def plugins_code():
    """A hash of the package's code, with the name of each file (their tests left out)."""
    sources = sorted(path for path in PACKAGE_FOLDER.rglob("*.py") if not path.name.startswith("test_"))
    names = "\n".join(path.relative_to(PACKAGE_FOLDER).as_posix() for path in sources)
    return hashlib.sha256(names.encode() + code_hash(sources).encode()).hexdigest()


# The package's code as this process runs it, read once (the page cache's key holds it too):
# the live preview keeps running what it started with, even once a file changes on disk, and
# starts again when a plugin changes.
PACKAGE_CODE = plugins_code()
# The code and packages as this process runs them.
CODE_AND_PACKAGES = f"{PACKAGE_CODE} {package_versions()}"


def settings_text(settings):
    """The settings as text, the same in every process for the same settings."""

    def canonical(value):
        # A set's order changes from one process to the next; anything else JSON cannot hold
        # is told apart by its repr.
        return sorted(value, key=repr) if isinstance(value, (set, frozenset)) else repr(value)

    read = {name: value for name, value in settings.items() if name not in UNREAD_SETTINGS}
    return json.dumps(read, sort_keys=True, default=canonical)


def template_names(theme):
    templates = Path(theme, "templates")
    return sorted(path.relative_to(templates).as_posix() for path in templates.rglob("*"))


def content_files(content):
    """Every file under the content folder by its path, and every link with its target."""
    listed = []
    for folder, folders, files in os.walk(content):
        for name in [*folders, *files]:
            path = os.path.join(folder, name)
            if os.path.islink(path):
                listed.append(f"{os.path.relpath(path, content)} -> {os.readlink(path)}")
            elif name in files:
                listed.append(os.path.relpath(path, content))
    return sorted(listed)


def reading_fingerprint(settings):
    parts = [
        conversion_fingerprint(settings),
        CODE_AND_PACKAGES,
        settings_text(settings),
        *template_names(settings["THEME"]),
        front_matter.clinic_today(settings["TIMEZONE"]).isoformat(),
        *content_files(settings["PATH"]),
    ]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]
