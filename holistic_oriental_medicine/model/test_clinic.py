"""clinic.toml is read and checked in one place: a file that cannot be used stops with one
message naming the field and the fix."""

import pytest

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.model.clinic import ClinicFactsUnusable, read_clinic


def clinic_file(folder, text):
    path = folder / "clinic.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_phone_number_is_shown_as_written_in_its_country():
    assert read_clinic(PROJECT_ROOT / "clinic.toml")["phone_display"] == "(503) 555-0142"


def test_a_phone_number_that_is_not_one_names_the_field_and_the_fix(tmp_path):
    with pytest.raises(ClinicFactsUnusable) as stopped:
        read_clinic(clinic_file(tmp_path, 'phone_e164 = "503-555-0142"\n'))
    assert str(stopped.value) == (
        'clinic.toml: phone_e164: "503-555-0142" is not a phone number in international form. '
        'Fix: write + then the country code and the number, e.g. "+15035550142".'
    )
    assert stopped.value.code == str(stopped.value)  # exits with status 1 and this message alone


def test_a_missing_phone_number_names_the_field(tmp_path):
    with pytest.raises(ClinicFactsUnusable, match=r"^clinic.toml: phone_e164 is missing\. Fix: "):
        read_clinic(clinic_file(tmp_path, 'name = "Clinic"\n'))


def test_a_file_that_is_not_toml_names_the_line(tmp_path):
    with pytest.raises(ClinicFactsUnusable, match=r"^clinic.toml: is not valid TOML \(.*line 2.*\)\. Fix: "):
        read_clinic(clinic_file(tmp_path, 'name = "Clinic"\nphone_e164 = "+1503\n'))
