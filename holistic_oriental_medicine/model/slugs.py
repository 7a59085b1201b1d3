"""Articles' addresses (slugs): how Pelican makes one of a title, which are safe, how long one
may be, and how a long one is shortened.

`invoke new`, the Wix importer and the content checks use these; the CMS's `slug.js` makes the
same slug in the browser (holistic_oriental_medicine/cms/test_slug.py holds the two together).
"""

import re

from pelican.utils import slugify

from .field_values import problem

SAFE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Addresses longer than this are hard to read, share and type; file systems cap names at 255.
MAX_SLUG_LENGTH = 100


def slug_for(text, settings, kind="SLUG"):
    """The address Pelican makes of `text` for a title (SLUG) or a TAG, CATEGORY, AUTHOR."""
    return slugify(
        text,
        regex_subs=settings.get(f"{kind}_REGEX_SUBSTITUTIONS", settings["SLUG_REGEX_SUBSTITUTIONS"]),
        preserve_case=settings["SLUGIFY_PRESERVE_CASE"],
        use_unicode=settings["SLUGIFY_USE_UNICODE"],
    )


def shortened_slug(slug, limit=MAX_SLUG_LENGTH):
    """`slug` cut to at most `limit` characters, after its last whole word that fits (inside the
    word only when the first word alone is too long)."""
    if len(slug) <= limit:
        return slug
    words = slug[: limit + 1].rsplit("-", 1)[0]
    return words if len(words) <= limit else slug[:limit]


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
