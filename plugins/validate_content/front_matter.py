"""The front matter of articles and pages: one schema, and the reading of both styles editors write.

Front matter is either YAML between `---` lines or Pelican's `Key: value` header. Both are read
into the same raw fields and checked against `ArticleFrontMatter` (pages: `PageFrontMatter`),
whose field descriptions also make the README's table of fields (`field_table`).
Each problem comes back as a (field, message) pair whose message says what is wrong and how to
fix it, in words an editor understands.
"""

import calendar
import re
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path
from typing import Annotated, Literal

import yaml
from markdown import Markdown
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE
from pelican.utils import slugify
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PositiveInt,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .site_paths import decoded_path

DATE_PATTERN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")
SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Addresses longer than this are hard to read, share and type; file systems cap names at 255.
MAX_SLUG_LENGTH = 100
STATUSES = ("published", "draft", "hidden")
# Crossref's pattern for the DOIs it has issued, and PubMed's identifiers (digits only).
DOI_PATTERN = re.compile(r"10\.\d{4,9}/[-._;()/:a-z0-9<>\[\]]+", re.IGNORECASE)
PMID_PATTERN = re.compile(r"[1-9]\d{0,8}")


def slug_for(text, settings, kind="SLUG"):
    """The address Pelican makes of `text` for a title (SLUG) or a TAG, CATEGORY, AUTHOR."""
    return slugify(
        text,
        regex_subs=settings.get(f"{kind}_REGEX_SUBSTITUTIONS", settings["SLUG_REGEX_SUBSTITUTIONS"]),
        preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )


class FrontMatterSyntaxError(Exception):
    """Front matter that cannot be read at all, at a line of the file."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


def problem(kind, message):
    """A validation error whose message is shown as it is (no context: braces stay braces)."""
    return PydanticCustomError(kind, message)


def parse_date(value):
    """A datetime from `YYYY-MM-DD` or `YYYY-MM-DD HH:MM[:SS]`, and nothing looser."""
    text = str(value).strip()
    match = DATE_PATTERN.fullmatch(text)
    if not match:
        raise problem(
            "date_format",
            f'"{text}" is not a date in the form YYYY-MM-DD. '
            "Write it as, e.g., 2025-02-16 (or 2025-02-16 09:30 with a time).",
        )
    year, month, day = (int(part) for part in match.group(1, 2, 3))
    if not 1 <= month <= 12:
        raise problem(
            "calendar_date",
            f'"{text}" is not a real calendar date: months run from 01 to 12. '
            f"Write it as YYYY-MM-DD, e.g. {year}-12-{min(day, 31):02d}.",
        )
    last_day = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last_day:
        raise problem(
            "calendar_date",
            f'"{text}" is not a real calendar date. '
            f"Write it as YYYY-MM-DD, e.g. {year}-{month:02d}-{last_day:02d}.",
        )
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        raise problem(
            "clock_time",
            f'"{text}" is not a real time of day. Use a 24-hour time, e.g. {text[:10]} 09:30.',
        ) from None


def as_tag_list(value):
    """Tags as a list, from `a, b` text or a YAML list."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list):
        items = [items]
    return [str(item).strip() for item in items if str(item).strip()]


def lower_case(value):
    return value.strip().lower() if isinstance(value, str) else value


def safe_slug(value):
    if not SAFE_SLUG.fullmatch(value):
        suggestion = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "acupuncture-for-stress"
        raise problem(
            "unsafe_slug",
            f'"{value}" is not a safe address. Use lower-case letters, digits and single '
            f"hyphens, e.g. {suggestion}.",
        )
    if len(value) > MAX_SLUG_LENGTH:
        raise problem(
            "long_slug",
            f"is {len(value)} characters long; an address may have at most {MAX_SLUG_LENGTH}. "
            "Shorten it to the few words that say what the article is about.",
        )
    return value


def old_address(value):
    try:
        decoded_path(value)
    except ValueError as error:
        raise problem("unsafe_address", str(error)) from None
    return value


def existing_image(value, info: ValidationInfo):
    content_root = Path(info.context["content_root"]).resolve()
    image = (content_root / value.lstrip("/")).resolve()
    if not image.is_relative_to(content_root) or not image.is_file():
        raise problem(
            "missing_image",
            f'"{value}" is not a file in the content folder. Put the picture in '
            "content/images/ and write its path from there, e.g. images/needles.jpg.",
        )
    return value


def existing_template(value, info: ValidationInfo):
    templates = Path(info.context["theme"], "templates")
    if not (templates / f"{value}.html").is_file():
        names = ", ".join(sorted(path.stem for path in templates.glob("*.html")))
        raise problem(
            "unknown_template",
            f'"{value}" is not a template of the theme. Use one of: {names}; or leave it out.',
        )
    return value


DateField = Annotated[datetime, BeforeValidator(parse_date)]
Text = Annotated[str, Field(min_length=1)]
# Limits no real article reaches, checked before any other work: a megabyte title or 100,000
# tags would otherwise make pages of megabytes, thousands of tag pages, or crash the share cards.
MAX_TITLE_LENGTH = 200
MAX_NAME_LENGTH = 100
MAX_TAGS = 20
MAX_SUMMARY_LENGTH = 1000
Title = Annotated[str, Field(min_length=1, max_length=MAX_TITLE_LENGTH)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME_LENGTH)]
Tags = Annotated[list[Annotated[str, Field(max_length=MAX_NAME_LENGTH)]], Field(max_length=MAX_TAGS)]
Summary = Annotated[str, Field(min_length=1, max_length=MAX_SUMMARY_LENGTH)]


def known_practitioner(value, info: ValidationInfo):
    names = list(info.context.get("practitioners") or {})
    if value not in names:
        known = ", ".join(f'"{name}"' for name in names) or "none yet"
        raise problem(
            "unknown_practitioner",
            f'"{value}" is not a practitioner in clinic.toml (they are: {known}). Write the name '
            "exactly as in its [practitioners] table, or add the practitioner there.",
        )
    return value


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


class ArticleFrontMatter(BaseModel):
    """The fields an article may have. Field order is the order of the README's table."""

    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True
    )

    title: Annotated[
        Title,
        Field(
            description="the article's heading, page title and link text",
            examples=["Acupuncture for Stress"],
        ),
    ]
    date: Annotated[
        DateField,
        Field(
            description="date of first publication (`YYYY-MM-DD`, optionally `HH:MM`); "
            "a date in the future schedules the article",
            examples=["2025-04-10"],
        ),
    ]
    modified: Annotated[
        DateField | None,
        Field(
            description='date of the last real update, not before `date`; shown as "Updated …"',
            examples=["2025-05-02"],
        ),
    ] = None
    author: Annotated[
        Name | None,
        Field(description="who wrote it; defaults to the clinic", examples=["Holistic Oriental Medicine"]),
    ] = None
    category: Annotated[
        Name | None,
        Field(description="one category; defaults to `Articles`", examples=["Pain Relief"]),
    ] = None
    tags: Annotated[
        Tags | None,
        BeforeValidator(as_tag_list),
        Field(
            description="comma-separated tags; tags that differ only in capitals are one tag",
            examples=["acupuncture, back pain"],
        ),
    ] = None
    summary: Annotated[
        Summary | None,
        Field(
            description="plain text shown on the home page and in feeds; the meta description "
            "unless `description` is set",
            examples=["How acupuncture relieves back pain."],
        ),
    ] = None
    description: Annotated[
        Summary | None,
        Field(
            description="plain text for search engines, if it should differ from the summary",
            examples=["Acupuncture for stress in Portland."],
        ),
    ] = None
    slug: Annotated[
        Text | None,
        AfterValidator(safe_slug),
        Field(
            description="the article's address, `/acupuncture-for-stress/`; made from the title "
            "if absent (lower-case letters, digits and hyphens)",
            examples=["acupuncture-for-stress"],
        ),
    ] = None
    redirect_from: Annotated[
        list[Annotated[str, AfterValidator(old_address)]] | None,
        BeforeValidator(lambda value: value if isinstance(value, list) else [value]),
        Field(
            description="the article's old addresses, each redirected here for good: one path, or "
            "a list; the path only, with no host name",
            examples=["/post/acupuncture-for-stress"],
        ),
    ] = None
    status: Annotated[
        Literal[STATUSES] | None,
        BeforeValidator(lower_case),
        Field(
            description="`published` (the default), `draft` or `hidden`: drafts and hidden "
            "articles are only in the preview",
            examples=["draft"],
        ),
    ] = None
    read_time: Annotated[
        PositiveInt | None,
        Field(description="whole minutes to read, if the computed estimate is wrong", examples=["5"]),
    ] = None
    image: Annotated[
        Text | None,
        AfterValidator(existing_image),
        Field(
            description="the article's featured photo, at the top of the article, on its cards "
            "and when it is shared (instead of its generated card): a file in `content/`, "
            "written from there",
            examples=["images/needles.jpg"],
        ),
    ] = None
    image_alt: Annotated[
        Text | None,
        Field(
            description="what the featured photo shows, for readers who cannot see it; "
            "required with `image` (`decorative` for a picture that only decorates)",
            examples=["Fine needles placed along the lower back"],
            validate_default=True,
        ),
    ] = None

    @field_validator("image_alt")
    @classmethod
    def alt_with_image(cls, image_alt, info: ValidationInfo):
        if image_alt is None and info.data.get("image"):
            raise problem(
                "missing_image_alt",
                'is missing: the featured image needs a description. Add it, e.g. "image_alt: '
                'Fine needles placed along the lower back" (or "image_alt: decorative").',
            )
        return image_alt

    reviewed_by: Annotated[
        Text | None,
        AfterValidator(known_practitioner),
        Field(
            description="the practitioner (from `clinic.toml`) who checked the article's health "
            'facts; shown as "Medically reviewed by …", with `last_reviewed`',
            examples=["Jordan Example"],
        ),
    ] = None
    last_reviewed: Annotated[
        DateField | None,
        Field(
            description="the day of that review: not before `date`, not in the future",
            examples=["2025-04-20"],
            validate_default=True,
        ),
    ] = None
    references: Annotated[
        list[Reference] | None,
        Field(
            description="the sources, listed under the article: each with `title`, `journal` "
            "(or `publisher`), `year` and a `doi`, `pmid` or `url` (YAML front matter only; "
            "see [Sources](#sources-and-clinical-review))",
            examples=["[{title: …, journal: …, year: 2012, doi: 10.…}]"],
        ),
    ] = None

    @field_validator("modified")
    @classmethod
    def not_before_date(cls, modified, info: ValidationInfo):
        date = info.data.get("date")
        if modified is not None and date is not None and modified < date:
            raise problem(
                "modified_before_date",
                f"{modified:%Y-%m-%d} is earlier than the date, {date:%Y-%m-%d}. "
                "Set modified to the day of the last update, on or after the date.",
            )
        return modified

    @field_validator("last_reviewed")
    @classmethod
    def between_date_and_today(cls, reviewed, info: ValidationInfo):
        has_reviewer = info.data.get("reviewed_by") is not None
        # A reviewer named but unknown is reported on reviewed_by alone.
        if reviewed is None and has_reviewer:
            raise problem(
                "review_without_day",
                "is missing: the article names its reviewer. Add the day of the review, "
                'e.g. "last_reviewed: 2025-04-20".',
            )
        if reviewed is not None and not has_reviewer and "reviewed_by" in info.data:
            raise problem(
                "review_without_reviewer",
                "names no reviewer. Add the practitioner who checked the article, "
                'e.g. "reviewed_by: Jordan Example".',
            )
        date = info.data.get("date")
        if reviewed is not None and date is not None and reviewed.date() < date.date():
            raise problem(
                "reviewed_before_date",
                f"{reviewed:%Y-%m-%d} is earlier than the date, {date:%Y-%m-%d}. "
                "Set it to the day the reviewer checked the article, on or after the date.",
            )
        timezone = info.context.get("timezone")
        today = datetime.now(ZoneInfo(timezone) if timezone else None).date()
        if reviewed is not None and reviewed.date() > today:
            raise problem(
                "reviewed_in_the_future",
                f"{reviewed:%Y-%m-%d} is in the future. Set it to the day the reviewer checked "
                f"the article, at the latest today ({today:%Y-%m-%d}).",
            )
        return reviewed


class PageFrontMatter(ArticleFrontMatter):
    """Pages (About, Contact) need no date and may have a template of their own."""

    date: Annotated[DateField | None, Field(description="optional for pages")] = None
    template: Annotated[
        Text | None,
        AfterValidator(existing_template),
        Field(description="the theme's template for the page, e.g. `contact`", examples=["contact"]),
    ] = None


REFERENCE_EXAMPLE = (
    '"references:" then, for each source, "- title: …" with "journal: …", "year: 2012" and '
    '"doi: 10.…" (or "pmid:", "url:") indented below it'
)


def _reference_message(error):
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


def _message(error, schema):
    """An editor's message for one pydantic error."""
    kind, value = error["type"], error.get("input")
    field = error["loc"][0] if error["loc"] else None
    if field == "references":
        return _reference_message(error)
    if kind == "missing":
        example = schema.model_fields[field].examples[0]
        return f'is missing. Add it to the front matter, e.g. "{field}: {example}".'
    if kind == "string_too_short":
        example = schema.model_fields[field].examples[0]
        return f'is empty. Write it after the colon, e.g. "{field}: {example}".'
    if kind == "extra_forbidden":
        return (
            "is not a front-matter field. Check the spelling; the fields are: "
            + ", ".join(schema.model_fields)
            + "."
        )
    if kind == "literal_error":
        return f'"{value}" is not a status. Use one of: {", ".join(STATUSES)}.'
    if kind in ("int_parsing", "int_from_float", "int_type"):
        return f'"{value}" is not a whole number of minutes. Write a number, e.g. 5.'
    if kind == "greater_than":
        return f'"{value}" minutes is too few. Write a whole number of at least 1, e.g. 5.'
    if kind == "string_too_long":
        limit = error["ctx"]["max_length"]
        return f"is {len(value)} characters long; at most {limit} fit. Shorten it."
    if kind == "too_long":
        return (f"has {len(value)} tags; an article may have at most {MAX_TAGS}. Keep the few "
                "a reader would look for.")
    if kind in ("string_type", "list_type"):
        return f'"{value}" is not text. Write it as plain words after the colon.'
    return error["msg"]


def check_front_matter(
    fields, content_root, schema=ArticleFrontMatter, theme=None, practitioners=None, timezone=None
):
    """(field, message) for each problem with the raw front-matter `fields`; `practitioners`
    are clinic.toml's, by name, and `timezone` the clinic's (for what "today" is)."""
    context = {
        "content_root": content_root,
        "theme": theme,
        "practitioners": practitioners or {},
        "timezone": timezone,
    }
    try:
        schema.model_validate(fields, context=context)
    except ValidationError as invalid:
        return [
            (str(error["loc"][0]) if error["loc"] else "front matter", _message(error, schema))
            for error in invalid.errors()
        ]
    return []


class _RefusedYAML(Exception):
    """YAML that parses but that front matter may not use, at a line of the YAML block."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


class _TextDatesLoader(yaml.SafeLoader):
    """YAML that leaves dates as written, so that every date is checked the same way. It
    refuses a field given twice (YAML would silently keep the last) and aliases (`*name`), which
    no front matter needs and which can grow a few lines into gigabytes."""

    def __init__(self, stream, first_line):
        super().__init__(stream)
        # The line of the file the YAML block starts on, to name lines as the editor sees them.
        self.first_line = first_line

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise _RefusedYAML(
                self.first_line + self.peek_event().start_mark.line,
                "uses a YAML alias (*…), which front matter does not need. Write the value out.",
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        first_lines = {}
        for key_node, _value_node in node.value:
            key = str(self.construct_object(key_node)).lower()
            line = self.first_line + key_node.start_mark.line
            if key in first_lines:
                raise _RefusedYAML(
                    line,
                    f'the field "{key}" is given twice, on lines {first_lines[key]} and {line}. '
                    "Keep one of them.",
                )
            first_lines[key] = line
        return super().construct_mapping(node, deep)


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceParts:
    """The raw front-matter fields of a source file, and its body."""

    def __init__(self, fields, body):
        self.fields = fields
        self.body = body


def _yaml_parts(match, text):
    first_line = text[: match.start("metadata")].count("\n") + 1
    try:
        loader = _TextDatesLoader(match["metadata"], first_line)
        try:
            fields = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise FrontMatterSyntaxError(
            line,
            f"the YAML front matter does not parse ({error.problem}). Check that each line is "
            '"field: value" and put quotes around a value that contains a colon.',
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterSyntaxError(first_line, f"the YAML front matter does not parse ({error}).") from None
    except _RefusedYAML as refused:
        raise FrontMatterSyntaxError(refused.line, refused.message) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterSyntaxError(
            first_line, 'the front matter must be "field: value" lines, e.g. "title: My Article".'
        )
    return SourceParts({str(key).lower(): value for key, value in fields.items()}, match["content"])


# A `Key: value` line as the Markdown meta extension reads it.
_HEADER_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")


def _refuse_repeated_header_keys(header_lines):
    first_lines = {}
    for number, line in enumerate(header_lines, start=1):
        key = _HEADER_KEY.match(line)
        if not key:
            continue
        name = key[1].lower()
        if name in first_lines:
            raise FrontMatterSyntaxError(
                number, f'the field "{name}" is given twice, on lines {first_lines[name]} and '
                f"{number}. Keep one of them."
            )
        first_lines[name] = number


def _header_parts(text):
    markdown = Markdown(extensions=["meta"])
    lines = text.split("\n")
    body_lines = markdown.preprocessors["meta"].run(list(lines))
    _refuse_repeated_header_keys(lines[: len(lines) - len(body_lines)])
    fields = {}
    for key, values in markdown.Meta.items():
        if len(values) > 1 and key != "summary":
            raise FrontMatterSyntaxError(
                1, f'the field "{key}" is given more than once. Keep one line for it.'
            )
        fields[key] = " ".join(values)
    return SourceParts(fields, "\n".join(body_lines))


def split_source(text):
    """The raw front matter and body of a Markdown source, in either style."""
    match = HEADER_RE.fullmatch(text)
    if match:
        return _yaml_parts(match, text)
    if text.lstrip().startswith("---"):
        raise FrontMatterSyntaxError(
            1, 'the front matter starts with "---" but has no closing "---" line. Add one after it.'
        )
    return _header_parts(text)


def field_table():
    """The README's table of front-matter fields, in Markdown."""
    rows = ["| field | required | example | what it does |", "|---|---|---|---|"]
    for name, field in ArticleFrontMatter.model_fields.items():
        required = "yes" if field.is_required() else "no"
        rows.append(f"| `{name}` | {required} | `{field.examples[0]}` | {field.description} |")
    return "\n".join(rows) + "\n"
