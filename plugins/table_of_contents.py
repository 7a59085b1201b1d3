"""The sections of an article, for a table of contents at its top.

Python-Markdown's `toc` extension gives every heading an id, but Pelican does not pass the
extension's table on to templates, so this module reads the `##` headings (and their ids) back
from the rendered article. Templates show `article.sections` when there are at least
TABLE_OF_CONTENTS_MIN_SECTIONS of them.
"""

from html.parser import HTMLParser

from pelican import signals

DEFAULT_MIN_SECTIONS = 4


class _SectionCollector(HTMLParser):
    """Collects (id, text) of every h2 that has an id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.sections = []
        self._open_section = None

    def handle_starttag(self, tag, attrs):
        section_id = dict(attrs).get("id")
        if tag == "h2" and section_id:
            self._open_section = (section_id, [])

    def handle_data(self, data):
        if self._open_section:
            self._open_section[1].append(data)

    def handle_endtag(self, tag):
        if tag == "h2" and self._open_section:
            section_id, chunks = self._open_section
            self.sections.append((section_id, " ".join("".join(chunks).split())))
            self._open_section = None


def sections_of(html):
    """(id, heading text) of each `h2` section in an HTML fragment, in order."""
    collector = _SectionCollector()
    collector.feed(html)
    collector.close()
    return collector.sections


def add_sections(content):
    if not content._content:
        return
    sections = sections_of(content._content)
    minimum = content.settings.get("TABLE_OF_CONTENTS_MIN_SECTIONS", DEFAULT_MIN_SECTIONS)
    content.sections = sections if len(sections) >= minimum else []


def register():
    signals.content_object_init.connect(add_sections)
