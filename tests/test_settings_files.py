"""The settings: pelicanconf.py is the site's one source of truth, publishconf.py changes only
what production changes, and every Content-Security-Policy is derived from the readers' one."""

import ast
import json
import os
import shutil
import subprocess
import sys

from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

PREVIEW = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
PUBLISHED = read_settings(str(PROJECT_ROOT / "publishconf.py"))
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py", "clinic.toml")


def settings_of_a_copy(folder, pelicanconf_edit=None, clinic_toml=None, **environment):
    """(returncode, stderr, settings) of the preview and production settings read from copies of
    the settings files in `folder`, the preview's edited (old text, new text), in a new process
    with `environment`."""
    for name in SETTINGS_FILES:
        shutil.copy(PROJECT_ROOT / name, folder / name)
    for name in ("content", "theme"):  # Pelican's settings name existing folders
        (folder / name).symlink_to(PROJECT_ROOT / name)
    if pelicanconf_edit:
        old, new = pelicanconf_edit
        text = (folder / "pelicanconf.py").read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (folder / "pelicanconf.py").write_text(text.replace(old, new), encoding="utf-8")
    if clinic_toml is not None:
        (folder / "clinic.toml").write_text(clinic_toml, encoding="utf-8")
    script = (
        "import json; from pelican.settings import read_settings;"
        "print(json.dumps({name: read_settings(name + '.py') for name in ('pelicanconf', 'publishconf')},"
        " default=lambda value: sorted(map(str, value)) if isinstance(value, (set, frozenset)) else str(value)))"
    )
    # In the copy's folder: publishconf.py must import the copy's pelicanconf.py, not the project's.
    result = subprocess.run([sys.executable, "-c", script], cwd=folder, capture_output=True, text=True,
                            timeout=120, env={**os.environ, **environment})
    return result.returncode, result.stderr, json.loads(result.stdout) if result.returncode == 0 else None


def test_production_adds_no_plugin_to_the_one_list():
    assert PUBLISHED["PLUGINS"] == PREVIEW["PLUGINS"]


def test_the_preview_has_production_steps_turned_off_and_production_on():
    switches = {"WRITE_HIDDEN_ARTICLES": (True, False), "CHECK_COMPLETE_LISTS": (False, True),
                "PRECOMPRESS_BROTLI": (False, True), "PRECOMPRESS_GZIP": (False, True)}
    for name, (preview, published) in switches.items():
        assert (PREVIEW[name], PUBLISHED[name]) == (preview, published), name
    assert PREVIEW["PUBLISH_EXAMPLE_VALUES"] and PREVIEW["SOURCE_DATE_EPOCH"] is None


def test_the_preview_build_makes_no_compressed_copies(preview_site):
    compressed = [path for path in preview_site.rglob("*") if path.suffix in (".br", ".gz")]
    assert compressed == []


def test_publishconf_sets_only_what_production_changes(tmp_path):
    # With the variables the preview's editor backend and a CI build set.
    returncode, stderr, settings = settings_of_a_copy(
        tmp_path, CMS_LOCAL_BACKEND_URL="http://127.0.0.1:20000/backend", SOURCE_DATE_EPOCH="1696118400"
    )
    assert returncode == 0, stderr
    preview, published = settings["pelicanconf"], settings["publishconf"]
    tree = ast.parse((PROJECT_ROOT / "publishconf.py").read_text(encoding="utf-8"))
    assigned = {target.id for node in tree.body if isinstance(node, ast.Assign)
                for target in node.targets if isinstance(target, ast.Name) and target.id.isupper()}
    unchanged = sorted(name for name in assigned if name in preview and preview[name] == published[name])
    assert unchanged == []


def test_the_published_admin_policy_is_the_preview_admins_plus_githubs_addresses():
    preview = PREVIEW["CMS_POLICY"]["content_security_policy"]
    published = PUBLISHED["HOST_POLICY"]["admin"]["content_security_policy"]
    assert PUBLISHED["CMS_POLICY"] == PUBLISHED["HOST_POLICY"]["admin"]
    assert published["img-src"] == [*preview["img-src"], "https://avatars.githubusercontent.com"]
    assert published["connect-src"] == [*preview["connect-src"], "https://api.github.com"]
    assert {name: sources for name, sources in published.items() if name not in ("img-src", "connect-src")} == {
        name: sources for name, sources in preview.items() if name not in ("img-src", "connect-src")}


def test_a_source_the_readers_policy_allows_reaches_every_admin_policy(tmp_path):
    readers_img_src = """"img-src": ["'self'", "data:"],"""
    returncode, stderr, settings = settings_of_a_copy(
        tmp_path, (readers_img_src, """"img-src": ["'self'", "data:", "https://photos.clinic.test"],""")
    )
    assert returncode == 0, stderr
    preview, published = settings["pelicanconf"], settings["publishconf"]
    for policy in (preview["CMS_POLICY"], published["CMS_POLICY"], published["HOST_POLICY"]["admin"]):
        assert "https://photos.clinic.test" in policy["content_security_policy"]["img-src"]
    assert published["HOST_POLICY"]["content_security_policy"]["img-src"][-1] == "https://photos.clinic.test"


def test_a_clinic_toml_that_is_not_toml_stops_with_one_clear_message(tmp_path):
    returncode, stderr, _ = settings_of_a_copy(tmp_path, clinic_toml='name = "Holistic Oriental Medicine\n')
    assert returncode != 0
    assert "clinic.toml: is not valid TOML" in stderr and "Fix:" in stderr
    assert "Traceback" not in stderr


def test_a_clinic_toml_without_a_phone_number_says_which_field_is_missing(tmp_path):
    text = (PROJECT_ROOT / "clinic.toml").read_text(encoding="utf-8")
    without_phone = "\n".join(line for line in text.splitlines() if not line.startswith("phone_e164"))
    returncode, stderr, _ = settings_of_a_copy(tmp_path, clinic_toml=without_phone)
    assert returncode != 0
    assert "clinic.toml: phone_e164 is missing." in stderr and "Traceback" not in stderr


def test_tasks_py_is_a_short_list_of_commands_calling_the_package():
    lines = (PROJECT_ROOT / "tasks.py").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= 200
