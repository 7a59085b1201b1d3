"""The last line of `invoke check`, once the content has no problems: whether the article the
editor asked about (or the content) is ready to publish, naming drafts as drafts."""

from pathlib import Path

from holistic_oriental_medicine.model.source_split import FrontMatterSyntaxError, split_source

UNPUBLISHED = {
    "draft": "is a draft, so it is not published: delete its `status: draft` line when it is ready",
    "hidden": "is hidden (`status: hidden`): only the preview shows it",
}


def status_of(path):
    """The `status` an article's front matter gives, "published" unless it says otherwise."""
    try:
        fields = split_source(Path(path).read_text(encoding="utf-8-sig")).fields
    except (OSError, UnicodeDecodeError, FrontMatterSyntaxError):
        return "published"  # the build has reported what is wrong with it
    return str(fields.get("status") or "published").strip().lower()


def verdict(article, content_folder):
    """One line: the article's verdict, or the content's, with its drafts counted."""
    if article:
        status = status_of(article)
        if status in UNPUBLISHED:
            return f"{article} has no problems, but it {UNPUBLISHED[status]}."
        return f"{article} is ready to publish, and so is the rest of the content."
    drafts = sorted(str(path) for path in Path(content_folder).rglob("*.md") if status_of(path) == "draft")
    if not drafts:
        return "The content is ready to publish."
    return (f"The content is ready to publish. {len(drafts)} draft{'s are' if len(drafts) != 1 else ' is'} "
            "left out until its `status: draft` line is deleted: " + ", ".join(drafts) + ".")
