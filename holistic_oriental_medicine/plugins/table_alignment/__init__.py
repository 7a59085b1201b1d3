"""Aligned table columns (`|:---:|` in Markdown) without inline styles: a Markdown extension.

Python-Markdown's tables align a column with `style="text-align: …"`, which the site's
Content-Security-Policy does not let apply (no inline styles), or, with its option
`use_align_attribute` (set in pelicanconf.py), with `align="…"`, which HTML5 made obsolete. This
turns that attribute into a class, `align-center`, that the theme's stylesheet aligns.
"""

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALIGNMENTS = {"left", "center", "right"}


class AlignmentClasses(Treeprocessor):
    def run(self, root):
        for cell in root.iter():
            if cell.tag in ("th", "td") and cell.get("align") in ALIGNMENTS:
                alignment = cell.attrib.pop("align")
                cell.set("class", " ".join(filter(None, [cell.get("class"), f"align-{alignment}"])))


class TableAlignmentExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 (Python-Markdown's name)
        # After the block parser has made the tables; before the inline patterns (20).
        md.treeprocessors.register(AlignmentClasses(md), "table_alignment", 25)


def makeExtension(**kwargs):  # noqa: N802 (the name Python-Markdown looks for)
    return TableAlignmentExtension(**kwargs)
