"""The clinic's practitioners in clinic.toml: each must say who they are and how they are licensed
before an article may name them as its author or reviewer."""

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from holistic_oriental_medicine.model.field_values import Text, existing_image

from .problems import build


class Practitioner(BaseModel):
    """One `[practitioners."Name"]` table of clinic.toml."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    credentials: Text
    licence_number: Text
    licence_state: Text
    bio: Text
    photo: Annotated[Text | None, AfterValidator(existing_image)] = None


EXAMPLES = {
    "credentials": '"L.Ac., MSOM"',
    "licence_number": '"AC00000" (as on the state board\'s register)',
    "licence_state": '"Oregon"',
    "bio": '"Treats back and neck pain."',
    "photo": '"images/jordan.jpg"',
}


def _message(error):
    field = error["loc"][0]
    if error["type"] == "missing":
        return f"is missing. Add it to the practitioner's table, e.g. {field} = {EXAMPLES[field]}."
    if error["type"] == "string_too_short":
        return f"is empty. Write it between the quotes, e.g. {field} = {EXAMPLES[field]}."
    if error["type"] == "extra_forbidden":
        return f"is not a practitioner's field. Use: {', '.join(Practitioner.model_fields)}."
    return error["msg"]


def check_practitioners(clinic, content_root):
    """(where, message) for each problem with clinic.toml's practitioners."""
    problems = []
    for name, table in clinic.get("practitioners", {}).items():
        try:
            Practitioner.model_validate(table, context={"content_root": content_root})
        except ValidationError as invalid:
            problems += [
                (f'practitioners."{name}".{error["loc"][0]}', _message(error))
                for error in invalid.errors()
            ]
    return problems


def report_practitioner_problems(settings):
    """Record each problem of clinic.toml's practitioners as a problem of the build."""
    clinic_file = Path(settings["PROJECT_ROOT"], "clinic.toml")
    for where, message in check_practitioners(settings["CLINIC"], settings["PATH"]):
        build.record(clinic_file, where, message, settings)
