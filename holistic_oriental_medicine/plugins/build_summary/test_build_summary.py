"""build_summary: every build ends with one line saying what it built and what had changed."""

import re
from pathlib import Path

from support.plugin_builds import build, copy_of

TEST_DATA = Path(__file__).with_name("test_data")
# "Changed" counts the sources validate_content converted again.
PLUGINS = ["validate_content", "build_summary"]


def summary_lines(capsys):
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("Built ")]


def test_a_build_says_what_it_built_and_how_many_sources_changed(tmp_path, capsys):
    content = copy_of(TEST_DATA, tmp_path / "content")
    build(content, tmp_path / "first", PLUGINS, caches=tmp_path / "caches")
    cupping = content / "articles/cupping.md"
    cupping.write_text(cupping.read_text(encoding="utf-8").replace("Title: Cupping", "Title: Cupping, revised"),
                       encoding="utf-8")
    build(content, tmp_path / "second", PLUGINS, caches=tmp_path / "caches")
    first, second = summary_lines(capsys)
    assert re.fullmatch(r"Built 2 articles and 1 page \(3 changed\) in \d+\.\d s", first)
    assert re.fullmatch(r"Built 2 articles and 1 page \(1 changed\) in \d+\.\d s", second)
