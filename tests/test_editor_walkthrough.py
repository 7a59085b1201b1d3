"""The README's "Editors: start here", followed as written in a fresh clone: install, start a
draft, preview it, stop the preview, check, commit and push, change a clinic fact."""

import os
import re
import signal
import subprocess

import pytest
from support.project import PROJECT_ROOT, project_copy
from support.servers import wait_for

from holistic_oriental_medicine.hosting.nginx_server import free_port

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
EDITORS_SECTION = README[README.index("## Editors: start here") : README.index("\n## ", README.index("## Editors: start here") + 3)]

INSTALL = "python3 -m venv .venv && .venv/bin/pip install -e ."
ACTIVATE = ". .venv/bin/activate"
NEW_DRAFT = 'invoke new "Acupuncture for Stress"'
DRAFT_PATH = "content/articles/acupuncture-for-stress.md"
DRAFT_ADDRESS = "http://127.0.0.1:8000/drafts/acupuncture-for-stress/"
PREVIEW = "invoke livereload"
CHECK = "invoke check --article content/articles/acupuncture-for-stress.md"
CHECKED = "content/articles/acupuncture-for-stress.md is ready to publish, and so is the rest of the content."
COMMIT = 'git add content/ && git commit -m "Add the article on stress" && git push'

ARTICLE_TEXT = """
Stress shows up in the body as well as the mind: tight shoulders, shallow breath, poor sleep.

## What a session feels like

You lie down, the practitioner places a few fine needles, and most people rest for half an hour.
"""


@pytest.fixture(scope="module")
def clone(tmp_path_factory):
    """A fresh clone of the project from its own "GitHub" (a bare repository), installed with
    the README's first command."""
    root = tmp_path_factory.mktemp("walkthrough")
    source = project_copy(root / "source")
    subprocess.run(["git", "clone", "--quiet", "--bare", str(source), str(root / "github.git")], check=True)
    subprocess.run(["git", "clone", "--quiet", str(root / "github.git"), str(root / "clinic-site")], check=True)
    clone = root / "clinic-site"
    assert INSTALL in EDITORS_SECTION
    subprocess.run(["bash", "-c", INSTALL], cwd=clone, check=True, capture_output=True, timeout=600)
    return clone


def in_terminal(clone, command, **popen):
    """`command` in the clone, in a shell where the README's `. .venv/bin/activate` was run."""
    assert ACTIVATE in EDITORS_SECTION
    environment = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    environment |= {"GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@clinic.test",
                    "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@clinic.test"}
    arguments = ["bash", "-c", f"{ACTIVATE} && {command}"]
    if popen:
        return subprocess.Popen(arguments, cwd=clone, env=environment, **popen)
    return subprocess.run(arguments, cwd=clone, env=environment, capture_output=True, text=True, timeout=300)


def test_an_editor_follows_the_readme_from_draft_to_push(clone):
    assert NEW_DRAFT in EDITORS_SECTION and DRAFT_PATH in EDITORS_SECTION and DRAFT_ADDRESS in EDITORS_SECTION
    started = in_terminal(clone, NEW_DRAFT)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == DRAFT_PATH
    assert DRAFT_ADDRESS in started.stderr
    draft = clone / DRAFT_PATH
    draft.write_text(draft.read_text(encoding="utf-8").split("---\n\n")[0] + "---\n" + ARTICLE_TEXT, encoding="utf-8")

    # The preview, on a free port instead of 8000 (which another program here may hold).
    assert PREVIEW in EDITORS_SECTION and "Ctrl+C" in EDITORS_SECTION
    port = free_port()
    # As in a terminal, Ctrl+C interrupts it, even where the tests run in the background (which
    # starts programs ignoring it).
    preview = in_terminal(clone, f"exec {PREVIEW} --port {port}", stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True,
                          preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        page = wait_for(DRAFT_ADDRESS.replace(":8000", f":{port}"), seconds=60)
        assert "<h1" in page and "Acupuncture for Stress" in page and "What a session feels like" in page
    finally:
        preview.send_signal(signal.SIGINT)  # Ctrl+C
        said, _ = preview.communicate(timeout=30)
    assert "(Ctrl+C stops it)" in said

    assert "delete its `status: draft` line" in EDITORS_SECTION and CHECK in EDITORS_SECTION
    draft.write_text(re.sub(r"(?m)^status: draft\n", "", draft.read_text(encoding="utf-8")), encoding="utf-8")
    checked = in_terminal(clone, CHECK)
    assert checked.returncode == 0, checked.stderr
    assert CHECKED in EDITORS_SECTION and CHECKED in checked.stderr

    assert COMMIT in EDITORS_SECTION
    pushed = in_terminal(clone, COMMIT)
    assert pushed.returncode == 0, pushed.stderr
    github = clone.parent / "github.git"
    shown = subprocess.run(["git", "-C", str(github), "show", f"main:{DRAFT_PATH}"], capture_output=True, text=True)
    assert "What a session feels like" in shown.stdout


def test_an_editor_changes_the_phone_number_in_clinic_toml(clone):
    assert "edit `clinic.toml`" in EDITORS_SECTION
    clinic = clone / "clinic.toml"
    clinic.write_text(clinic.read_text(encoding="utf-8").replace("+15035550142", "+15035550199"), encoding="utf-8")
    built = in_terminal(clone, "invoke build")
    assert built.returncode == 0, built.stderr
    home = (clone / "preview/index.html").read_text(encoding="utf-8")
    assert 'href="tel:+15035550199"' in home and "(503) 555-0199" in home
    assert "555-0142" not in home
