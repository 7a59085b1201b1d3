"""Who wrote and reviewed an article, and what it rests on, for the theme and structured data.

An article's `author` and `reviewed_by` may name a practitioner of clinic.toml's
[practitioners] table (the content checks make sure `reviewed_by` does); `references` lists
its sources. This plugin gives templates:

- `article.reviewer` (the practitioner, with their `name`) and `article.last_reviewed` (a date),
- `article.sources`: the references, each with the links readers follow (DOI to doi.org,
  PMID to PubMed, or the URL),
- `practitioner(name)`: the practitioner of that name, or None, and `name|credentials` their
  credentials ("L.Ac., MSOM") or nothing,
- `split_footnotes`: an article's HTML as (body, footnotes), so the theme shows Markdown's
  footnotes in the article's numbered Sources list, and feeds keep them in place.
"""

from dataclasses import dataclass, field
from urllib.parse import quote

from pelican import signals
from pelican.contents import Article, Page
from selectolax.lexbor import LexborHTMLParser

from holistic_oriental_medicine.model.field_values import parse_date

# Python-Markdown's footnotes extension puts every footnote in this block, at the very end.
FOOTNOTES_START = '<div class="footnote">'


@dataclass
class Source:
    """One reference of an article, as readers see it and search engines read it."""

    title: str
    year: str
    journal: str | None = None
    publisher: str | None = None
    authors: str | None = None
    links: list = field(default_factory=list)


def source_of(reference):
    """A Source from a `references` item of the front matter (already checked)."""
    links = []
    if reference.get("doi"):
        doi = str(reference["doi"]).strip()
        links.append((f"doi:{doi}", "https://doi.org/" + quote(doi, safe="/:;()._-")))
    if reference.get("pmid"):
        pmid = str(reference["pmid"]).strip()
        links.append((f"PubMed {pmid}", f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/"))
    if reference.get("url"):
        url = str(reference["url"]).strip()
        links.append((url, url))
    return Source(
        title=str(reference["title"]).strip(),
        year=str(reference["year"]).strip(),
        journal=reference.get("journal"),
        publisher=reference.get("publisher"),
        authors=reference.get("authors"),
        links=links,
    )


def practitioners(settings):
    return settings.get("CLINIC", {}).get("practitioners", {})


def practitioner_named(settings, name):
    """The practitioner called `name` in clinic.toml, with their name, or None."""
    found = practitioners(settings).get(str(name))
    return {"name": str(name), **found} if found else None


def add_review_and_sources(content):
    if not isinstance(content, (Article, Page)) or content.status == "skip":
        return
    reviewed_by = getattr(content, "reviewed_by", None)
    content.reviewer = practitioner_named(content.settings, reviewed_by) if reviewed_by else None
    last_reviewed = getattr(content, "last_reviewed", None)
    if last_reviewed is not None:
        content.last_reviewed = parse_date(last_reviewed).date()
    content.sources = [source_of(reference) for reference in getattr(content, "references", None) or []]


def split_footnotes(html):
    """(body, footnotes) of an article's HTML: footnotes as (id, inner HTML) of each item."""
    start = html.rfind(FOOTNOTES_START)
    if start == -1:
        return html, []
    items = LexborHTMLParser(html[start:]).css("div.footnote > ol > li")
    return html[:start], [(item.attributes.get("id", ""), item.inner_html.strip()) for item in items]


def footnote_text(note):
    """A footnote's words, without the link back to the text."""
    tree = LexborHTMLParser(note)
    for backlink in tree.css("a.footnote-backref"):
        backlink.decompose()
    return " ".join(tree.text().split())


def add_to_templates(generator):
    settings = generator.settings
    generator.env.filters["split_footnotes"] = split_footnotes
    generator.env.globals["practitioner"] = lambda name: practitioner_named(settings, name)
    generator.env.filters["credentials"] = lambda name: (
        practitioner_named(settings, name) or {}
    ).get("credentials", "")


def register():
    signals.content_object_init.connect(add_review_and_sources)
    signals.generator_init.connect(add_to_templates)
