"""One Node version (.nvmrc) and one Python version (.python-version), declared once, within every
pinned package's supported range, and the ones the workflows, .ci/run and the README use."""

import json
import re
import tomllib

import nodesemver
import pytest
import yaml
from packaging.specifiers import SpecifierSet
from support.project import PROJECT_ROOT
from support.workflows import lint

from holistic_oriental_medicine import provision

NODE = (PROJECT_ROOT / ".nvmrc").read_text(encoding="utf-8").strip()
PYTHON = (PROJECT_ROOT / ".python-version").read_text(encoding="utf-8").strip()
WORKFLOWS = sorted((PROJECT_ROOT / ".github/workflows").glob("*.yml"))
README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")


def steps_of(workflow):
    for job in yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"].values():
        yield from ((job, step) for step in job.get("steps", []))


def test_the_declared_versions_are_exact_releases():
    assert re.fullmatch(r"\d+\.\d+\.\d+", NODE), ".nvmrc names one Node release"
    assert re.fullmatch(r"3\.\d+", PYTHON), ".python-version names one Python (its latest patch)"


def test_the_declared_node_is_within_every_locked_packages_engines():
    """So that `npm ci` on it prints no EBADENGINE warning."""
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    package = json.loads((PROJECT_ROOT / "package.json").read_text(encoding="utf-8"))
    ranges = {"package.json": package["engines"]["node"]}
    ranges |= {name: entry["engines"]["node"] for name, entry in lock["packages"].items()
               if isinstance(entry.get("engines"), dict) and "node" in entry["engines"]}
    assert len(ranges) > 100
    refused = {name: wanted for name, wanted in ranges.items() if not nodesemver.satisfies(NODE, wanted, loose=True)}
    assert refused == {}


def test_an_old_node_would_be_refused_by_the_pinned_netlify_parsers():
    lock = json.loads((PROJECT_ROOT / "package-lock.json").read_text(encoding="utf-8"))
    wanted = lock["packages"]["node_modules/@netlify/headers-parser"]["engines"]["node"]
    assert not nodesemver.satisfies("20.20.2", wanted, loose=True)
    assert not nodesemver.satisfies("18.20.4", wanted, loose=True)


def test_the_declared_python_is_one_the_project_supports():
    requires = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    assert f"{PYTHON}.0" in SpecifierSet(requires)


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_the_workflows_pass_actionlint(workflow):
    result = lint(workflow)
    assert result.returncode == 0, result.stdout


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_the_workflows_take_node_and_python_from_the_declarations(workflow):
    text = workflow.read_text(encoding="utf-8")
    assert not re.search(r"apt-get install[^\n]*\b(nodejs|npm|python3)\b", text), "no distribution's own Node or Python"
    for job, step in steps_of(workflow):
        uses = step.get("uses", "")
        if uses.startswith("actions/setup-node@"):
            assert step["with"]["node-version-file"] == ".nvmrc" and "node-version" not in step["with"]
        if uses.startswith("actions/setup-python@"):
            assert step["with"]["python-version-file"] == ".python-version" and "python-version" not in step["with"]
        if ".ci/run" in step.get("run", "") or "npm" in step.get("run", ""):
            assert any(s.get("uses", "").startswith("actions/setup-node@") for s in job["steps"])
    for job in yaml.safe_load(text)["jobs"].values():
        if "container" in job:
            # The image is the declared Python on Debian, its version read from .python-version.
            (needed,) = [job["needs"]] if isinstance(job["needs"], str) else job["needs"]
            assert job["container"] == f"python:${{{{ needs.{needed}.outputs.python }}}}-slim-bookworm"
    assert "cat .python-version" in text


def test_ci_and_the_tests_run_the_declared_versions():
    assert '"python$(cat .python-version)" -m venv .venv' in (PROJECT_ROOT / ".ci/run").read_text(encoding="utf-8")
    assert provision.declared_node_version() == NODE


def test_the_readme_names_the_declared_versions():
    assert f"Node {NODE}" in README
    assert f"python{PYTHON} -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/invoke test" in README
    assert f"Python {PYTHON}" in README


def test_the_tests_run_on_the_declared_node_whatever_node_the_machine_has(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", "/usr/bin")
    monkeypatch.setattr(provision, "node_version_on_path", lambda: NODE)
    provision.use_declared_node()
    assert provision.os.environ["PATH"] == "/usr/bin"

    kept = tmp_path / "node" / NODE / "bin/node"  # fetched once from the npm registry before
    kept.parent.mkdir(parents=True)
    kept.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(provision, "node_version_on_path", lambda: "20.20.2")
    provision.use_declared_node()
    assert provision.os.environ["PATH"] == f"{kept.parent}:/usr/bin"


def test_elsewhere_a_different_node_is_named_with_the_fix(monkeypatch):
    monkeypatch.setattr(provision, "node_version_on_path", lambda: "20.20.2")
    monkeypatch.setattr(provision.platform, "machine", lambda: "arm64")
    with pytest.raises(SystemExit) as stopped:
        provision.use_declared_node()
    assert f"runs on Node {NODE} (.nvmrc); this machine has 20.20.2" in str(stopped.value.code)
    assert f"install Node {NODE}" in str(stopped.value.code)
