"""build_summary: every build ends with one line saying what it built and what had changed."""

import re

from conftest import build_site


def write(path, title):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Title: {title}\nDate: 2025-01-01\n\nSome words about {title}.\n", encoding="utf-8")


def summary_lines(capsys):
    return [line for line in capsys.readouterr().err.splitlines() if line.startswith("Built ")]


def test_a_build_says_what_it_built_and_how_many_sources_changed(tmp_path, capsys):
    content = tmp_path / "content"
    caches = {"CACHE_PATH": str(tmp_path / "cache")}
    for name in ("cupping", "moxibustion"):
        write(content / f"articles/{name}.md", name.title())
    write(content / "pages/about.md", "About")
    build_site(tmp_path / "first", PATH=str(content), **caches)
    write(content / "articles/cupping.md", "Cupping, revised")
    build_site(tmp_path / "second", PATH=str(content), **caches)
    first, second = summary_lines(capsys)
    assert re.fullmatch(r"Built 2 articles and 1 page \(3 changed\) in \d+\.\d s", first)
    assert re.fullmatch(r"Built 2 articles and 1 page \(1 changed\) in \d+\.\d s", second)
