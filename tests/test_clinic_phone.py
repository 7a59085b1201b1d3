"""The clinic's phone number is written once, in clinic.toml's `phone_e164`: every link that
dials it shows that same number, as written in its country, and a number that is not one stops
the build."""

import re
import tomllib

import phonenumbers
from support.pages import parse_html
from support.project import CLINIC, PROJECT_ROOT, invoke, project_copy


def test_clinic_toml_holds_the_number_once():
    clinic = tomllib.loads((PROJECT_ROOT / "clinic.toml").read_text(encoding="utf-8"))
    assert [key for key in clinic if key.startswith("phone")] == ["phone_e164"]
    assert CLINIC["phone_display"] == "(503) 555-0142"


def test_every_call_link_shows_the_number_it_dials(html_pages):
    shown_numbers = 0
    for path in html_pages:
        for link in parse_html(path).css('a[href^="tel:"]'):
            dialled = phonenumbers.parse(link.attributes["href"].removeprefix("tel:"))
            digits = re.sub(r"\D", "", link.text())
            if digits:
                assert digits == str(dialled.national_number), (path, link.text())
                shown_numbers += 1
    assert shown_numbers >= len(html_pages)


def test_a_phone_number_that_is_not_one_stops_the_build(tmp_path):
    project = project_copy(tmp_path / "site", phone_e164='"503-555-0142"')
    result = invoke("check", cwd=project)
    assert result.returncode != 0
    assert 'clinic.toml: phone_e164: "503-555-0142" is not a phone number in international form.' in result.stderr
    assert 'e.g. "+15035550142"' in result.stderr


def test_the_theme_writes_the_call_link_in_one_template():
    templates = sorted(PROJECT_ROOT.glob("theme/templates/**/*.html"))
    dialling = [path.relative_to(PROJECT_ROOT).as_posix() for path in templates if "tel:" in path.read_text(encoding="utf-8")]
    assert dialling == ["theme/templates/partials/call_link.html"]
