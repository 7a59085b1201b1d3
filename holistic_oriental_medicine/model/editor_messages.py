"""Pydantic's errors about front matter, told as an editor's messages: what is wrong and how to
fix it, with an example."""

from .field_values import MAX_TAGS, STATUSES
from .references import reference_message


def editor_message(error, schema):
    """An editor's message for one pydantic error."""
    kind, value = error["type"], error.get("input")
    field = error["loc"][0] if error["loc"] else None
    if field == "references":
        return reference_message(error)
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
