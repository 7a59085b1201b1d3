"""settings_checks: the clinic's name and links, and the site's address, are safe where written."""

import pytest
from support.plugin_builds import site_settings

from .problems import build
from .settings_checks import check_site_values

SETTINGS = site_settings(production=True)


def problems(clinic=None, **settings):
    build.start()
    check_site_values({**SETTINGS, "CLINIC": {**SETTINGS["CLINIC"], **(clinic or {})}, **settings})
    return [problem for _path, problem in build.lines]


def test_the_real_clinic_facts_and_address_pass():
    assert problems() == []


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(document.cookie)", "JaVaScRiPt:alert(1)", "data:text/html,x",
     "http://book.example/", "https://book.example/\nmore", "book.example/online", "https://"],
)
def test_the_booking_link_must_be_an_https_address(url):
    [problem] = problems({"booking_url": url})
    assert problem.startswith("booking_url: ")


@pytest.mark.parametrize(
    "url",
    ["https://x.example;return 200 injected", "https://x.example$(id>pwned.txt)", "ftp://x.example",
     "https://x.example/'onmouseover='x", "http://x.example"],
)
def test_the_site_address_must_be_an_https_address_of_a_host(url):
    [problem] = problems(SITEURL=url)
    assert problem.startswith("SITEURL: ")


def test_a_local_test_server_may_use_http():
    assert problems(SITEURL="http://127.0.0.1:8123") == []


@pytest.mark.parametrize("name", ["Clinic\n}\nserver {", "", "A very long name " * 6])
def test_the_clinics_name_is_one_short_line_of_text(name):
    [problem] = problems({"name": name})
    assert problem.startswith("name: ")


def test_an_invisible_character_in_any_clinic_fact_is_refused_naming_it():
    address = {**SETTINGS["CLINIC"]["address"], "street": "123 Example\x1b Street"}
    assert problems({"description": "Acupuncture\ufffe", "address": address}) == [
        "description: has an invisible character (U+FFFE) that is not text, which would break "
        "pages and feeds. Delete it.",
        "address.street: has an invisible character (U+001B) that is not text, which would "
        "break pages and feeds. Delete it.",
    ]
