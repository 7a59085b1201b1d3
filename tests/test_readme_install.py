"""Every command of the README's "Editors: start here" works after the README's own
installation, and nothing more: a fresh virtual environment in a fresh copy of the project,
`python3 -m venv .venv && .venv/bin/pip install -e .`, then each command as an editor runs it
(with `. .venv/bin/activate`). pip installs from a folder of wheels (cache/wheels/, filled from
PyPI the first time) so that the test does not wait on the network; what it installs is the
same."""

import os
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from support.project import PROJECT_ROOT, not_in_a_clone
from support.wix_site import WixSiteServer, build_wix_site

from holistic_oriental_medicine.hosting.nginx_server import free_port

WHEELS = PROJECT_ROOT / "cache/wheels"


def fill_wheelhouse():
    """The project's dependencies as wheels, and the build backend, from PyPI."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--wheel-dir", str(WHEELS), str(PROJECT_ROOT)],
                   check=True, capture_output=True, timeout=900)
    subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--only-binary", ":all:",
                    "--dest", str(WHEELS), "setuptools>=69"], check=True, capture_output=True, timeout=300)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the clone, its environment for commands, seconds the installation took)."""
    clone = tmp_path_factory.mktemp("readme") / "clinic-site"
    shutil.copytree(PROJECT_ROOT, clone, ignore=not_in_a_clone)
    shutil.rmtree(clone / "content/images", ignore_errors=True)
    from_wheels = {**os.environ, "PIP_NO_INDEX": "1", "PIP_FIND_LINKS": str(WHEELS)}
    subprocess.run([sys.executable, "-m", "venv", ".venv"], cwd=clone, check=True)

    def install():
        return subprocess.run([".venv/bin/pip", "install", "-q", "-e", "."], cwd=clone, env=from_wheels,
                              capture_output=True, text=True, timeout=900)

    started = time.monotonic()
    result = install()
    if result.returncode != 0:  # a new dependency since the wheels were made
        fill_wheelhouse()
        started = time.monotonic()
        result = install()
    seconds = time.monotonic() - started
    assert result.returncode == 0, result.stderr
    # What `. .venv/bin/activate` does: the environment's programs come first.
    activated = {**os.environ, "PATH": f"{clone / '.venv/bin'}:{os.environ['PATH']}", "VIRTUAL_ENV": str(clone / ".venv")}
    activated.pop("PYTHONPATH", None)
    return clone, activated, seconds


def run(installed, *command, timeout=300):
    clone, environment, _ = installed
    return subprocess.run(command, cwd=clone, env=environment, capture_output=True, text=True, timeout=timeout)


def test_the_installation_is_quick_from_wheels(installed):
    _, _, seconds = installed
    print(f"pip install -e . into a fresh environment: {seconds:.1f} s")
    assert seconds < 120


def test_invoke_lists_every_task_the_readme_names(installed):
    result = run(installed, "invoke", "--list")
    assert result.returncode == 0, result.stderr
    for name in ("new", "livereload", "check", "edit", "build", "publish", "import-wix"):
        assert f"  {name}" in result.stdout


def test_write_then_check_a_new_draft(installed):
    clone, _, _ = installed
    new = run(installed, "invoke", "new", "Acupuncture for Stress")
    assert new.returncode == 0, new.stderr
    assert (clone / "content/articles/acupuncture-for-stress.md").is_file()
    check = run(installed, "invoke", "check", "--article", "content/articles/acupuncture-for-stress.md")
    assert check.returncode == 0, check.stderr
    assert "is a draft" in check.stderr.splitlines()[-1]


def test_the_preview_serves_the_site(installed):
    port = free_port()
    clone, environment, _ = installed
    process = subprocess.Popen(["invoke", "livereload", "--port", str(port)], cwd=clone, env=environment,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline, page = time.monotonic() + 120, ""
        while time.monotonic() < deadline and "</html>" not in page:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
                    page = response.read().decode()
            except OSError:
                time.sleep(0.5)
        assert "</html>" in page
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_import_wix_runs_after_the_readme_s_installation(installed, tmp_path):
    help_text = run(installed, "invoke", "import-wix", "--help")
    assert help_text.returncode == 0, help_text.stderr
    assert "--dry-run" in help_text.stdout
    server = WixSiteServer(tmp_path)
    made = build_wix_site(tmp_path, server.address)
    with server:
        result = run(installed, "invoke", "import-wix", server.address, "--dry-run",
                     "--media-url", f"{server.address}/media/")
    assert result.returncode == 0, result.stderr
    assert "Dry run: nothing was written." in result.stdout
    assert f"{len(made)} posts on the Wix site" in result.stdout
