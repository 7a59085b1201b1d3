"""The front matter of articles and pages: one schema, `ArticleFrontMatter` (pages:
`PageFrontMatter`), checked the same way for both styles editors write (`source_split`).

Its field descriptions also make the README's table of fields (`field_table`). Each problem
comes back as a (field, message) pair whose message says what is wrong and how to fix it, in
words an editor understands (`editor_messages`).
"""

from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

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
)

from .editor_messages import editor_message
from .field_values import (
    STATUSES,
    DateField,
    Name,
    Summary,
    Tags,
    Text,
    Title,
    as_tag_list,
    existing_image,
    existing_template,
    known_practitioner,
    lower_case,
    old_address,
    problem,
)
from .references import Reference
from .slugs import safe_slug


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
        today = clinic_today(info.context.get("timezone"))
        if reviewed is not None and reviewed.date() > today:
            raise problem(
                "reviewed_in_the_future",
                f"{reviewed:%Y-%m-%d} is in the future. Set it to the day the reviewer checked "
                f"the article, at the latest today ({today:%Y-%m-%d}).",
            )
        return reviewed


def clinic_today(timezone):
    """Today's date where the clinic is (None: this machine's timezone)."""
    return datetime.now(ZoneInfo(timezone) if timezone else None).date()


class PageFrontMatter(ArticleFrontMatter):
    """Pages (About, Contact) need no date and may have a template of their own."""

    date: Annotated[DateField | None, Field(description="optional for pages")] = None
    template: Annotated[
        Text | None,
        AfterValidator(existing_template),
        Field(description="the theme's template for the page, e.g. `contact`", examples=["contact"]),
    ] = None


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
            (str(error["loc"][0]) if error["loc"] else "front matter", editor_message(error, schema))
            for error in invalid.errors()
        ]
    return []
