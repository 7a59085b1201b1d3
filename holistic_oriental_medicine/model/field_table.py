"""The README's table of front-matter fields, made from the schema's field descriptions."""

from .front_matter import ArticleFrontMatter


def field_table():
    """The README's table of front-matter fields, in Markdown."""
    rows = ["| field | required | example | what it does |", "|---|---|---|---|"]
    for name, field in ArticleFrontMatter.model_fields.items():
        required = "yes" if field.is_required() else "no"
        rows.append(f"| `{name}` | {required} | `{field.examples[0]}` | {field.description} |")
    return "\n".join(rows) + "\n"
