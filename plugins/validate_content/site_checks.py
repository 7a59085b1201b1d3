"""Checks of the content as a whole: the content folder before Pelican walks it, and the
addresses and links of everything read, before anything is written."""

import os
from pathlib import Path

from .content_checks import line_of, links_outside_the_site
from .problems import build, shown_path
from .site_paths import REDIRECTS_FILE, decoded_path, listed_redirects, old_addresses_of, same_address


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


def report_files_that_are_not_markdown(settings, markdown_extensions):
    """Files among the articles and pages that no reader would publish (a `.txt`, a `.docx`),
    which would otherwise vanish without a word."""
    content_root = Path(settings["PATH"])
    for folder in [*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]]:
        for parent, _subfolders, files in os.walk(content_root / folder):
            for name in files:
                if name.startswith(".") or Path(name).suffix.lstrip(".") in markdown_extensions:
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


def check_addresses(generators):
    """A source that would write over one of the site's own pages, or over another source
    through a `save_as` of its own."""
    site_settings = generators[0].settings
    writers = {
        site_settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html"): f"the site's own {name} page"
        for name in site_settings["DIRECT_TEMPLATES"]
    }
    for content in written_contents(generators):
        if not content.save_as:
            continue
        earlier = writers.setdefault(content.save_as, content)
        if earlier is not content:
            earlier_name = earlier if isinstance(earlier, str) else shown_path(
                earlier.source_path, content.settings
            )
            build.record(content.source_path, "slug", f"writes the same address, /{content.url}, "
                         f"as {earlier_name}. Give one of them another slug.", content.settings)


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
            text = Path(content.source_path).read_text(encoding="utf-8")
        for needle, message in found:
            build.record(content.source_path, f"line {line_of(text, needle)}", message,
                         content.settings)


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
    """An old address (`redirect_from`) must lead to one page and be no page's own address:
    its own would send readers in a loop, another's would hide that page."""
    pages = site_addresses(generators)
    taken = dict(pages)
    for path in generators[0].settings.get("HOST_POLICY", {}).get("redirects", {}):
        taken[same_address(path)] = "a redirect of the host policy in publishconf.py"
    for content in written_contents(generators):
        own_address = same_address("/" + content.url)
        for value in old_addresses_of(content):
            address = same_address(decoded_path(value))
            owner = taken.setdefault(address, content)
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
    check_listed_redirects(generators[0].settings, pages, taken)


def check_listed_redirects(settings, pages, taken):
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
            address = same_address(decoded_path(old))
        except ValueError as error:
            build.record(path, f'"{old}"', str(error), settings)
            continue
        if not isinstance(new, str) or same_address(new) not in pages:
            build.record(path, f'"{old}"', f'leads to "{new}", which is no page of this site. '
                         'Point it at a page, e.g. "/", or delete the line.', settings)
        elif address in taken:
            owner = taken[address]
            shown = owner if isinstance(owner, str) else shown_path(owner.source_path, settings)
            build.record(path, f'"{old}"', f"is taken already by {shown}. Delete the line.", settings)
        else:
            taken[address] = REDIRECTS_FILE
