"""`invoke publish` installs only what publishing needs: Decap CMS's files, at the version
package-lock.json pins and checked against its integrity hash, with Python alone (a publish with
no Node on the machine is in test_site_address.py)."""

import base64
import hashlib
import io
import tarfile

import pytest

from holistic_oriental_medicine import provision
from holistic_oriental_medicine.provision import npm_registry


def a_tarball(files, links=()):
    """An npm-style .tgz (everything under package/) and its sha512 integrity."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        for name, data in files.items():
            member = tarfile.TarInfo(name)
            member.size = len(data)
            archive.addfile(member, io.BytesIO(data))
        for name, target in links:
            member = tarfile.TarInfo(name)
            member.type, member.linkname = tarfile.SYMTYPE, target
            archive.addfile(member)
    data = buffer.getvalue()
    return data, "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def test_a_download_that_does_not_match_the_lock_is_refused():
    data, integrity = a_tarball({"package/dist/decap-cms.js": b"the CMS"})
    assert npm_registry.verified(data, integrity, "decap-cms.tgz") == data
    with pytest.raises(npm_registry.IntegrityMismatch, match="decap-cms.tgz: the download does not match"):
        npm_registry.verified(data + b"tampered", integrity, "decap-cms.tgz")
    with pytest.raises(npm_registry.IntegrityMismatch, match="unsupported integrity"):
        npm_registry.verified(data, "sha1-" + integrity[7:], "decap-cms.tgz")


def test_unpacking_writes_only_the_files_asked_for_inside_the_folder(tmp_path):
    data, _ = a_tarball(
        {"package/package.json": b"{}", "package/dist/decap-cms.js": b"cms", "package/dist/cms.js.map": b"map",
         "package/../../escaped.js": b"x"},
        links=[("package/dist/link.decap-cms.js", "/etc/passwd")],
    )
    npm_registry.unpack(data, tmp_path / "decap-cms", patterns=["package.json", "dist/*.js"])
    written = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if not p.is_dir())
    assert written == ["decap-cms/dist/decap-cms.js", "decap-cms/package.json"]


def test_a_tampered_decap_download_stops_publishing_with_one_message(tmp_path, monkeypatch):
    def tampered(url, integrity, timeout=120):
        return npm_registry.verified(b"not decap", integrity, url)

    monkeypatch.setattr(npm_registry, "fetch", tampered)
    monkeypatch.setattr(provision, "NODE_MODULES", tmp_path / "node_modules")
    with pytest.raises(SystemExit) as stopped:
        provision.install_admin_files()
    assert "decap-cms-3.16.3.tgz: the download does not match its integrity hash" in str(stopped.value.code)
    assert "nothing was installed" in str(stopped.value.code)
    assert not (tmp_path / "node_modules").exists()
