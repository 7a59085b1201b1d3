"""The deploy targets: the gh-pages branch, rsync to a server, and the GitHub Actions workflow."""

import os
import stat
import subprocess
import sys

import pytest
from support.builds import PUBLISH_ENVIRONMENT
from support.project import PROJECT_ROOT
from support.workflows import lint

WORKFLOW = PROJECT_ROOT / ".github/workflows/publish.yml"


def run_task(*arguments, cwd=PROJECT_ROOT, **environment):
    """Run an invoke task of this project in a new process, from the folder `cwd`."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(PROJECT_ROOT), *arguments],
        cwd=cwd,
        env={**os.environ, **PUBLISH_ENVIRONMENT, **environment},
        check=True,
        capture_output=True,
        text=True,
    )


def git(repository, *arguments):
    return subprocess.run(
        ["git", "-C", str(repository), *arguments], check=True, capture_output=True
    ).stdout


@pytest.fixture
def repository(tmp_path):
    """A new git repository with one commit on its main branch."""
    repository = tmp_path / "repository"
    repository.mkdir()
    git(repository, "init", "--quiet", "--initial-branch=main")
    git(repository, "config", "user.name", "Clinic Editor")
    git(repository, "config", "user.email", "editor@clinic.example")
    (repository / "README.md").write_text("The clinic's site\n", encoding="utf-8")
    git(repository, "add", "README.md")
    git(repository, "commit", "--quiet", "-m", "Start")
    return repository


def test_gh_pages_commits_the_published_site_to_its_own_branch(repository, tmp_path):
    site = tmp_path / "site"
    run_task("gh-pages", "--output", str(site), cwd=repository)
    committed = set(git(repository, "ls-tree", "-r", "--name-only", "gh-pages").decode().split())
    published = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert committed == published | {".nojekyll", "CNAME"}
    assert git(repository, "show", "gh-pages:index.html") == (site / "index.html").read_bytes()
    assert git(repository, "show", "gh-pages:CNAME").decode().strip() == "www.holisticorientalmedicine.example"
    assert git(repository, "ls-tree", "--name-only", "main").decode().split() == ["README.md"]


def test_rsync_mirrors_the_site_readable_by_the_web_server(tmp_path):
    site, server = tmp_path / "site", tmp_path / "server/www"
    server.mkdir(parents=True)
    (server / "removed-article").mkdir()
    (server / "removed-article/index.html").write_text("an old page", encoding="utf-8")
    run_task("rsync", "--output", str(site), DEPLOY_HOST="", DEPLOY_PATH=str(server))
    copied = {p.relative_to(server).as_posix(): p.read_bytes() for p in server.rglob("*") if p.is_file()}
    published = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert copied == published
    for path in [server, *server.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o755 if path.is_dir() else 0o644), path


@pytest.mark.parametrize(
    "environment",
    [{"SITEURL": "https://x.example$(id>pwned.txt)"}, {"DEPLOY_HOST": "", "DEPLOY_PATH": "/tmp/x;id>pwned.txt"}],
)
def test_rsync_runs_no_command_hidden_in_a_setting(tmp_path, environment):
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "--search-root", str(PROJECT_ROOT), "rsync", "--dry-run",
         "--output", str(tmp_path / "site")],
        cwd=tmp_path,
        env={**os.environ, **PUBLISH_ENVIRONMENT, **environment},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert not (tmp_path / "pwned.txt").exists()
    assert "cannot be written into a host's configuration or command" in result.stderr


def test_rsync_dry_run_copies_nothing(tmp_path):
    server = tmp_path / "server"
    server.mkdir()
    run_task("rsync", "--dry-run", "--output", str(tmp_path / "site"), DEPLOY_HOST="", DEPLOY_PATH=str(server))
    assert list(server.iterdir()) == []


def test_the_workflow_passes_actionlint():
    result = lint(WORKFLOW)
    assert result.returncode == 0, result.stdout


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github/workflows/publish.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("needs: plan", "needs: plna"), encoding="utf-8")
    result = lint(broken)
    assert result.returncode == 1
    assert "plna" in result.stdout

