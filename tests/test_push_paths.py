"""Which pushes to main take the content path and which run every test: .ci/choose_suite.py on
real git histories, and the publishing workflow that acts on its choice."""

import os
import subprocess
import sys

import pytest
import yaml
from support.project import PROJECT_ROOT

CHOOSE_SUITE = PROJECT_ROOT / ".ci/choose_suite.py"
PUBLISH_WORKFLOW = PROJECT_ROOT / ".github/workflows/publish.yml"
A_PROJECT = {
    "content/articles/back-pain.md": "Title: Back pain\nDate: 2025-01-01\n\nText.\n",
    "clinic.toml": 'name = "Clinic"\n',
    "holistic_oriental_medicine/plugins/read_time/": "WORDS_PER_MINUTE = 238\n",
    "theme/templates/base.html": "<html></html>\n",
    "pyproject.toml": "[project]\n",
    "package-lock.json": "{}\n",
    ".github/workflows/publish.yml": "name: Publish\n",
    ".ci/run": "invoke test\n",
}


def git(repository, *arguments):
    return subprocess.run(
        ["git", "-C", str(repository), *arguments], check=True, capture_output=True, text=True
    ).stdout.strip()


def commit(repository, changes, message="Change"):
    """Write (text) or delete (None) files, commit, and return the new commit."""
    for path, text in changes.items():
        target = repository / path
        if text is None:
            target.unlink()
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
    git(repository, "add", "--all")
    git(repository, "-c", "user.name=Editor", "-c", "user.email=editor@clinic.test", "commit", "--quiet",
        "--allow-empty", "-m", message)
    return git(repository, "rev-parse", "HEAD")


@pytest.fixture
def repository(tmp_path):
    """A project's history whose last commit went live."""
    repository = tmp_path / "site"
    repository.mkdir()
    git(repository, "init", "--quiet", "--initial-branch=main")
    commit(repository, A_PROJECT, "The site as it is live")
    return repository


def chosen_suite(repository, deployed, head, event="push", forced="false"):
    """What the workflow's plan job gets: the suite written to GITHUB_OUTPUT."""
    output = repository.parent / "github_output"
    output.write_text("", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(CHOOSE_SUITE), f"--event={event}", f"--forced={forced}", f"--deployed={deployed}",
         f"--head={head}"],
        cwd=repository, env={**os.environ, "GITHUB_OUTPUT": str(output)}, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stderr
    (line,) = output.read_text(encoding="utf-8").splitlines()
    assert line.startswith("suite=")
    return line.removeprefix("suite=")


def test_an_article_alone_takes_the_content_path(repository):
    live = git(repository, "rev-parse", "HEAD")
    head = commit(repository, {"content/articles/back-pain.md": "Title: Back pain\nDate: 2025-01-01\n\nFixed.\n"})
    assert chosen_suite(repository, live, head) == "content"


def test_articles_pictures_and_clinic_facts_over_several_commits_take_the_content_path(repository):
    live = git(repository, "rev-parse", "HEAD")
    commit(repository, {"content/articles/stress.md": "Title: Stress\n\nText.\n"})
    commit(repository, {"content/images/needles.jpg": "jpeg", "clinic.toml": 'name = "The Clinic"\n'})
    head = commit(repository, {"content/articles/back-pain.md": None})
    assert chosen_suite(repository, live, head) == "content"


@pytest.mark.parametrize(
    "path",
    ["holistic_oriental_medicine/plugins/read_time/", "theme/templates/base.html", "pyproject.toml", "package-lock.json",
     ".github/workflows/publish.yml", ".ci/run", "tasks.py", "contents/article.md", "content.md",
     "clinic.toml.bak", "theme/content/article.md"],
)
def test_any_change_outside_content_runs_every_test(repository, path):
    live = git(repository, "rev-parse", "HEAD")
    head = commit(repository, {path: "changed\n", "content/articles/back-pain.md": "Title: B\n\nNew.\n"})
    assert chosen_suite(repository, live, head) == "full"


def test_a_deleted_plugin_runs_every_test(repository):
    live = git(repository, "rev-parse", "HEAD")
    head = commit(repository, {"holistic_oriental_medicine/plugins/read_time/": None})
    assert chosen_suite(repository, live, head) == "full"


def test_moving_a_theme_file_into_content_runs_every_test(repository):
    live = git(repository, "rev-parse", "HEAD")
    git(repository, "mv", "theme/templates/base.html", "content/base.html")
    head = commit(repository, {})
    assert chosen_suite(repository, live, head) == "full"


def test_a_content_fix_after_a_push_that_never_went_live_runs_every_test(repository):
    """The theme change's tests failed, so it is not live: the content fix pushed after it
    brings it along, and must not skip its tests."""
    live = git(repository, "rev-parse", "HEAD")
    commit(repository, {"theme/templates/base.html": "<html><broken>\n"})
    head = commit(repository, {"content/articles/back-pain.md": "Title: Back pain\n\nTypo fixed.\n"})
    assert chosen_suite(repository, live, head) == "full"


def test_when_the_changes_cannot_be_known_every_test_runs(repository):
    live = git(repository, "rev-parse", "HEAD")
    head = commit(repository, {"content/articles/back-pain.md": "Title: Back pain\n\nFixed.\n"})
    assert chosen_suite(repository, live, head, event="workflow_dispatch") == "full"
    assert chosen_suite(repository, live, head, forced="true") == "full"
    assert chosen_suite(repository, "", head) == "full", "no run has gone live yet"
    assert chosen_suite(repository, "0" * 40, head) == "full", "a first push"
    assert chosen_suite(repository, "1234567" * 5 + "89abc", head) == "full", "a commit this clone lacks"
    assert chosen_suite(repository, "--output=x", head) == "full", "not a commit name"
    assert chosen_suite(repository, head, head) == "full", "no file changed"


def test_a_deployed_commit_that_a_forced_push_removed_runs_every_test(repository):
    git(repository, "checkout", "--quiet", "-b", "rewritten")
    rewritten = commit(repository, {"content/articles/stress.md": "Title: Stress\n\nText.\n"})
    git(repository, "checkout", "--quiet", "main")
    head = commit(repository, {"content/articles/back-pain.md": "Title: Back pain\n\nFixed.\n"})
    assert chosen_suite(repository, rewritten, head) == "full"


def jobs():
    return yaml.safe_load(PUBLISH_WORKFLOW.read_text(encoding="utf-8"))["jobs"]


def runs(job):
    return "\n".join(step.get("run", "") for step in job["steps"])


def test_the_plan_job_asks_the_script_and_each_path_runs_only_on_its_choice():
    workflow = jobs()
    assert "python3 .ci/choose_suite.py" in runs(workflow["plan"])
    assert "--deployed" in runs(workflow["plan"]) and "--status success" in runs(workflow["plan"])
    assert workflow["plan"]["outputs"]["suite"] == "${{ steps.suite.outputs.suite }}"
    assert workflow["content"]["if"] == "needs.plan.outputs.suite == 'content'"
    assert workflow["full"]["if"] == "needs.plan.outputs.suite == 'full'"


def test_the_content_path_checks_then_publishes_without_the_tests():
    text = runs(jobs()["content"])
    assert ".ci/run" not in text and "npm" not in text
    assert text.index("invoke check") < text.index("invoke publish")


def test_the_full_path_runs_every_test_before_publishing():
    text = runs(jobs()["full"])
    assert text.index("bash .ci/run") < text.index("invoke publish")


def test_only_a_successful_path_is_deployed():
    workflow = jobs()
    for job in ("content", "full"):
        assert workflow[job]["steps"][-1]["uses"].startswith("actions/upload-pages-artifact@")
    deploy = workflow["deploy"]
    assert deploy["needs"] == ["content", "full"]
    assert "!failure()" in deploy["if"] and "!cancelled()" in deploy["if"]
    assert "needs.content.result == 'success' || needs.full.result == 'success'" in deploy["if"]
