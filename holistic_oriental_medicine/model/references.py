"""The sources an article cites, in its `references` list: what each must say, and the editor's
message for a source written wrong."""

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from .field_values import Text, problem

# Crossref's pattern for the DOIs it has issued, and PubMed's identifiers (digits only).
DOI_PATTERN = re.compile(r"10\.\d{4,9}/[-._;()/:a-z0-9<>\[\]]+", re.IGNORECASE)
PMID_PATTERN = re.compile(r"[1-9]\d{0,8}")


def valid_doi(value):
    if value is not None and not DOI_PATTERN.fullmatch(value):
        raise problem(
            "doi",
            f'"{value}" is not a DOI. Write the DOI alone, as printed on the paper, starting '
            'with 10. and a slash after the number, e.g. "10.1001/archinternmed.2012.3654".',
        )
    return value


def valid_pmid(value):
    if value is not None and not PMID_PATTERN.fullmatch(value):
        raise problem(
            "pmid",
            f'"{value}" is not a PubMed ID. Write only its digits, as PubMed shows them after '
            '"PMID:", e.g. "22965186".',
        )
    return value


def valid_web_address(value):
    if value is not None and not re.fullmatch(r"https?://[^\s/]+\.[^\s]+", value):
        raise problem(
            "url",
            f'"{value}" is not a web address. Copy the whole address, starting with https://.',
        )
    return value


class Reference(BaseModel):
    """One source of an article, in its `references` list: what it is and where to read it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True)

    title: Text
    authors: Text | None = None
    journal: Text | None = None
    publisher: Text | None = None
    year: Annotated[int, Field(ge=1800, le=2100)]
    doi: Annotated[Text | None, AfterValidator(valid_doi)] = None
    pmid: Annotated[Text | None, AfterValidator(valid_pmid)] = None
    url: Annotated[Text | None, AfterValidator(valid_web_address)] = None

    @model_validator(mode="after")
    def says_where_to_read_it(self):
        if not (self.journal or self.publisher):
            raise problem(
                "reference_source",
                f'"{self.title}" names no journal or publisher. Add "journal:" (or '
                '"publisher:" for a book or a website).',
            )
        if not (self.doi or self.pmid or self.url):
            raise problem(
                "reference_link",
                f'"{self.title}" has no DOI, PMID or URL, so readers cannot find it. Add one, '
                'e.g. "doi: 10.1001/archinternmed.2012.3654".',
            )
        return self


REFERENCE_EXAMPLE = (
    '"references:" then, for each source, "- title: …" with "journal: …", "year: 2012" and '
    '"doi: 10.…" (or "pmid:", "url:") indented below it'
)


def reference_message(error):
    """An editor's message for a problem in the `references` list."""
    kind, value, location = error["type"], error.get("input"), error["loc"][1:]
    if not location:
        return f"is not a list of sources. Write it in YAML front matter: {REFERENCE_EXAMPLE}."
    where = f"source {location[0] + 1}" + "".join(f", {part}" for part in location[1:])
    if kind == "model_type":
        return f"{where}: is not a source. Write each one as {REFERENCE_EXAMPLE}."
    if kind == "missing":
        return f'{where}: is missing. Add "{location[1]}: …" to this source.'
    if kind == "extra_forbidden":
        fields = ", ".join(Reference.model_fields)
        return f"{where}: is not a field of a source. Use: {fields}."
    if kind in ("int_parsing", "int_from_float", "greater_than_equal", "less_than_equal"):
        return f'{where}: "{value}" is not a year. Write the year of publication, e.g. 2012.'
    if kind == "string_too_short":
        return f"{where}: is empty. Write it after the colon, or leave the line out."
    return f"{where}: {error['msg']}"
