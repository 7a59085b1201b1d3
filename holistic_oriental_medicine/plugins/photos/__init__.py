"""Photos done right: editors write plain Markdown, readers get light, sharp, stable pictures.

Every picture an article or page shows, `![What it shows](images/room.jpg)` (next to the source
or in content/images/), and its featured `image` (front matter, with `image_alt`) is checked
from its header (`sources`) as the content is read; problems go to the content gate, one line
each, before anything is decoded or written. Once everything is read, the derivatives
(`derivatives`) are made in parallel and cached, and each <img> becomes a <picture>
(`markup`). Source files are never published: only derivatives, without metadata.

The pages' HTML is made before the build knows where each page lands, so pictures in the text
point at `photo-root:`; once a page or feed is written, that becomes the page's own address of
the site root (relative in the preview, absolute in production and feeds).
"""

import re
from pathlib import Path
from urllib.parse import unquote

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals
from pelican.contents import Static
from selectolax.lexbor import LexborHTMLParser

from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.checks.content_checks import FILE_PLACEHOLDERS, line_of
from holistic_oriental_medicine.checks.problems import build

from .cached import cache_folder, make_all
from .derivatives import copy_to_output, plan
from .markup import picture_html
from .sources import PhotoProblem, inspect_source

ROOT_MARKER = "photo-root:"
# Alt text that marks a picture as decoration, published with an empty alt for screen readers.
DECORATIVE = "decorative"
IMAGE_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
CACHE_NAME = "photos"


class Photos:
    """The photos of the build under way: plan by cache key."""

    def __init__(self, cache=None):
        self.plans = {}
        self.uses = {}
        # The cache folder of the derivatives.
        self.cache = cache

    def add(self, path, name, settings, content, where):
        """The plan of the photo at `path`; the same bytes shown twice are published once."""
        new = plan(inspect_source(path, settings), name, settings)
        photo = self.plans.setdefault(new.key, new)
        self.uses.setdefault(photo.key, []).append((content.source_path, where))
        return photo


photos = Photos()


def readable_name(path):
    return "-".join(re.findall(r"[a-z0-9]+", Path(path).stem.lower())) or "photo"


def source_file(reference, content):
    """The file an <img src> written in `content` names, or None for another site's picture."""
    content_root = Path(content.settings["PATH"]).resolve()
    source_folder = Path(content.source_path).resolve().parent
    for placeholder in FILE_PLACEHOLDERS:
        if reference.startswith(placeholder):
            target = unquote(reference[len(placeholder):])
            base = content_root if target.startswith("/") else source_folder
            return (base / target.lstrip("/")).resolve()
    if "://" in reference or reference.startswith(("/", "data:")):
        return None
    target = unquote(reference)
    beside = (source_folder / target).resolve()
    return beside if beside.is_file() else (content_root / target).resolve()


def in_content(path, content):
    return path is not None and path.is_file() and path.is_relative_to(
        Path(content.settings["PATH"]).resolve()
    )


def shown_alt(alt):
    return "" if alt.strip().lower() == DECORATIVE else alt


def record(content, where, message):
    build.record(content.source_path, where, message, content.settings)


def featured_photo(content):
    """Check the featured `image` and attach it to `content` as `featured_photo`."""
    image = content.metadata.get("image")
    if not image:
        return
    path = Path(content.settings["PATH"], str(image).lstrip("/"))
    try:
        content.featured_photo = photos.add(path, readable_name(path), content.settings, content, "image")
    except PhotoProblem as problem:
        record(content, "image", f"{problem} (or remove the image line).")
        return
    content.featured_alt = shown_alt(str(content.metadata.get("image_alt", "")))
    largest = max(content.featured_photo.widths)
    content.share_image_path = (
        f"{content.settings['PHOTO_OUTPUT_DIR']}/"
        + content.featured_photo.file_name(largest, content.featured_photo.fallback)
    )


def rewrite_pictures(content):
    """Turn each of the text's <img> of a picture in the content folder into a <picture>."""
    settings = content.settings
    text = None
    eager = not getattr(content, "featured_photo", None)

    def replace(match):
        nonlocal text, eager
        image = LexborHTMLParser(match[0]).css_first("img")
        reference = image.attributes.get("src") or ""
        path = source_file(reference, content)
        if not in_content(path, content):
            return match[0]  # Another site's picture, or a missing file the gate reports.
        if text is None:
            text = Path(content.source_path).read_text(encoding="utf-8")
        line = line_of(text, reference)
        where = f"line {line}" if line else "body"
        try:
            photo = photos.add(path, readable_name(path), settings, content, where)
        except PhotoProblem as problem:
            record(content, where, str(problem))
            return match[0]
        alt = shown_alt(image.attributes.get("alt") or "")
        first_large = eager and not photo.source.is_svg
        eager = eager and not first_large
        root = f"{ROOT_MARKER}{settings['PHOTO_OUTPUT_DIR']}/"
        return picture_html(photo, root, alt, settings["PHOTO_SIZES"], eager=first_large)

    content._content = IMAGE_TAG.sub(replace, content._content)


def read_photos(content):
    if isinstance(content, Static) or not getattr(content, "_content", None):
        return
    featured_photo(content)
    rewrite_pictures(content)


def publish_no_sources(generator):
    """Source pictures carry their metadata: only their derivatives are published."""
    suffixes = generator.settings["PHOTO_SOURCE_SUFFIXES"]
    generator.staticfiles = generator.context["staticfiles"] = [
        static for static in generator.context["staticfiles"]
        if Path(static.source_path).suffix.lower() not in suffixes
    ]


class ClinicFacts:
    """clinic.toml, as the source that names a practitioner's photo (for the gate's messages)."""

    def __init__(self, settings):
        self.source_path = str(Path(settings["PROJECT_ROOT"], "clinic.toml"))


def practitioner_photos(settings):
    """A practitioner's photo is published as its smallest derivative, like every picture: its
    address goes into the practitioner's facts as `photo_file`, for the author page."""
    facts = ClinicFacts(settings)
    for name, practitioner in settings["CLINIC"].get("practitioners", {}).items():
        if not practitioner.get("photo"):
            continue
        path = Path(settings["PATH"], str(practitioner["photo"]).lstrip("/"))
        try:
            photo = photos.add(path, readable_name(path), settings, facts, f"practitioners.{name}.photo")
        except PhotoProblem as problem:
            build.record(facts.source_path, f"practitioners.{name}.photo", str(problem), settings)
            continue
        practitioner["photo_file"] = (
            f"{settings['PHOTO_OUTPUT_DIR']}/{photo.file_name(min(photo.widths), photo.fallback)}"
        )


def make_derivatives(generators):
    """Make every derivative missing from the cache, once the content has no other problem."""
    settings = generators[0].settings
    practitioner_photos(settings)
    if build.lines:
        return
    failed = make_all(list(photos.plans.values()), photos.cache.path, settings)
    for photo, message in failed.items():
        for source_path, where in photos.uses[photo.key]:
            build.record(source_path, where, message, settings)
    build.report()


def write_derivatives(pelican):
    settings = pelican.settings
    output = Path(pelican.output_path, settings["PHOTO_OUTPUT_DIR"])
    for photo in photos.plans.values():
        copy_to_output(photo, cache_folder(photos.cache.path, photo), output)
    photos.cache.prune()


def point_at_site_root(path, root):
    text = Path(path).read_text(encoding="utf-8")
    if ROOT_MARKER in text:
        Path(path).write_text(text.replace(ROOT_MARKER, f"{root}/"), encoding="utf-8")


def page_written(path, context):
    point_at_site_root(path, context.get("SITEURL", ""))


def feed_written(path, context, feed):
    point_at_site_root(path, context.get("FEED_DOMAIN") or context["SITEURL"])


@pass_context
def picture(context, photo, alt, sizes=None, eager=False, css_class=None, image_attributes=None):
    """A theme's <picture> of a photo, e.g. an article's `featured_photo`."""
    root = f"{context['SITEURL']}/{context['PHOTO_OUTPUT_DIR']}/"
    return Markup(picture_html(photo, root, alt, sizes or context["PHOTO_SIZES"], eager, css_class,
                               image_attributes))


def start(pelican):
    global photos
    photos = Photos(folders.CacheFolder(pelican.settings, CACHE_NAME))


def add_to_templates(generator):
    generator.env.globals["picture"] = picture


def register():
    signals.initialized.connect(start)
    signals.content_object_init.connect(read_photos)
    signals.static_generator_finalized.connect(publish_no_sources)
    signals.all_generators_finalized.connect(make_derivatives)
    signals.finalized.connect(write_derivatives)
    signals.content_written.connect(page_written)
    signals.feed_written.connect(feed_written)
    signals.generator_init.connect(add_to_templates)
