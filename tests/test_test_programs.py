"""`invoke test` installs the programs the tests drive, or names the packages it cannot install."""

import pytest
from invoke import Exit

import tasks


def lacking(*programs):
    """A stand-in for shutil.which on a machine without `programs`."""
    return lambda program: None if program in programs else f"/usr/bin/{program}"


def test_missing_programs_are_named_by_their_debian_package(monkeypatch):
    monkeypatch.setattr(tasks.shutil, "which", lacking("chromium", "java"))
    assert tasks.missing_test_packages()[:2] == ["chromium", "openjdk-17-jre-headless"]


def test_this_machine_has_every_test_program():
    assert tasks.missing_test_packages() == []


def test_without_root_the_test_task_says_what_to_install(monkeypatch):
    monkeypatch.setattr(tasks.shutil, "which", lacking("nginx"))
    monkeypatch.setattr(tasks.os, "geteuid", lambda: 1000)
    with pytest.raises(Exit) as stopped:
        tasks.install_test_programs(None)
    assert "apt-get install nginx" in stopped.value.message
    assert stopped.value.code == 1
