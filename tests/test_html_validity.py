"""The Nu HTML Checker (vnu, run with Java) finds no error on any generated page."""

import json
import shutil
import subprocess

import pytest

from conftest import PROJECT_ROOT

VNU_JAR = PROJECT_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def nu_html_errors(pages):
    """Every error the checker reports on `pages`, as 'file:line: message', in one Java run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("The HTML check needs Java: apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` in {PROJECT_ROOT}")
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(checked.stderr)["messages"]
    return [f"{m['url']}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]


def test_every_preview_and_published_page_is_valid_html(html_pages, served_site):
    _, site = served_site
    published = sorted(site.rglob("*.html"))
    assert len(published) >= len(html_pages) > 10
    assert nu_html_errors([*html_pages, *published]) == []


def test_the_checker_reports_an_invalid_page(tmp_path):
    page = tmp_path / "invalid.html"
    page.write_text("<!doctype html><html lang=en><title>x</title><p><div></span>", encoding="utf-8")
    errors = nu_html_errors([page])
    assert any("Stray end tag “span”" in error for error in errors)
    assert all(error.startswith(f"file:{page}:1: ") for error in errors)
