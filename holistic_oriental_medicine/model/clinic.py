"""The clinic's facts, read from clinic.toml and checked in one place: the settings (CLINIC) take
them from here, and a file that cannot be used stops the build with one message that names the
field and the fix."""

import tomllib
from pathlib import Path

import phonenumbers

CLINIC_FILE = "clinic.toml"


class ClinicFactsUnusable(SystemExit):
    """clinic.toml cannot be used: the build ends here with exit status 1, without a traceback."""


def read_clinic(path):
    """The facts of the clinic.toml at `path`, with `phone_display`: the phone number as written
    in its own country, e.g. "+15035550142" as "(503) 555-0142"."""
    path = Path(path)
    try:
        clinic = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise ClinicFactsUnusable(
            f"{path.name}: is not valid TOML ({error}). Fix: write each fact as name = \"value\", "
            "as the lines around it are written."
        ) from None
    clinic["phone_display"] = phone_display(clinic.get("phone_e164"), path.name)
    return clinic


def phone_display(phone_e164, file_name=CLINIC_FILE):
    """The number written once in international form, as readers in its country write it."""
    if phone_e164 is None:
        raise ClinicFactsUnusable(
            f"{file_name}: phone_e164 is missing. Fix: write the clinic's phone number in "
            'international form, e.g. phone_e164 = "+15035550142".'
        )
    try:
        phone = phonenumbers.parse(str(phone_e164))
    except phonenumbers.NumberParseException:
        phone = None
    if phone is None or not phonenumbers.is_possible_number(phone):
        raise ClinicFactsUnusable(
            f'{file_name}: phone_e164: "{phone_e164}" is not a phone number in international form. '
            'Fix: write + then the country code and the number, e.g. "+15035550142".'
        )
    return phonenumbers.format_number(phone, phonenumbers.PhoneNumberFormat.NATIONAL)
