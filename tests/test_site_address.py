"""Every production path (`invoke publish`, `gh-pages`, `rsync` and the GitHub workflow) refuses
an example or missing site address, saying where to set it, and publishes with a real one."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from support.project import project_copy

REAL_SITEURL = "https://www.holistic-oriental-medicine-portland.com"
EXAMPLE_SITEURL = "https://www.holisticorientalmedicine.example"
WHERE_TO_SET_IT = "Fix: set SITEURL to the site's public address: in publishconf.py"


@pytest.fixture
def project(tmp_path):
    """A clone of the project whose clinic facts are marked real, so only SITEURL can stop it."""
    return project_copy(tmp_path / "clinic-site", example_values="false")


def without_escape(**environment):
    variables = {k: v for k, v in os.environ.items() if k not in ("PUBLISH_WITH_EXAMPLE_VALUES", "SITEURL")}
    return {**variables, **environment}


def invoke(project, *arguments, **environment):
    return subprocess.run(
        [sys.executable, "-m", "invoke", *arguments], cwd=project, env=without_escape(**environment),
        capture_output=True, text=True, timeout=600,
    )


# The workflow's two ways to publish: the content path and the one after every test.
PUBLISHING_JOBS = ("content", "full")


def workflow_steps(project, job="content"):
    workflow = yaml.safe_load((project / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    return workflow["jobs"][job]["steps"]


def python_alone(project):
    """A PATH with this environment's programs, bash and git, and no node or npm: what the
    content path's runner uses."""
    programs = project.parent / "programs"
    programs.mkdir(exist_ok=True)
    for program in ("bash", "git"):
        (programs / program).symlink_to(shutil.which(program))
    return os.pathsep.join([str(Path(sys.executable).parent), str(programs)])


def workflow_publish(project, site_url_variable, step_name="Publish"):
    """The workflow's Publish step (or another), run as GitHub runs it on the content path,
    with Python alone and the repository variable SITEURL set to `site_url_variable` ("" when
    the variable does not exist)."""
    (step,) = [s for s in workflow_steps(project) if s.get("name") == step_name]
    environment = {
        name: value.replace("${{ vars.SITEURL }}", site_url_variable) for name, value in step["env"].items()
    }
    environment["PATH"] = python_alone(project)
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=project, env=without_escape(**environment),
        capture_output=True, text=True, timeout=600,
    )


def git(project, *arguments):
    return subprocess.run(["git", "-C", str(project), *arguments], capture_output=True, text=True)


def refused_for_the_address(result):
    assert result.returncode != 0
    assert "publishconf.py: SITEURL" in result.stderr, result.stderr
    assert WHERE_TO_SET_IT in result.stderr
    assert "repository variable SITEURL" in result.stderr


@pytest.mark.parametrize("site_url", ["", EXAMPLE_SITEURL, "https://clinic.example.com"])
def test_publish_refuses_an_example_or_missing_address(project, tmp_path, site_url):
    result = invoke(project, "publish", "--output", str(tmp_path / "site"), SITEURL=site_url)
    refused_for_the_address(result)
    assert not (tmp_path / "site").exists()


def test_gh_pages_refuses_the_example_address_and_commits_nothing(project):
    refused_for_the_address(invoke(project, "gh-pages"))
    assert git(project, "rev-parse", "--verify", "gh-pages").returncode != 0


def test_rsync_refuses_the_example_address_and_copies_nothing(project, tmp_path):
    server = tmp_path / "server"
    server.mkdir()
    refused_for_the_address(invoke(project, "rsync", DEPLOY_HOST="", DEPLOY_PATH=str(server)))
    assert list(server.iterdir()) == []


def test_the_workflow_refuses_to_publish_without_the_siteurl_variable(project):
    refused_for_the_address(workflow_publish(project, ""))
    assert not (project / "output").exists()


EARLY_CHECK = "Check the site's address and the clinic facts"


@pytest.mark.parametrize("job", PUBLISHING_JOBS)
def test_the_workflow_checks_the_address_first_after_installing_python_packages(project, job):
    names = [step.get("name") or step["uses"] for step in workflow_steps(project, job)]
    checked = names.index(EARLY_CHECK)
    assert names[0].startswith("actions/checkout@") or names[1].startswith("actions/checkout@")
    assert names[checked - 1] == "Install the Python packages"
    later = "Install everything and run every test" if job == "full" else "Check the content, drafts included"
    assert checked < names.index(later)


def test_both_ways_publish_with_the_same_steps(project):
    content, full = (workflow_steps(project, job) for job in PUBLISHING_JOBS)
    for name in (EARLY_CHECK, "Publish", "Reuse the build caches of earlier runs"):
        assert [s for s in content if s.get("name") == name] == [s for s in full if s.get("name") == name]


def test_the_workflow_refuses_without_the_siteurl_variable_before_the_tests(project):
    refused_for_the_address(workflow_publish(project, "", EARLY_CHECK))


def test_the_workflows_early_check_passes_a_real_address(project):
    result = workflow_publish(project, REAL_SITEURL, EARLY_CHECK)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_gh_pages_publishes_for_a_real_address_with_its_cname(project):
    result = invoke(project, "gh-pages", SITEURL=REAL_SITEURL)
    assert result.returncode == 0, result.stderr
    assert git(project, "show", "gh-pages:CNAME").stdout.strip() == "www.holistic-oriental-medicine-portland.com"
    assert f'href="{REAL_SITEURL}/"' in git(project, "show", "gh-pages:index.html").stdout


def test_gh_pages_refuses_a_custom_domain_below_its_root(project):
    result = invoke(project, "gh-pages", SITEURL=REAL_SITEURL + "/blog")
    assert result.returncode != 0
    assert "GitHub Pages serves www.holistic-oriental-medicine-portland.com at its root" in result.stderr
    assert git(project, "rev-parse", "--verify", "gh-pages").returncode != 0


def test_rsync_copies_the_site_published_for_a_real_address(project, tmp_path):
    server = tmp_path / "server"
    server.mkdir()
    result = invoke(project, "rsync", SITEURL=REAL_SITEURL, DEPLOY_HOST="", DEPLOY_PATH=str(server))
    assert result.returncode == 0, result.stderr
    assert f'href="{REAL_SITEURL}/"' in (server / "index.html").read_text(encoding="utf-8")


def test_the_workflow_publishes_for_the_siteurl_variable_with_python_alone(project):
    result = workflow_publish(project, REAL_SITEURL)
    assert result.returncode == 0, result.stderr
    assert f'href="{REAL_SITEURL}/"' in (project / "output/index.html").read_text(encoding="utf-8")
    # Only the files the admin serves were installed (Decap CMS's and its YAML library), and the
    # CMS at /admin/ is made of them.
    installed = {p.relative_to(project / "node_modules").as_posix()
                 for p in (project / "node_modules").rglob("*") if p.is_file()}
    served = {f"decap-cms/dist/{p.name}" for p in (project / "output/admin").glob("*decap-cms.js*")
              if not p.name.endswith((".br", ".gz"))}
    assert (project / "output/admin/js-yaml.min.js").is_file()
    served.add("js-yaml/dist/js-yaml.min.js")
    assert installed == served | {"decap-cms/package.json", "js-yaml/package.json"}
    assert sum((project / "node_modules" / name).stat().st_size for name in installed) < 10_000_000


def test_a_bare_pelican_run_of_the_production_settings_refuses_the_example_address(project, tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(tmp_path / "site")],
        cwd=project, env=without_escape(), capture_output=True, text=True, timeout=600,
    )
    refused_for_the_address(result)


@pytest.mark.parametrize(("variable", "host"), [("NETLIFY=true", "Netlify"), ("CF_PAGES=1", "Cloudflare Pages")])
def test_a_build_on_netlify_or_cloudflare_pages_refuses_a_site_below_the_root(project, tmp_path, variable, host):
    name, value = variable.split("=")
    result = subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-s", "publishconf.py", "-o", str(tmp_path / "site")],
        cwd=project, env=without_escape(SITEURL=REAL_SITEURL + "/clinic", **{name: value}),
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        f'publishconf.py: SITEURL: "{REAL_SITEURL}/clinic" is below the root of its domain, but {host} serves '
        "a site at the root of its domain (its _headers and _redirects too). Fix: set SITEURL without the "
        f"path, e.g. {REAL_SITEURL}, or to the clinic's own domain."
    ]
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("task", ["rsync", "nginx-config"])
def test_the_nginx_paths_refuse_a_site_below_the_root_of_its_domain(project, tmp_path, task):
    server_block = (project / "deploy/nginx.conf").read_bytes()
    result = invoke(project, task, SITEURL=REAL_SITEURL + "/clinic", DEPLOY_HOST="", DEPLOY_PATH=str(tmp_path))
    assert result.returncode != 0
    assert f'SITEURL: "{REAL_SITEURL}/clinic" is below the root of its domain' in result.stderr
    assert "e.g. https://blog.your-clinic.com" in result.stderr
    assert (project / "deploy/nginx.conf").read_bytes() == server_block
    assert list(tmp_path.iterdir()) == [project]
