"""Packages from the npm registry, fetched with Python alone: the tarball is checked against its
Subresource-Integrity hash (the `integrity` of package-lock.json, "sha512-<base64>") before a
byte of it is unpacked, and only the files asked for are written, into a folder that replaces
the old one only once complete. No Node or npm is needed.
"""

import base64
import fnmatch
import hashlib
import io
import json
import shutil
import tarfile
import urllib.request
from pathlib import PurePosixPath

from holistic_oriental_medicine.caches.folders import staging_folder, swap

REGISTRY = "https://registry.npmjs.org"


class IntegrityMismatch(ValueError):
    pass


def verified(data, integrity, source):
    """`data` if its hash matches `integrity` ("sha512-<base64>"), else IntegrityMismatch."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm not in ("sha512", "sha384", "sha256"):
        raise IntegrityMismatch(f"{source}: unsupported integrity {integrity!r}; expected sha512-…")
    actual = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if actual != expected:
        raise IntegrityMismatch(
            f"{source}: the download does not match its integrity hash "
            f"({algorithm}-{actual} instead of {integrity}); nothing was installed. "
            "Fix: try again; if it persists, the registry or the network changed the file."
        )
    return data


def fetch(url, integrity, timeout=120):
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return verified(response.read(), integrity, url)


def tarball_metadata(name, version, timeout=60):
    """The registry's tarball address and integrity of `name@version`."""
    with urllib.request.urlopen(f"{REGISTRY}/{name}/{version}", timeout=timeout) as response:
        dist = json.load(response)["dist"]
    return dist["tarball"], dist["integrity"]


def unpack(data, destination, patterns=("*",)):
    """Write the tarball's regular files whose path under `package/` matches one of `patterns`
    into `destination`, replacing it whole. Links, devices and paths leaving the folder are
    never written."""
    with staging_folder(destination) as staging:
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive:
                path = PurePosixPath(member.name)
                if not member.isfile() or path.is_absolute() or ".." in path.parts or len(path.parts) < 2:
                    continue
                inside = PurePosixPath(*path.parts[1:])  # below the tarball's top folder, package/
                if not any(fnmatch.fnmatchcase(str(inside), pattern) for pattern in patterns):
                    continue
                target = staging / inside
                target.parent.mkdir(parents=True, exist_ok=True)
                with archive.extractfile(member) as source, open(target, "wb") as written:
                    shutil.copyfileobj(source, written)
                if member.mode & 0o111:
                    target.chmod(0o755)
        swap(destination, staging)
