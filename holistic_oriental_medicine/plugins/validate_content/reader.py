"""The Markdown reader that checks each source before Pelican reads it.

It checks the file's encoding, front matter (`front_matter`), body (`content_checks`) and the
addresses its title, tags, category and author give. A source with problems is recorded and
skipped (Pelican's `skip` status) instead of logged: with warnings fatal, Pelican would stop at
the first one and never name the others.

The body is converted to HTML once (`conversions`, which also caches it): the checks inspect
the HTML that Pelican then publishes. The whole reading of a clean source is cached too
(`readings`), so an unchanged source is neither checked nor converted again.
"""

from html import escape
from pathlib import Path

import yaml
from markdown import Markdown
from pelican.contents import Tag
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE, YAMLMetadataReader
from pelican.readers import DUPLICATES_DEFINITIONS_ALLOWED

from holistic_oriental_medicine.caches.conversions import conversion_cache
from holistic_oriental_medicine.caches.readings import reading_cache
from holistic_oriental_medicine.checks.allowed_html import html_outside_the_allow_list
from holistic_oriental_medicine.checks.claims import uncited_claims
from holistic_oriental_medicine.checks.content_checks import (
    line_of,
    markup_in_file_links,
    missing_files,
    unknown_link_names,
)
from holistic_oriental_medicine.checks.nesting import html_too_deep, too_deep, too_many_brackets
from holistic_oriental_medicine.checks.problems import build, shown_path
from holistic_oriental_medicine.checks.source_text import SourceTextError, normalised_text, source_bytes
from holistic_oriental_medicine.model.field_values import as_tag_list
from holistic_oriental_medicine.model.front_matter import (
    ArticleFrontMatter,
    PageFrontMatter,
    check_front_matter,
)
from holistic_oriental_medicine.model.slugs import MAX_SLUG_LENGTH, shortened_slug, slug_for
from holistic_oriental_medicine.model.source_split import FrontMatterSyntaxError, split_source

# A slug suggested in place of one too long: short enough to read at a glance.
SUGGESTED_SLUG_LENGTH = 40
# Pelican's YAML reader parses with PyYAML's pure-Python loader; libyaml's (in PyYAML's wheels)
# makes the same values about ten times faster. The checks have parsed the front matter first.
FAST_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class PlainText(str):
    """Text that knows it is not HTML: escaped wherever it is put into HTML or feeds.

    Pelican treats titles as HTML in feeds (it strips tags from them); a title written by an
    editor is text, so `<` and `&` in it must show as typed."""

    def __html__(self):
        return escape(str(self), quote=True)


def is_page(source_path, settings):
    relative = Path(source_path).resolve().relative_to(Path(settings["PATH"]).resolve())
    return any(relative.is_relative_to(folder) for folder in settings["PAGE_PATHS"])


class CheckedMarkdownReader(YAMLMetadataReader):
    """Markdown with YAML or `Key: value` front matter, read only once it has no problems."""

    def read(self, source_path):
        problems, reading = self.recalled_or_read(source_path)
        for where, message in problems:
            build.record(source_path, where, message, self.settings)
        if problems:
            return self.skip(source_path)
        slug, content, metadata, claims = reading
        if not self.claim_address(slug, source_path):
            return self.skip(source_path)
        build.claims[source_path] = claims
        return content, metadata

    def recalled_or_read(self, source_path):
        """(problems, None), or ([], (slug, HTML, metadata, uncited claims)) of the source:
        recalled from the reading cache when its bytes were read before, else read and kept there."""
        try:
            raw = source_bytes(source_path)
        except SourceTextError as error:
            return [(error.where, error.message)], None
        key = reading_cache.key(source_path, raw, self.settings)
        reading = reading_cache.recall(key, self.settings)
        if reading is not None:
            return [], reading
        problems, reading = self.checked_reading(source_path, raw)
        if reading is not None:
            reading_cache.keep(key, reading)
        return problems, reading

    def checked_reading(self, source_path, raw):
        """(problems, None), or ([], (slug, HTML, metadata, uncited claims)) of the source whose
        bytes are `raw`. The claims (`claims`) are reported once the build knows what it
        publishes; found here, they are kept with the reading."""
        problems, fields, text, content = self.source_problems(source_path, raw)
        if not problems:
            problems = self.address_problems(fields) + self.term_problems(fields)
        if problems:
            return problems, None
        return [], (self.slug_of_title(fields), content, self.metadata_of(fields, text, source_path),
                    uncited_claims(text, self.settings.get("CLAIM_PHRASES", [])))

    def skip(self, source_path):
        """Leave the source out of the site (its problems are recorded)."""
        build.skipped.add(Path(source_path).relative_to(self.settings["PATH"]).as_posix())
        return "", {"status": "skip"}

    def metadata_of(self, fields, text, source_path):
        """The metadata Pelican gets: its own reading of the front matter, with text as text."""
        metadata = self.pelican_metadata(text, source_path)
        if "title" in metadata:
            metadata["title"] = PlainText(metadata["title"])
        if "summary" in metadata:
            # Summaries are text; Pelican keeps them as HTML, so store the text's HTML.
            metadata["summary"] = escape(str(metadata["summary"]), quote=False)
        if "tags" in metadata:
            # Tags with one address (they differ only in capitals) are one tag: keep the first.
            unique = {}
            # YAML gives `tags: a, b` as one text: split it as the checks do.
            for tag in (Tag(name, self.settings) for name in as_tag_list(fields["tags"])):
                unique.setdefault(tag.slug, tag)
            metadata["tags"] = list(unique.values())
        return metadata

    def source_problems(self, source_path, raw):
        """(field or line, message) for each problem of the file whose bytes are `raw`, its raw
        front matter, its text (normalised: what the checks and Pelican both read) and the HTML
        of its body."""
        try:
            text = normalised_text(raw)
        except SourceTextError as error:
            return [(error.where, error.message)], {}, "", ""
        if not text.strip():
            return [("file", "is empty. Start it with front matter (title, date), "
                     "then a blank line, then the text.")], {}, text, ""
        try:
            parts = split_source(text)
        except FrontMatterSyntaxError as error:
            return [(f"line {error.line}", error.message)], {}, text, ""
        schema = PageFrontMatter if is_page(source_path, self.settings) else ArticleFrontMatter
        problems = check_front_matter(
            parts.fields,
            self.settings["PATH"],
            schema,
            theme=self.settings["THEME"],
            practitioners=self.settings["CLINIC"].get("practitioners"),
            timezone=self.settings["TIMEZONE"],
        )
        if not parts.body.strip():
            problems.append(("body", "has no text after the front matter. Write the article "
                             "below the front matter, after a blank line."))
            return problems, parts.fields, text, ""
        deep = too_deep(text) or too_many_brackets(text) or html_too_deep(text)
        if deep:
            return [*problems, deep], parts.fields, text, ""
        html = conversion_cache.html_of(raw, parts.body, lambda body: self._md.reset().convert(body))
        found = (
            html_outside_the_allow_list(html)
            + missing_files(html, source_path, self.settings["PATH"])
            + unknown_link_names(html, self.settings.get("CLINIC_LINKS", {}))
            + markup_in_file_links(html)
        )
        for needle, message in found:
            line = line_of(text, needle)
            problems.append((f"line {line}" if line else "body", message))
        return problems, parts.fields, text, html

    def pelican_metadata(self, text, source_path):
        """The metadata Pelican's own readers make of the front matter, in either style."""
        match = HEADER_RE.fullmatch(text)
        if match:
            fields = yaml.load(match["metadata"], Loader=FAST_YAML_LOADER)
            return self._parse_yaml_metadata(fields, source_path)
        header = Markdown(extensions=["meta"])
        header.preprocessors["meta"].run(text.split("\n"))
        # As Pelican's MarkdownReader does, with no formatted fields (FORMATTED_FIELDS is empty).
        return {
            name.lower(): self.process_metadata(
                name, values[0] if len(values) == 1 or not DUPLICATES_DEFINITIONS_ALLOWED.get(
                    name.lower(), True) else values
            )
            for name, values in header.Meta.items()
        }

    def slug_of_title(self, fields):
        """The article's address: its slug, or else the one Pelican makes of its title."""
        return fields.get("slug") or slug_for(PlainText(fields["title"]), self.settings)

    def address_problems(self, fields):
        """An address that is empty or too long."""
        slug = self.slug_of_title(fields)
        if not slug:
            return [("title", f'"{fields["title"]}" gives an empty address (it has no letters or '
                     'digits). Add a slug, e.g. "slug: acupuncture-for-stress".')]
        if len(slug) > MAX_SLUG_LENGTH:
            shorter = shortened_slug(slug, SUGGESTED_SLUG_LENGTH)
            return [("title", f"makes an address {len(slug)} characters long; at most "
                     f'{MAX_SLUG_LENGTH} fit. Add a shorter slug, e.g. "slug: {shorter}".')]
        return []

    def term_problems(self, fields):
        """Tags, a category or an author that give no address for their page."""
        tags = fields.get("tags") or []
        terms = [
            ("author", "AUTHOR", fields.get("author")),
            ("category", "CATEGORY", fields.get("category")),
            *(("tags", "TAG", tag) for tag in (tags.split(",") if isinstance(tags, str) else tags)),
        ]
        return [
            (field, f'"{str(term).strip()}" has no letters or digits to make the address of its '
             "page from. Add a word to it.")
            for field, kind, term in terms
            if term is not None and str(term).strip() and not slug_for(str(term), self.settings, kind)
        ]

    def claim_address(self, slug, source_path):
        """Whether the address is still free; if not, report both sources.

        A draft's address is taken too, as it will be the day the draft is published."""
        earlier = build.addresses.setdefault(slug, source_path)
        if earlier == source_path:
            return True
        first, second = sorted([earlier, source_path])
        build.record(first, "slug", f"has the same address, /{slug}/, as "
                     f"{shown_path(second, self.settings)}. Give one of them another slug.",
                     self.settings)
        return False
