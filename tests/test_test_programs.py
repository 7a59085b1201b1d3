"""holistic_oriental_medicine/provision/__init__.py (run by `invoke test` first) installs the programs the tests drive, or names the
packages it cannot install."""

import pytest

from holistic_oriental_medicine import provision


def lacking(*programs):
    """A stand-in for shutil.which on a machine without `programs`."""
    return lambda program: None if program in programs else f"/usr/bin/{program}"


def test_missing_programs_are_named_by_their_debian_package(monkeypatch):
    monkeypatch.setattr(provision.shutil, "which", lacking("chromium", "java"))
    assert provision.missing_test_packages()[:2] == ["chromium", "openjdk-17-jre-headless"]


def test_this_machine_has_every_test_program():
    assert provision.missing_test_packages() == []


def test_without_root_provisioning_says_what_to_install(monkeypatch):
    monkeypatch.setattr(provision.shutil, "which", lacking("nginx"))
    monkeypatch.setattr(provision.os, "geteuid", lambda: 1000)
    with pytest.raises(SystemExit) as stopped:
        provision.install_test_programs()
    assert "apt-get install nginx" in str(stopped.value.code)


def test_the_editors_task_list_has_no_provisioning():
    import tasks

    assert not hasattr(tasks, "install_test_programs") and not hasattr(tasks, "TEST_PROGRAMS")
