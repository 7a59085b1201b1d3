"""Checks of the content as a whole: the content folder before Pelican walks it, and the
addresses and links of everything read, before anything is written."""

import glob
import os
from pathlib import Path
from urllib.parse import unquote

from pelican.contents import Page

from holistic_oriental_medicine.model.site_paths import (
    REDIRECTS_FILE,
    decoded_path,
    listed_redirects,
    old_addresses_of,
    one_spelling,
    same_address,
)
from holistic_oriental_medicine.model.slugs import slug_for

from .content_checks import MARKUP_CHARACTERS, file_links, line_of, links_outside_the_site, term_links
from .file_types import type_mismatch
from .internal_links import SiteMap, broken_internal_links
from .problems import build, shown_path
from .source_text import read_source


def skip_symlink_loops(settings):
    """Report links in the content folder that point back at a folder containing them, and keep
    Pelican from following them (it would read the same files again and again)."""
    content_root = Path(settings["PATH"])
    for folder, subfolders, _files in os.walk(content_root):
        for name in subfolders:
            link = Path(folder, name)
            if link.is_symlink() and Path(folder).resolve().is_relative_to(link.resolve()):
                build.record(link, "folder", "is a link back to a folder that contains it, so "
                             "its files would be read forever. Delete the link.", settings)
                relative = str(link.relative_to(content_root))
                for excludes in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
                    settings[excludes] = [*settings[excludes], relative]


def skip_links_out_of_the_content(settings):
    """Report links in the content folder to files or folders outside it (`/proc/self/environ`,
    `/etc`, a home folder), and keep Pelican from following them: the site publishes only what
    is in the repository."""
    content_root = Path(settings["PATH"]).resolve()
    for folder, subfolders, files in os.walk(content_root):
        for name in [*subfolders, *files]:
            link = Path(folder, name)
            if link.is_symlink() and not link.resolve().is_relative_to(content_root):
                build.record(link, "file", f"is a link to {os.readlink(link)}, outside the content "
                             "folder, which is never published. Copy the file into the content "
                             "folder instead, or delete the link.", settings)
                if name in subfolders:
                    relative = str(link.relative_to(content_root))
                    for excludes in ("ARTICLE_EXCLUDES", "PAGE_EXCLUDES", "STATIC_EXCLUDES"):
                        settings[excludes] = [*settings[excludes], relative]
                else:
                    # Pelican excludes files only by name (the build stops here anyway).
                    settings["IGNORE_FILES"] = [*settings["IGNORE_FILES"], glob.escape(name)]


def report_markdown_the_build_ignores(settings, markdown_extensions):
    """Markdown files outside the folders of articles and pages (`content/new-article.md`,
    `content/drafts/idea.md`), or with an extension in capitals, which Pelican would leave out
    without a word."""
    content_root = Path(settings["PATH"])
    read_folders = [content_root / folder for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]]
    for parent, _subfolders, files in os.walk(content_root):
        for name in files:
            suffix = Path(name).suffix
            if name.startswith(".") or suffix.lstrip(".").lower() not in markdown_extensions:
                continue
            path = Path(parent, name)
            if suffix.lstrip(".") not in markdown_extensions:
                build.record(path, "file", f"ends in {suffix}, which is not read as Markdown. "
                             f"Rename it to end in {suffix.lower()}.", settings)
            elif not any(path.is_relative_to(folder) for folder in read_folders):
                build.record(path, "file", "is outside content/articles/ and content/pages/, so "
                             "it would not be published. Move it into content/articles/ (an "
                             "article) or content/pages/ (a page).", settings)


def report_files_that_are_not_markdown(settings, markdown_extensions):
    """Files among the articles and pages that no reader would publish (a `.txt`, a `.docx`),
    which would otherwise vanish without a word."""
    content_root = Path(settings["PATH"])
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for parent, _subfolders, files in os.walk(content_root / folder):
            for name in files:
                if name.startswith(".") or Path(name).suffix.lstrip(".").lower() in markdown_extensions:
                    continue
                if Path(name).suffix.lower() in settings.get("PHOTO_SOURCE_SUFFIXES", ()):
                    continue  # A picture beside the article that shows it.
                build.record(Path(parent, name), "file", "is not a Markdown file, so it would "
                             "not be published. Save it as a .md file, or move it out of "
                             f"content/{folder}/.", settings)


# The lists in which Pelican's article and page generators keep what they read.
CONTENT_LISTS = (
    "articles", "hidden_articles", "drafts", "drafts_translations",
    "pages", "hidden_pages", "draft_pages", "draft_translations",
    "translations", "hidden_translations",
)


def written_contents(generators):
    """Every article and page read, with drafts and hidden ones, each once."""
    return dict.fromkeys(
        content
        for generator in generators
        for attribute in CONTENT_LISTS
        for content in getattr(generator, attribute, [])
    )


def site_folders(settings):
    """The top folders the site writes of its own: the theme's files, pictures, feeds, tag,
    category and author pages, drafts, share cards and the search index. An article there would
    be renamed by the asset hashing or cached for a year."""
    folders = {settings["THEME_STATIC_DIR"], settings.get("SOCIAL_CARDS_DIR", ""), "pagefind"}
    # The preview has no feeds, but reserves their folder as production does.
    folders.add(settings.get("FEEDS_DIR", ""))
    folders |= {path.split("/")[0] for path in settings["STATIC_PATHS"]}
    for name, value in settings.items():
        if isinstance(value, str) and "/" in value and name.endswith(("_SAVE_AS", "_URL", "_ATOM", "_RSS")):
            folders.add(value.split("/")[0])
    return {folder for folder in folders if folder and "{" not in folder}


def check_addresses(generators):
    """A source that would write over one of the site's own pages, or over another source
    through a `save_as` of its own."""
    site_settings = generators[0].settings
    writers = {
        site_settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): f"the site's own {name} page"
        for name in site_settings["DIRECT_TEMPLATES"]
    }
    folders = site_folders(site_settings)
    for content in written_contents(generators):
        if not content.save_as:
            continue
        # By slug: a draft's address is the one it will have once published.
        if content.slug in folders:
            build.record(content.source_path, "slug", f"gives the address /{content.slug}/, a folder "
                         "of the site's own (its theme, pictures, feeds or lists). Give it "
                         "another slug.", content.settings)
            continue
        earlier = writers.setdefault(content.save_as, content)
        if earlier is not content:
            earlier_name = earlier if isinstance(earlier, str) else shown_path(
                earlier.source_path, content.settings
            )
            build.record(content.source_path, "slug", f"writes the same address, /{content.url}, "
                         f"as {earlier_name}. Give one of them another slug.", content.settings)


# Distinct tags on the whole site: each is a page and a feed (and their compressed copies), so
# 2,000 tags took minutes to publish. An article may have 20 (field_values.MAX_TAGS).
MAX_SITE_TAGS = 500


def oldest_first(content):
    """By date, then file name; a page without a date comes last."""
    date = getattr(content, "date", None)
    return (date is None, date.timestamp() if date else 0, content.source_path)


def check_tag_count(generators):
    """Name the article whose tags take the site past MAX_SITE_TAGS, the articles taken from
    the oldest on, so the one named is the newest of those that made the site's tags too many."""
    tagged = [content for content in written_contents(generators) if getattr(content, "tags", None)]
    slugs = set()
    for content in sorted(tagged, key=oldest_first):
        new = [tag for tag in content.tags if tag.slug not in slugs]
        slugs.update(tag.slug for tag in new)
        if len(slugs) > MAX_SITE_TAGS:
            first_over = new[len(new) - (len(slugs) - MAX_SITE_TAGS)]
            build.record(content.source_path, "tags", f'"{first_over}" would be tag number '
                         f"{MAX_SITE_TAGS + 1} of the site, which may have at most {MAX_SITE_TAGS}: "
                         "each tag is a page and a feed of its own. Use tags the site has already "
                         "(the Tags page lists them), or remove tags no reader looks for.",
                         content.settings)
            return


def check_static_files(generators):
    """Files published as they are (pictures, and files linked with {static}) must be of a type
    that cannot run code on the site's own address, as an .html, .js or .svg file could."""
    # The files that will be written: the photos plugin has taken out the pictures it publishes
    # as derivatives (and the SVGs it checked), so only what is copied as it is remains.
    for static in generators[0].context["staticfiles"]:
        allowed = static.settings["STATIC_FILE_TYPES"]
        path = Path(static.source_path)
        if path.suffix.lower() not in allowed:
            build.record(static.source_path, "file", "is not a kind of file the site publishes "
                         f"({', '.join(allowed)}): a file of this type could run code on the "
                         "site. Save it as a picture or a PDF, or delete it.", static.settings)
        elif MARKUP_CHARACTERS & set(path.name):
            build.record(static.source_path, "file", "has a name with one of \" ' < > `, which "
                         "a page linking to it would read as HTML. Rename it with letters, digits "
                         "and - only.", static.settings)
        elif mismatch := type_mismatch(path):
            build.record(static.source_path, "file", mismatch, static.settings)


def check_file_links(generators):
    """Links to files that exist but are not part of the site. Links to sources left out for
    their own problems are not reported again."""
    context = generators[0].context
    site_files = (
        context["generated_content"].keys() | context["static_content"].keys() | build.skipped
    )
    for content in written_contents(generators):
        found = links_outside_the_site(content._content, content.relative_dir, site_files)
        if found:
            _raw, text = read_source(content.source_path)
        for needle, message in found:
            build.record(content.source_path, f"line {line_of(text, needle)}", message,
                         content.settings)


def unpublished_status(content):
    """Why the published site leaves `content` out (a draft, scheduled, hidden), or None."""
    if content.status == "draft":
        if content.metadata.get("status", "published") == "published":
            return f"scheduled for {content.date:%Y-%m-%d}"
        return "a draft"
    if content.status == "hidden" and not isinstance(content, Page):
        return "hidden"
    return None


def published_terms(generators):
    """(kind, slug) of every tag, category and author page the published site has."""
    terms = set()
    for generator in generators:
        for article in getattr(generator, "articles", []):
            terms |= {("tag", tag.slug) for tag in getattr(article, "tags", [])}
            terms |= {("author", author.slug) for author in getattr(article, "authors", [])}
            terms.add(("category", article.category.slug))
    return terms


def check_links_to_unpublished(generators):
    """A published article or page that links to one the published site leaves out (a draft,
    a scheduled or a hidden article), or to a tag, category or author page that only such
    articles have, which readers would find missing."""
    sources = generators[0].context["generated_content"]
    terms = published_terms(generators)
    for content in written_contents(generators):
        if content.status != "published":
            continue
        found = []
        for reference, path in file_links(content._content, content.relative_dir):
            status = unpublished_status(sources[path]) if sources.get(path) else None
            if status:
                found.append((reference, f'links to "{reference}", which is {status}: the '
                              "published site leaves it out. Publish it first, or remove the link."))
        for reference, kind, name in term_links(content._content):
            if (kind, slug_for(name, content.settings, kind.upper())) not in terms:
                found.append((reference, f'links to "{reference}", the page of a {kind} that no '
                              "published article has, so the published site has no such page. "
                              "Check the name, or remove the link."))
        if found:
            _raw, text = read_source(content.source_path)
        for needle, message in found:
            build.record(content.source_path, f"line {line_of(text, needle)}", message,
                         content.settings)


# Files the site writes at its root besides pages.
SITE_ROOT_FILES = (
    "sitemap.xml", "robots.txt", "favicon.ico", "apple-touch-icon.png", "_headers", "_redirects",
    "_redirects.map",
)


class SiteOwnAddresses:
    """The files the site writes at its root besides pages, and its own folders (theme,
    pictures, feeds, lists, pages of lists, search index, admin), in `one_spelling`: an old
    address there would hide them."""

    def __init__(self, settings):
        self.files = {one_spelling(f"/{name}"): f"the site's own file {name}" for name in SITE_ROOT_FILES}
        folders = site_folders(settings) | {settings.get("CMS_ADMIN_DIR", "admin")}
        for _minimum, _url, save_as in settings.get("PAGINATION_PATTERNS", ()):
            first = save_as.replace("{base_name}/", "").split("/")[0]
            if "{" not in first:
                folders.add(first)
        self.folders = {folder.casefold(): f"the site's own folder /{folder}/" for folder in folders if folder}

    def owner_of(self, address, taken):
        """What already has `address` (in `one_spelling`), or the site's folder it is in, or None."""
        first = address.split("/")[1] if address != "/" else ""
        return taken.get(address) or self.files.get(address) or self.folders.get(first)


def site_addresses(generators):
    """{address, as compared: what is there} for every page, list and file the build writes,
    and every address the host policy already redirects."""
    settings = generators[0].settings
    taken = {
        "/" + settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html").removesuffix("index.html"):
        f"the site's own {name} page"
        for name in settings["DIRECT_TEMPLATES"]
    }
    for content in written_contents(generators):
        taken["/" + content.url] = content
    for generator in generators:
        for kind, shown in (("categories", "category"), ("tags", "tag"), ("authors", "author")):
            # Pelican keeps categories and authors as (term, articles) pairs, tags as a dict.
            for term in getattr(generator, kind, []):
                term = term[0] if isinstance(term, tuple) else term
                taken["/" + term.url] = f'the {shown} page of "{term}"'
    for path in generators[0].context["static_content"]:
        taken["/" + path] = f"the file {path}"
    return {same_address(address): owner for address, owner in taken.items()}


def check_redirects(generators):
    """An old address (`redirect_from`) must lead to one page and be no address the site
    serves, in any spelling: its own would send readers in a loop, another's would hide that
    page or file."""
    settings = generators[0].settings
    pages = site_addresses(generators)
    taken = {one_spelling(address): owner for address, owner in pages.items()}
    own = SiteOwnAddresses(settings)
    for path in settings.get("HOST_POLICY", {}).get("redirects", {}):
        taken[one_spelling(path)] = "a redirect of the host policy in publishconf.py"
    for content in written_contents(generators):
        own_address = one_spelling("/" + content.url)
        for value in old_addresses_of(content):
            address = one_spelling(decoded_path(value))
            owner = own.owner_of(address, taken) or content
            taken.setdefault(address, owner)
            if address == own_address:
                message = "is this article's own address, so readers would go round in a loop"
            elif owner is content:
                continue
            elif isinstance(owner, str):
                message = f"is the address of {owner}"
            else:
                message = f"is taken already by {shown_path(owner.source_path, content.settings)}"
            build.record(content.source_path, "redirect_from", f'"{value}" {message}. Remove it '
                         "from redirect_from.", content.settings)
    check_listed_redirects(settings, pages, taken, own)


def check_listed_redirects(settings, pages, taken, own):
    """Each old address of the content's redirects file must be safe and free, and lead to a
    page of the site."""
    path = Path(settings["PATH"], REDIRECTS_FILE)
    try:
        listed = listed_redirects(settings["PATH"])
    except ValueError as error:
        build.record(path, "file", str(error), settings)
        return
    for old, new in listed.items():
        try:
            address = one_spelling(decoded_path(old))
        except ValueError as error:
            build.record(path, f'"{old}"', str(error), settings)
            continue
        owner = own.owner_of(address, taken)
        if not isinstance(new, str) or not new.startswith("/") or same_address(unquote(new)) not in pages:
            build.record(path, f'"{old}"', f'leads to "{new}", which is no page of this site. '
                         'Point it at a page, e.g. "/", or delete the line.', settings)
        elif owner is not None:
            shown = owner if isinstance(owner, str) else shown_path(owner.source_path, settings)
            build.record(path, f'"{old}"', f"is taken already by {shown}. Delete the line.", settings)
        else:
            taken[address] = REDIRECTS_FILE


def check_internal_links(generators):
    """Links to the site written without {filename}, to the preview's or the site's own address,
    or to a path that is no page, file or old address of the site (`internal_links`)."""
    settings = generators[0].settings
    addresses = set(site_addresses(generators))
    addresses |= {same_address(path) for path in settings.get("HOST_POLICY", {}).get("redirects", {})}
    sources = {}
    for content in written_contents(generators):
        sources[same_address("/" + content.url)] = content.relative_source_path
        for value in old_addresses_of(content):
            try:
                addresses.add(same_address(decoded_path(value)))
            except ValueError:
                pass  # reported by the front-matter checks
    try:
        addresses |= {same_address(old) for old in listed_redirects(settings["PATH"])}
    except ValueError:
        pass  # reported by check_listed_redirects
    site = SiteMap(addresses, sources, settings)
    for content in written_contents(generators):
        found = broken_internal_links(content._content, content.relative_dir, site)
        if found:
            _raw, text = read_source(content.source_path)
        for needle, message in found:
            build.record(content.source_path, f"line {line_of(text, needle)}", message, content.settings)
