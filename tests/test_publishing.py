"""Publishing refuses example clinic facts, and the same sources always give the same site."""

import os
import subprocess
import sys

from conftest import PROJECT_ROOT, SOURCE_DATE_EPOCH, publish_site


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
