"""The build as a gate: every problem in the content is found, reported, and stops the build.

Markdown files are read by `CheckedMarkdownReader`, which checks the file's encoding, front matter
(`front_matter`) and body (`content_checks`) before Pelican reads it, and skips a file with
problems instead of logging them one by one (a fatal Pelican warning would stop at the first).
Once every file is read, the whole site is checked for addresses written twice or left empty.
If anything was found, each problem is printed on its own line on stderr,
`path: field or line: what is wrong and how to fix it`, and the build stops before writing.
"""

import os
import sys
from html import escape
from pathlib import Path

from .content_checks import (
    line_of,
    links_outside_the_site,
    missing_files,
    unknown_link_names,
    unsafe_html,
)
from .front_matter import (
    MAX_SLUG_LENGTH,
    ArticleFrontMatter,
    FrontMatterSyntaxError,
    PageFrontMatter,
    check_front_matter,
    split_source,
)
from pelican import signals
from pelican.plugins.yaml_metadata.yaml_metadata import YAMLMetadataReader
from pelican.utils import slugify

_problems = []
# The address of every source read so far in this build, slug -> source path.
_slugs = {}


class ContentProblems(SystemExit):
    """The content has problems, printed one per line: the build ends here with exit status 1
    (a SystemExit, so that Pelican does not add a traceback an editor cannot use)."""


class PlainText(str):
    """Text that knows it is not HTML: escaped wherever it is put into HTML or feeds.

    Pelican treats titles as HTML in feeds (it strips tags from them); a title written by an
    editor is text, so `<` and `&` in it must show as typed."""

    def __html__(self):
        return escape(str(self), quote=True)


def shown_path(path, settings):
    """A path relative to the project, as editors see it in their folder."""
    root = Path(settings.get("PROJECT_ROOT", os.getcwd())).resolve()
    path = Path(os.path.abspath(path))
    return str(path.relative_to(root)) if path.is_relative_to(root) else str(path)


def record(path, where, message, settings):
    _problems.append((shown_path(path, settings), f"{where}: {message}"))


def is_page(source_path, settings):
    relative = Path(source_path).resolve().relative_to(Path(settings["PATH"]).resolve())
    return any(relative.is_relative_to(folder) for folder in settings["PAGE_PATHS"])


class CheckedMarkdownReader(YAMLMetadataReader):
    """Markdown with YAML or `Key: value` front matter, read only once it has no problems."""

    def read(self, source_path):
        problems = self.problems(source_path)
        for where, message in problems:
            record(source_path, where, message, self.settings)
        if problems or not self.claim_address(source_path):
            return "", {"status": "skip"}
        content, metadata = super().read(source_path)
        if "title" in metadata:
            metadata["title"] = PlainText(metadata["title"])
        if "summary" in metadata:
            # Summaries are text; Pelican keeps them as HTML, so store the text's HTML.
            metadata["summary"] = escape(str(metadata["summary"]), quote=False)
        return content, metadata

    def problems(self, source_path):
        """(field or line, message) for each problem of the source file."""
        try:
            raw = Path(source_path).read_bytes()
        except OSError as error:
            return [("file", f"cannot be read ({error.strerror}). Replace it with a plain file.")]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            return [
                (f"line {line}", f"is not UTF-8 text (byte 0x{raw[error.start]:02x}). "
                 'Save the file as "UTF-8" in your editor.')
            ]
        if not text.strip():
            return [("file", "is empty. Start it with front matter (title, date), "
                     "then a blank line, then the text.")]
        try:
            parts = split_source(text)
        except FrontMatterSyntaxError as error:
            return [(f"line {error.line}", error.message)]
        schema = PageFrontMatter if is_page(source_path, self.settings) else ArticleFrontMatter
        problems = check_front_matter(
            parts.fields, self.settings["PATH"], schema, theme=self.settings["THEME"]
        )
        if not parts.body.strip():
            problems.append(("body", "has no text after the front matter. Write the article "
                             "below the front matter, after a blank line."))
        else:
            html = self._md.reset().convert(parts.body)
            found = (
                unsafe_html(html)
                + missing_files(html, source_path, self.settings["PATH"])
                + unknown_link_names(html, self.settings.get("CLINIC_LINKS", {}))
            )
            for needle, message in found:
                line = line_of(text, needle)
                problems.append((f"line {line}" if line else "body", message))
        if not problems:
            problems += self.address_problems(parts.fields, source_path)
            problems += self.term_problems(parts.fields)
        return problems

    def slug_of(self, text, kind="SLUG"):
        """The address Pelican makes of `text` for a title (SLUG) or a TAG, CATEGORY, AUTHOR."""
        return slugify(
            text,
            regex_subs=self.settings.get(
                f"{kind}_REGEX_SUBSTITUTIONS", self.settings["SLUG_REGEX_SUBSTITUTIONS"]
            ),
            preserve_case=self.settings["SLUGIFY_PRESERVE_CASE"],
            use_unicode=self.settings["SLUGIFY_USE_UNICODE"],
        )

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
            if term is not None and str(term).strip() and not self.slug_of(str(term), kind)
        ]

    def address_problems(self, fields, source_path):
        """An address that is empty or too long."""
        slug = fields.get("slug") or self.slug_of(PlainText(fields["title"]))
        if not slug:
            return [("title", f'"{fields["title"]}" gives an empty address (it has no letters or '
                     'digits). Add a slug, e.g. "slug: acupuncture-for-stress".')]
        if len(slug) > MAX_SLUG_LENGTH:
            shorter = slug[:40].rsplit("-", 1)[0]
            return [("title", f"makes an address {len(slug)} characters long; at most "
                     f'{MAX_SLUG_LENGTH} fit. Add a shorter slug, e.g. "slug: {shorter}".')]
        self._slug = slug
        return []

    def claim_address(self, source_path):
        """Whether the address of this source is still free; if not, report both sources.

        Articles and pages share one set of addresses, /<slug>/; a draft's address is taken
        too, as it will be the day the draft is published."""
        earlier = _slugs.setdefault(self._slug, source_path)
        if earlier == source_path:
            return True
        first, second = sorted([earlier, source_path])
        record(first, "slug", f"has the same address, /{self._slug}/, as "
               f"{shown_path(second, self.settings)}. Give one of them another slug.", self.settings)
        return False


MARKDOWN_EXTENSIONS = set(CheckedMarkdownReader.file_extensions)


def use_checked_reader(readers):
    for extension in CheckedMarkdownReader.file_extensions:
        readers.reader_classes[extension] = CheckedMarkdownReader


def start_build(pelican):
    _problems.clear()
    _slugs.clear()
    skip_symlink_loops(pelican.settings)
    report_files_that_are_not_markdown(pelican.settings)


def skip_symlink_loops(settings):
    """Report links in the content folder that point back at a folder containing them, and keep
    Pelican from following them (it would read the same files again and again)."""
    content_root = Path(settings["PATH"])
    for folder, subfolders, _files in os.walk(content_root):
        for name in subfolders:
            link = Path(folder, name)
            if link.is_symlink() and Path(folder).resolve().is_relative_to(link.resolve()):
                record(link, "folder", "is a link back to a folder that contains it, so its "
                       "files would be read forever. Delete the link.", settings)
                relative = str(link.relative_to(content_root))
                for excludes in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
                    settings[excludes] = [*settings[excludes], relative]


def report_files_that_are_not_markdown(settings):
    """Files among the articles and pages that no reader would publish (a `.txt`, a `.docx`),
    which would otherwise vanish without a word."""
    content_root = Path(settings["PATH"])
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for parent, _subfolders, files in os.walk(content_root / folder):
            for name in files:
                if name.startswith(".") or Path(name).suffix.lstrip(".") in MARKDOWN_EXTENSIONS:
                    continue
                record(Path(parent, name), "file", "is not a Markdown file, so it would not be "
                       f"published. Save it as a .md file, or move it out of content/{folder}/.",
                       settings)


# The lists in which Pelican's article and page generators keep what they read.
CONTENT_LISTS = (
    "articles", "hidden_articles", "drafts", "drafts_translations",
    "pages", "hidden_pages", "draft_pages", "draft_translations",
    "translations", "hidden_translations",
)


def written_contents(generators):
    """Every article and page the build will write, with drafts and hidden ones."""
    for generator in generators:
        for attribute in CONTENT_LISTS:
            yield from getattr(generator, attribute, [])


def check_addresses(generators):
    """A source that would write over one of the site's own pages, or over another source
    through a `save_as` of its own."""
    site_settings = generators[0].settings
    writers = {
        site_settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): f"the site's own {name} page"
        for name in site_settings["DIRECT_TEMPLATES"]
    }
    for content in dict.fromkeys(written_contents(generators)):
        settings = content.settings
        if not content.save_as:
            continue
        earlier = writers.setdefault(content.save_as, content)
        if earlier is not content:
            if isinstance(earlier, str):
                earlier_name = earlier
            else:
                earlier_name = shown_path(earlier.source_path, settings)
            record(content.source_path, "slug", f"writes the same address, /{content.url}, as "
                   f"{earlier_name}. Give one of them another slug.", settings)


def check_file_links(generators):
    """Links to files that exist but are not part of the site."""
    context = generators[0].context
    site_files = context["generated_content"].keys() | context["static_content"].keys()
    for content in dict.fromkeys(written_contents(generators)):
        found = links_outside_the_site(content._content, content.relative_dir, site_files)
        if found:
            text = Path(content.source_path).read_text(encoding="utf-8")
        for needle, message in found:
            record(content.source_path, f"line {line_of(text, needle)}", message, content.settings)


def stop_on_problems(generators):
    check_addresses(generators)
    check_file_links(generators)
    if _problems:
        ordered = sorted(_problems, key=lambda problem: problem[0])
        sys.stderr.write("".join(f"{path}: {problem}\n" for path, problem in ordered))
        sys.stderr.flush()
        count = len(_problems)
        raise ContentProblems(
            f"{count} problem{'s' if count != 1 else ''} in the content (listed above): "
            "nothing was published. Fix each one and build again."
        )


def register():
    signals.initialized.connect(start_build)
    signals.readers_init.connect(use_checked_reader)
    signals.all_generators_finalized.connect(stop_on_problems)
