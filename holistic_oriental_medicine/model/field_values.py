"""The values front-matter fields hold: dates, tags, names, pictures, practitioners, with the
check of each single value and the limits no real article reaches.

A check that fails raises `problem`, whose message is shown to the editor as it is.
"""

import calendar
import re
from datetime import datetime
from pathlib import Path
from typing import Annotated

from pydantic import BeforeValidator, Field, ValidationInfo
from pydantic_core import PydanticCustomError

from .site_paths import decoded_path

DATE_PATTERN = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?")
STATUSES = ("published", "draft", "hidden")


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
