"""A photo committed to content/images/ reaches git without its GPS position and camera
details: the pre-commit hook rewrites its metadata, never its pixels."""

import os
import shutil
import subprocess

from PIL import Image
from support.project import PROJECT_ROOT

from bench.phone_photos import (
    BODY_SERIAL_NUMBER,
    EXIF_IFD,
    GPS_IFD,
    ORIENTATION,
    ROTATED_RIGHT,
    write_phone_photo,
)

PHOTO = "content/images/treatment-room.jpg"


def image_data(path):
    """A JPEG's compressed pixels: everything from its start-of-scan marker on."""
    data = path.read_bytes()
    return data[data.index(b"\xff\xda"):]


def git(repository, *arguments):
    environment = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
                   "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    return subprocess.run(["git", *arguments], cwd=repository, capture_output=True, text=True,
                          env=environment, timeout=120)


def test_the_commit_hook_removes_gps_and_serial_numbers_and_keeps_the_pixels(tmp_path):
    repository = tmp_path / "site"
    repository.mkdir()
    for name in (".pre-commit-config.yaml", "holistic_oriental_medicine/clean_photos.py"):
        (repository / name).parent.mkdir(exist_ok=True)
        shutil.copy(PROJECT_ROOT / name, repository / name)
    (repository / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    photo = write_phone_photo(repository / PHOTO, size=(640, 480))
    pixels, compressed = Image.open(photo).tobytes(), image_data(photo)
    assert Image.open(photo).getexif().get_ifd(GPS_IFD)
    git(repository, "init", "-q")
    (repository / ".gitignore").write_text(".venv\n", encoding="utf-8")
    subprocess.run([str(PROJECT_ROOT / ".venv/bin/pre-commit"), "install"], cwd=repository, check=True,
                   capture_output=True)
    git(repository, "add", ".")

    first = git(repository, "commit", "-q", "-m", "Add a photo")
    assert first.returncode != 0, "the commit went ahead with the photo's GPS position"
    assert f"{PHOTO}: removed its metadata" in first.stdout + first.stderr
    git(repository, "add", ".")
    second = git(repository, "commit", "-q", "-m", "Add a photo")
    assert second.returncode == 0, second.stdout + second.stderr

    committed = tmp_path / "committed.jpg"
    committed.write_bytes(subprocess.run(["git", "show", f"HEAD:{PHOTO}"], cwd=repository,
                                         capture_output=True, check=True).stdout)
    exif = Image.open(committed).getexif()
    assert not exif.get_ifd(GPS_IFD)
    assert BODY_SERIAL_NUMBER not in exif.get_ifd(EXIF_IFD)
    assert 0x010F not in exif and 0x0110 not in exif  # the camera's maker and model
    assert exif[ORIENTATION] == ROTATED_RIGHT
    assert Image.open(committed).tobytes() == pixels
    assert image_data(committed) == compressed
