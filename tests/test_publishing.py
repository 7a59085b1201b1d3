"""Publishing refuses example clinic facts, and the same sources always give the same site,
whether built by `invoke publish` or by a bare `pelican` run of the production settings."""

import os
import subprocess
import sys
import time

from support.builds import PUBLISH_ENVIRONMENT, SOURCE_DATE_EPOCH, publish_site
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.caches import folders


def test_publish_refuses_the_example_clinic_facts_and_keeps_the_last_site(tmp_path):
    last_good = tmp_path / "site"
    last_good.mkdir()
    (last_good / "index.html").write_text("the last good site", encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if k != "PUBLISH_WITH_EXAMPLE_VALUES"}
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(last_good)],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "clinic.toml: example_values = true" in result.stderr
    assert "set example_values = false" in result.stderr
    assert (last_good / "index.html").read_text(encoding="utf-8") == "the last good site"


def test_a_bare_pelican_run_of_the_production_settings_refuses_them_too(tmp_path):
    environment = {k: v for k, v in os.environ.items() if k != "PUBLISH_WITH_EXAMPLE_VALUES"}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(tmp_path / "site")],
        cwd=PROJECT_ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 1
    assert "clinic.toml: example_values = true" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site").exists()


def files_of(site):
    return {
        path.relative_to(site).as_posix(): (path.read_bytes(), path.stat().st_mtime)
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def test_two_publishes_of_the_same_sources_are_byte_identical(published_site, tmp_path):
    again = publish_site(tmp_path / "again", SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)
    first, second = files_of(published_site), files_of(again)
    assert sorted(first) == sorted(second)
    different = [name for name in first if first[name] != second[name]]
    assert different == []


def test_file_times_are_the_source_date(published_site):
    for path in published_site.rglob("*"):
        assert path.stat().st_mtime == int(SOURCE_DATE_EPOCH), path


def test_pelican_builds_the_same_files_as_invoke_publish(published_site, tmp_path):
    """What a host running `pelican content -s publishconf.py` gets: the search index, the
    compressed copies and the file times too, byte for byte."""
    subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(tmp_path / "site")],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PUBLISH_ENVIRONMENT, "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH},
        check=True,
    )
    by_pelican, by_invoke = files_of(tmp_path / "site"), files_of(published_site)
    assert sorted(by_pelican) == sorted(by_invoke)
    assert [name for name in by_invoke if by_pelican[name] != by_invoke[name]] == []
    assert any(name.startswith("pagefind/") for name in by_pelican)
    assert "index.html.br" in by_pelican and "index.html.gz" in by_pelican


def test_a_build_removes_the_staging_folders_killed_builds_left_and_no_other(tmp_path):
    output = tmp_path / "output"
    killed = tmp_path / ".output-staging-4194303-abcd1234"
    older_killed = tmp_path / ".output-staging-k3j4h5g6"
    running = tmp_path / f".output-staging-{os.getpid()}-abcd1234"
    for folder in (killed, older_killed, running):
        (folder / "theme").mkdir(parents=True)
    subprocess.run(
        [sys.executable, "-m", "invoke", "build", "--output", str(output)],
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )
    # Those of killed builds are out of the way at once, and deleted by a process of their own.
    deadline = time.monotonic() + 30
    while len(list(tmp_path.iterdir())) > 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sorted(path.name for path in tmp_path.iterdir()) == [running.name, "output"]


def test_a_build_puts_its_site_in_place_and_a_process_of_its_own_deletes_the_old_one(tmp_path, monkeypatch):
    output, staging = tmp_path / "output", tmp_path / ".output-staging-1"
    for folder, text in ((output, "the old site"), (staging, "the new site")):
        (folder / "about").mkdir(parents=True)
        (folder / "about/index.html").write_text(text, encoding="utf-8")
    left_by_a_stopped_build = tmp_path / ".output-retired-1"
    left_by_a_stopped_build.mkdir()
    started = []
    monkeypatch.setattr(folders, "start_deleting", started.append)

    folders.swap(output, staging)
    assert (output / "about/index.html").read_text(encoding="utf-8") == "the new site"
    retired = sorted(path.name for path in tmp_path.iterdir() if path.name != "output")
    assert len(retired) == 2 and all(name.startswith(".output-retired-") for name in retired)
    # Not deleted by the build: by the process it started, which deletes both.
    (paths,) = started
    subprocess.run([*folders.DELETER, *paths], check=True)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["output"]
