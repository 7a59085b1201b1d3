"""A new article's file (`invoke new`): a draft dated today in the clinic's time zone, named and
addressed by the slug of its title, as the CMS names a new entry of the same title."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .slugs import shortened_slug, slug_for

BODY = "Write the article here. Use ## for its section headings.\n"


class DraftRefused(SystemExit):
    """No draft can be started with this title: exit status 1 and this message."""


def shown_path(path, folder):
    """`path` as a person is shown it: relative to `folder` (the project's) when inside it."""
    return path.relative_to(folder) if folder and path.is_relative_to(folder) else path


def write_draft(title, settings, content_folder=None, project_folder=None):
    """Write a new draft of `title` into the first article folder of `content_folder` (the
    settings' PATH unless given) and return its path; messages name it from `project_folder`."""
    slug = slug_for(title, settings)
    if not slug:
        raise DraftRefused(f'"{title}" has no letters or digits to make an address from. Try another title.')
    slug = shortened_slug(slug)
    path = Path(content_folder or settings["PATH"], settings["ARTICLE_PATHS"][0], f"{slug}.md").resolve()
    if path.exists():
        raise DraftRefused(f"{shown_path(path, project_folder)} exists already. Choose another title.")
    today = datetime.now(ZoneInfo(settings["TIMEZONE"])).date()
    front_matter = {"title": title, "date": today, "slug": slug, "status": "draft"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n" + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False) + "---\n\n" + BODY,
        encoding="utf-8",
    )
    return path
