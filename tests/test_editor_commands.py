"""The editor's commands: `invoke new` starts a valid draft, `invoke check` and `invoke publish`
treat every Pelican warning as an error, the live preview survives a failed build, and the
pre-commit hook runs the check on Markdown changes."""

import shutil
import subprocess
import sys
from datetime import datetime
from zoneinfo import ZoneInfo

import yaml
from support.builds import PUBLISH_ENVIRONMENT, snapshot
from support.project import CLINIC, PROJECT_ROOT, invoke, project_copy


def test_new_writes_a_valid_draft_dated_today_and_prints_its_path(tmp_path):
    content = tmp_path / "content"
    result = invoke("new", 'Acupuncture & Sleep: "Deep" Rest', "--content", str(content))
    assert result.returncode == 0, result.stderr
    path = content / "articles/acupuncture-sleep-deep-rest.md"
    assert result.stdout.strip() == str(path)
    assert "the draft is at http://127.0.0.1:8000/drafts/acupuncture-sleep-deep-rest/" in result.stderr
    front_matter = yaml.safe_load(path.read_text(encoding="utf-8").split("---")[1])
    timezone = ZoneInfo(CLINIC["timezone"])
    assert front_matter == {
        "title": 'Acupuncture & Sleep: "Deep" Rest',
        "date": datetime.now(timezone).date(),
        "slug": "acupuncture-sleep-deep-rest",
        "status": "draft",
    }
    checked = invoke("check", "--content", str(content))
    assert checked.returncode == 0, checked.stderr


def test_new_refuses_to_overwrite_an_article(tmp_path):
    content = tmp_path / "content"
    assert invoke("new", "Cupping", "--content", str(content)).returncode == 0
    (content / "articles/cupping.md").write_text("Title: Mine\nDate: 2025-01-01\n\nMine.\n", encoding="utf-8")
    result = invoke("new", "Cupping", "--content", str(content))
    assert result.returncode != 0
    assert "exists already" in result.stderr
    assert (content / "articles/cupping.md").read_text(encoding="utf-8").startswith("Title: Mine")


def attach_one_picture_twice(content):
    """Two articles that attach the same file: Pelican warns and would carry on."""
    (content / "images").mkdir(parents=True)
    (content / "images/plan.pdf").write_bytes(b"%PDF-1.4\n")
    (content / "articles").mkdir()
    for name in ("one", "two"):
        (content / f"articles/{name}.md").write_text(
            f"Title: {name}\nDate: 2025-01-01\n\n[Plan]({{attach}}../images/plan.pdf)\n", encoding="utf-8"
        )


def test_a_pelican_warning_stops_check_and_publish_and_keeps_the_previous_build(tmp_path, preview_site):
    content = tmp_path / "content"
    attach_one_picture_twice(content)
    output = tmp_path / "site/output"
    shutil.copytree(preview_site, output)
    before = snapshot(output)
    for task in ("check", "publish"):
        result = invoke(task, "--content", str(content), "--output", str(output), **PUBLISH_ENVIRONMENT)
        assert result.returncode != 0, task
        assert "{attach}" in result.stdout + result.stderr, task
        assert snapshot(output) == before, task
    assert invoke("build", "--content", str(content), "--output", str(tmp_path / "preview")).returncode == 0


def test_the_live_preview_keeps_the_last_good_build_when_a_build_fails(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "tests/bad_content/date_not_iso", content)
    good = content / "articles/good.md"
    good.write_text("Title: Good\nDate: 2025-01-01\n\nGood.\n", encoding="utf-8")
    bad = content / "articles/article.md"
    bad_text = bad.read_text(encoding="utf-8")
    bad.unlink()
    output = tmp_path / "output"
    # A build of the live preview, as after a save.
    rebuild = (
        "from tornado.ioloop import IOLoop; "
        "from holistic_oriental_medicine.preview.builds import PreviewBuilds; "
        f"PreviewBuilds('pelicanconf.py', {str(content)!r}, {str(output)!r}, IOLoop.current()).build_all(); "
        "print('still serving')"
    )

    def rebuild_preview():
        return subprocess.run(
            [sys.executable, "-c", rebuild], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=300
        )

    assert rebuild_preview().returncode == 0
    good_build = snapshot(output)
    bad.write_text(bad_text, encoding="utf-8")

    failed = rebuild_preview()

    assert failed.returncode == 0 and "still serving" in failed.stdout
    assert 'date: "Feb 16" is not a date' in failed.stderr
    assert "still shows the last good build" in failed.stderr
    assert snapshot(output) == good_build
    bad.write_text(bad_text.replace("Feb 16", "2025-02-16"), encoding="utf-8")
    assert rebuild_preview().returncode == 0
    assert (output / "not-iso/index.html").is_file()


def pre_commit(*arguments):
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *arguments],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_pre_commit_hook_checks_the_content_when_markdown_changes():
    assert pre_commit("validate-config", ".pre-commit-config.yaml").returncode == 0
    article = "content/articles/acupuncture-for-back-pain.md"
    on_markdown = pre_commit("run", "check-content", "--files", article)
    assert on_markdown.returncode == 0, on_markdown.stdout + on_markdown.stderr
    assert "Passed" in on_markdown.stdout
    on_python = pre_commit("run", "check-content", "--files", "tasks.py")
    assert on_python.returncode == 0
    assert "Skipped" in on_python.stdout


def test_the_preview_and_the_published_site_are_built_apart(tmp_path):
    project = project_copy(tmp_path / "site")
    for task in ("build", "publish"):
        result = invoke(task, cwd=project, **PUBLISH_ENVIRONMENT)
        assert result.returncode == 0, result.stderr
    preview_home = (project / "preview/index.html").read_text(encoding="utf-8")
    published_home = (project / "output/index.html").read_text(encoding="utf-8")
    assert 'href="./about/"' in preview_home or 'href="about/"' in preview_home
    assert "https://www.holisticorientalmedicine.example/about/" not in preview_home
    assert "https://www.holisticorientalmedicine.example/about/" in published_home
    assert (project / "output/index.html.br").is_file() and not (project / "preview/index.html.br").exists()
    assert invoke("clean", cwd=project).returncode == 0
    assert not (project / "preview").exists() and not (project / "output").exists()
