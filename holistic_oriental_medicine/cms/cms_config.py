"""Decap CMS's `config.yml`, made from the front-matter schema.

Every field of `ArticleFrontMatter` (articles) and `PageFrontMatter` (pages) becomes a field of
the CMS form, with the widget its type calls for and the same required fields, so an entry the
CMS saves passes the content checks as it is. A field whose type has no widget here stops the
build: a new kind of field needs a widget before editors can fill it in.
"""

import copy
import types
import typing
from datetime import date, datetime
from pathlib import Path

from annotated_types import Ge, Gt, Le, Lt, MaxLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from holistic_oriental_medicine.model.front_matter import ArticleFrontMatter, PageFrontMatter
from holistic_oriental_medicine.model.slugs import MAX_SLUG_LENGTH, SAFE_SLUG

# Where the type alone does not say how to write a field: long text, a picture, a category
# chosen from the existing ones (the `category` widget of admin.js).
WIDGETS_BY_NAME = {
    "summary": {"widget": "text"},
    "description": {"widget": "text"},
    "image": {"widget": "image", "choose_url": False},
    "category": {"widget": "category"},
    # Optional alone, required with a featured picture, as the checks want it (admin.js).
    "image_alt": {
        "widget": "required_with",
        "required_with": "image",
        "required_message": "Describe the picture for readers who cannot see it, e.g. "
        '"Fine needles placed along the lower back" (or write "decorative").',
    },
}
# Dates as the checks read them: YYYY-MM-DD HH:MM, in the clinic's time zone (no UTC offset).
DATETIME_WIDGET = {
    "widget": "datetime",
    "format": "YYYY-MM-DD HH:mm",
    "date_format": "YYYY-MM-DD",
    "time_format": "HH:mm",
    "picker_utc": False,
}
DATE_WIDGET = {**DATETIME_WIDGET, "format": "YYYY-MM-DD", "time_format": False}
# The article's text: sections are ## and ###, as the README asks (the title is the only #).
BODY_FIELD = {
    "label": "Text",
    "name": "body",
    "widget": "markdown",
    "buttons": [
        "bold",
        "italic",
        "link",
        "heading-two",
        "heading-three",
        "quote",
        "bulleted-list",
        "numbered-list",
    ],
    "editor_components": ["image"],
}


# The format front_matter_format.js registers: YAML or `Key: value` front matter, kept as written.
ARTICLE_FORMAT = "pelican-markdown"
# Fields the README lets editors write as "a, b" text; the form holds them as lists.
COMMA_SEPARATED_FIELDS = ("tags",)


class UnknownFieldType(TypeError):
    """A front-matter field whose type the CMS form has no widget for."""


def _unwrapped(annotation):
    """`X | None` and `Annotated[X, ...]` as X, with the constraints (Gt, MaxLen, ...) on it."""
    metadata = []
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation, *extra = typing.get_args(annotation)
            for item in extra:
                metadata += item.metadata if isinstance(item, FieldInfo) else [item]
        elif origin in (typing.Union, types.UnionType):
            (annotation,) = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        else:
            return annotation, metadata


def _bound(metadata, kind, attribute):
    values = [getattr(item, attribute) for item in metadata if isinstance(item, kind)]
    return values[0] if values else None


def _number_widget(metadata):
    widget = {"widget": "number", "value_type": "int"}
    lowest = _bound(metadata, Ge, "ge")
    if lowest is None and _bound(metadata, Gt, "gt") is not None:
        lowest = _bound(metadata, Gt, "gt") + 1
    highest = _bound(metadata, Le, "le")
    if highest is None and _bound(metadata, Lt, "lt") is not None:
        highest = _bound(metadata, Lt, "lt") - 1
    return widget | ({"min": lowest} if lowest is not None else {}) | ({"max": highest} if highest is not None else {})


def _string_widget(metadata):
    longest = _bound(metadata, MaxLen, "max_length")
    if longest is None:
        return {"widget": "string"}
    return {"widget": "string", "pattern": [f"^[\\s\\S]{{0,{longest}}}$", f"At most {longest} characters."]}


def _list_widget(name, item_type, metadata):
    item, item_metadata = _unwrapped(item_type)
    if item is str:
        widget = {"widget": "list"}
    elif isinstance(item, type) and issubclass(item, BaseModel):
        widget = {"widget": "list", "fields": schema_fields(item)}
    else:
        raise UnknownFieldType(
            f"front-matter field {name!r} is a list of {item!r}, which the CMS has no widget for. "
            "Add one to widget_for in holistic_oriental_medicine/cms/cms_config.py."
        )
    most = _bound(metadata, MaxLen, "max_length")
    return widget | ({"max": most} if most is not None else {})


def widget_for(name, annotation, metadata=()):
    """The Decap widget settings for a schema field, from its name or else its type."""
    if name in WIDGETS_BY_NAME:
        return dict(WIDGETS_BY_NAME[name])
    annotation, inner = _unwrapped(annotation)
    metadata = [*metadata, *inner]
    origin = typing.get_origin(annotation)
    if annotation is str:
        return _string_widget(metadata)
    if annotation is datetime:
        return dict(DATETIME_WIDGET)
    if annotation is date:
        return dict(DATE_WIDGET)
    if annotation is bool:
        return {"widget": "boolean"}
    if annotation is int:
        return _number_widget(metadata)
    if origin is typing.Literal:
        return {"widget": "select", "options": list(typing.get_args(annotation))}
    if origin is list:
        return _list_widget(name, typing.get_args(annotation)[0], metadata)
    raise UnknownFieldType(
        f"front-matter field {name!r} has the type {annotation!r}, which the CMS has no widget "
        "for. Add one to widget_for in holistic_oriental_medicine/cms/cms_config.py."
    )


def schema_fields(schema):
    """One CMS field per field of a pydantic model, required as the model says."""
    fields = []
    for name, field in schema.model_fields.items():
        entry = {"label": _label(name), "name": name, **widget_for(name, field.annotation, field.metadata)}
        if not field.is_required():
            entry["required"] = False
        if field.description:
            entry["hint"] = field.description
        fields.append(entry)
    return fields


def list_fields(schema):
    """The names of the fields the form holds as lists."""
    return {field["name"] for field in schema_fields(schema) if field["widget"] == "list"}


def content_folder(settings):
    """The content folder, as the CMS names it: from the root of the repository, where it lies;
    "" for the preview's local backend, whose root is the content folder itself."""
    return "" if settings.get("CMS_LOCAL_BACKEND_URL") else Path(settings["PATH"]).name


def in_content(settings, path):
    """`path` (in the content folder) as the CMS names it."""
    return "/".join(part for part in (content_folder(settings), path) if part)


def _label(name):
    return name.replace("_", " ").capitalize()


def form_fields(schema):
    """The CMS form of a front-matter schema: its fields, then the text."""
    return [*schema_fields(schema), copy.deepcopy(BODY_FIELD)]


def _customise(fields, settings, categories):
    """What the schema's types cannot say: defaults, choices and the slug's pattern."""
    for field in fields:
        name = field["name"]
        if name == "date" and field.get("required", True):
            field["default"] = "{{now}}"
        elif name == "status":
            field["default"] = "published"
        elif name == "author":
            field["default"] = settings["AUTHOR"]
        elif name == "category":
            field["options"] = sorted(set(categories) | {settings["DEFAULT_CATEGORY"]})
        elif name == "slug":
            field["pattern"] = [
                f"^(?=.{{1,{MAX_SLUG_LENGTH}}}$){SAFE_SLUG.pattern}$",
                f"Lower-case letters, digits and single hyphens, at most {MAX_SLUG_LENGTH} "
                "characters; leave it empty to make it from the title.",
            ]
        elif name == "image":
            # A cover picture is written from content/ (images/x.jpg), as the checks want it.
            field["media_folder"] = "/" + in_content(settings, "images")
            field["public_folder"] = "images"
    return fields


def collection(name, label, folder, schema, settings, categories):
    return {
        "name": name,
        "label": label,
        "label_singular": label.rstrip("s"),
        "folder": in_content(settings, folder),
        "create": True,
        "extension": "md",
        "format": ARTICLE_FORMAT,
        "identifier_field": "title",
        # The file's name is its `slug` field, which site-preview.js fills in from the title by
        # the rule of `invoke new` when the editor leaves it empty.
        "slug": "{{fields.slug}}",
        "summary": "{{title}}",
        "sortable_fields": ["title", "date"],
        "fields": _customise(form_fields(schema), settings, categories),
    }


def cms_config(settings, categories, local_backend=None):
    """The whole `config.yml` of the CMS, as a dict, for these Pelican settings."""
    config = {"backend": dict(settings["CMS_BACKEND"])}
    if local_backend:
        config["local_backend"] = {"url": local_backend, "allowed_hosts": ["127.0.0.1", "localhost"]}
    if settings.get("CMS_EDITORIAL_WORKFLOW"):
        config["publish_mode"] = "editorial_workflow"
    if settings.get("SITEURL"):
        config["site_url"] = settings["SITEURL"]
    config |= {
        # Pictures go to content/images/; in the text they are written as the README writes
        # them, images/picture.jpg, so that the CMS shows the pictures editors wrote so too.
        "media_folder": in_content(settings, "images"),
        "public_folder": "images",
        "collections": [
            collection("articles", "Articles", settings["ARTICLE_PATHS"][0], ArticleFrontMatter,
                       settings, categories),
            collection("pages", "Pages", settings["PAGE_PATHS"][0], PageFrontMatter, settings, categories),
        ],
    }
    return config
