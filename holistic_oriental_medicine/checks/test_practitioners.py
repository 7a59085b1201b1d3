"""practitioners: each practitioner in clinic.toml says who they are and how they are licensed."""

from support.plugin_builds import site_settings

from holistic_oriental_medicine import PROJECT_ROOT

from .practitioners import check_practitioners

CLINIC = site_settings()["CLINIC"]
JORDAN = CLINIC["practitioners"]["Jordan Example"]


def test_the_example_practitioner_is_complete_and_clearly_an_example():
    assert CLINIC["example_values"] is True
    assert check_practitioners(CLINIC, PROJECT_ROOT / "content") == []
    assert "EXAMPLE" in JORDAN["licence_number"]
    assert JORDAN["bio"].startswith("An example practitioner")


def test_a_practitioner_without_a_licence_or_with_a_missing_photo_is_named(tmp_path):
    unlicensed = {key: value for key, value in JORDAN.items() if key != "licence_number"}
    clinic = {"practitioners": {"Sam": unlicensed, "Kim": {**JORDAN, "photo": "images/kim.jpg"}}}
    problems = check_practitioners(clinic, tmp_path)
    assert [where for where, _ in problems] == [
        'practitioners."Sam".licence_number',
        'practitioners."Kim".photo',
    ]
    assert problems[0][1].startswith("is missing. Add it to the practitioner's table")
