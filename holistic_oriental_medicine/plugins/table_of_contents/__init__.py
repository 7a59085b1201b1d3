"""The sections of an article, for a table of contents at its top.

Python-Markdown's `toc` extension gives every heading an id, but Pelican does not pass the
extension's table on to templates, so this module reads the `##` headings (and their ids) back
from the rendered article. Templates show `article.sections` when there are at least
TABLE_OF_CONTENTS_MIN_SECTIONS (pelicanconf.py) of them.
"""

from pelican import signals
from selectolax.lexbor import LexborHTMLParser


def sections_of(html):
    """(id, heading text) of each `h2` section that has an id, in order."""
    return [
        (heading.attributes["id"], " ".join(heading.text().split()))
        for heading in LexborHTMLParser(html).css("h2[id]")
    ]


def add_sections(content):
    if not content._content:
        return
    sections = sections_of(content._content)
    minimum = content.settings["TABLE_OF_CONTENTS_MIN_SECTIONS"]
    content.sections = sections if len(sections) >= minimum else []


def register():
    signals.content_object_init.connect(add_sections)
