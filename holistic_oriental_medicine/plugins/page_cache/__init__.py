"""Pages kept between builds and rendered again only when what they show changed.

Rendering templates is most of a build once the content is read. A page's HTML depends on:
- the site as a whole: the settings, the theme's files, the plugins' code, the installed
  packages, today's date and the content's files other than articles and pages (pictures);
- its template and the values of its context that the template (with every template it
  includes, extends or imports) names: the page's own article or page with everything it
  has (its HTML with the addresses it links to resolved, its dates, tags, what plugins added),
  a list's articles by name and order, a tag, the page's place among a list's pages;
- the attributes of other articles it shows (the title and address of a neighbour, the read
  time on a card): a render notes each one the templates read, with its value.

So a page is kept in the cache folder `pages` under a hash of the first two, with the attributes it read
and their values, and a later build takes it from there, without rendering, while they all
still have those values. Editing an article's text renders its page, and the pages that show
something of it that changed (a card whose read time changed); a new title renders its
neighbours, related articles and lists too; a change to the settings, theme or code renders
everything again.

The templates note what they read through their Jinja environment, a subclass of Jinja's
(`NotingEnvironment`) that each generator is given on `generator_init` when CACHE_PATH is set
(by parallel_pages, which renders the pages through the cache).

Template functions (`@pass_context`) may read the settings and the names in
READ_BY_TEMPLATE_FUNCTIONS from the context, and should be given plain values rather than other
articles (what Python code reads of them is not noted); a test checks the first.
"""

import hashlib
import pickle
import sys
import zlib
from datetime import date
from importlib.metadata import distributions
from pathlib import Path

from jinja2 import Environment, meta
from pelican.contents import Content
from pelican.paginator import Page, Paginator
from pelican.urlwrappers import URLWrapper

from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.caches.reading_fingerprint import PACKAGE_CODE
from holistic_oriental_medicine.model import front_matter
from holistic_oriental_medicine.plugins.upstream_patches import use_environment_class

# The code of the plugins and the packages as this process runs them (the live preview starts
# again when a plugin changes).
CODE_HASH = PACKAGE_CODE
PACKAGES = " ".join(sorted(f"{dist.metadata['Name']}=={dist.version}" for dist in distributions()))
# Where the page is written: the relative address of the site's root depends on it.
PAGE_PLACE = {"output_file", "localsiteurl", "SITEURL"}
# What structured_data's and photos' template functions read from a page's context.
READ_BY_TEMPLATE_FUNCTIONS = {"article", "page", "page_name"}
# The page's own article or page, hashed with everything it has.
OWN_CONTENT = {"article", "page"}
# Attributes of articles and pages that say nothing of what they show (the whole site's
# context and settings) or that are hashed in another form (the HTML, with its links resolved).
NOT_SHOWN = {"_context", "settings", "_content"}
CACHE_NAME = "pages"


class Unstable(Exception):
    """A value with no description that stays the same from one build to the next."""


def digest(*parts):
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        hasher.update(len(part).to_bytes(8, "little"))
        hasher.update(part)
    return hasher.digest()


class Fingerprints:
    """Hashes of the values of one build's pages. Values are remembered by identity for the
    whole build (and kept alive, so that no identity is reused): the site's lists are hashed
    once, however many pages show them. An article or page in a value counts by its name
    (its source file) only, unless it is the value itself and `whole` is asked for."""

    def __init__(self):
        self.known = {}
        self.in_progress = set()

    def of(self, value, whole=False):
        """The value's hash, or for a plain value its description (cheaper than a hash)."""
        if isinstance(value, str):
            return type(value).__name__.encode() + b":" + value.encode("utf-8", "surrogatepass")
        if value is None or isinstance(value, (bool, int, float, date)):
            return repr(value).encode()
        if isinstance(value, Content) and not whole:
            return b"content:" + value.source_path.encode()
        key = (id(value), whole)
        if key not in self.known:
            if key in self.in_progress:
                raise Unstable(f"{type(value).__name__} refers to itself")
            self.in_progress.add(key)
            try:
                self.known[key] = (value, self.compound(value))
            finally:
                self.in_progress.discard(key)
        return self.known[key][1]

    def compound(self, value):
        kind = type(value).__qualname__.encode()
        if isinstance(value, Content):
            shown = {name: item for name, item in vars(value).items() if name not in NOT_SHOWN}
            # Its HTML as published, with the addresses of what it links to resolved.
            shown["html"] = value.get_content("")
            return self.attributes(kind, shown)
        if isinstance(value, URLWrapper):
            return digest(kind, value.name.encode(), value.slug.encode())
        if isinstance(value, Page):
            return digest(kind, *map(self.of, (value.number, value.base_name, value.base_url,
                                               value.object_list, value.paginator)))
        if isinstance(value, Paginator):
            return digest(kind, *map(self.of, (value.name, value.url, value.num_pages, value.count,
                                               value.per_page)))
        if isinstance(value, (list, tuple)):
            return digest(kind, *map(self.of, value))
        if isinstance(value, (set, frozenset)):
            return digest(kind, *sorted(map(self.of, value)))
        if isinstance(value, dict):
            return self.attributes(kind, value)
        if callable(value) and hasattr(value, "__qualname__"):
            return digest(kind, f"{getattr(value, '__module__', '')}.{value.__qualname__}".encode())
        if hasattr(value, "__dict__"):
            return self.attributes(kind, vars(value))
        described = repr(value)
        if " at 0x" in described:
            raise Unstable(described)
        return digest(kind, described.encode())

    def attributes(self, kind, values):
        items = sorted((str(name), value) for name, value in values.items())
        return digest(kind, *(part for name, value in items for part in (name.encode(), self.of(value))))


def site_fingerprint(context, fingerprints):
    """A hash of what every page depends on: the settings (as the build's context holds them,
    with what plugins added), the theme's files, the plugins' code, the installed packages,
    today's date and the content's files other than articles and pages (pictures)."""
    settings = {name: value for name, value in context.items() if name.isupper() and name != "OUTPUT_PATH"}
    theme = Path(context["THEME"])
    theme_files = [
        digest(path.relative_to(theme).as_posix().encode(), path.read_bytes())
        for path in sorted(theme.rglob("*")) if path.is_file()
    ]
    content = Path(context["PATH"])
    content_files = [
        f"{path.relative_to(content).as_posix()} {stat.st_size} {stat.st_mtime_ns}".encode()
        for path in sorted(content.rglob("*"))
        if path.is_file() and path.suffix != ".md" and (stat := path.stat())
    ]
    return digest(
        fingerprints.attributes(b"settings", settings),
        *theme_files,
        *content_files,
        CODE_HASH.encode(),
        PACKAGES.encode(),
        sys.version.encode(),
        front_matter.clinic_today(context["TIMEZONE"]).isoformat().encode(),
    ).hex()


# The attributes of articles and pages the render under way reads: (object, name).
_reads = None
# (name, text) of a template: the names it reads from the context, and the templates it uses.
_names_in_templates = {}


class NotingEnvironment(Environment):
    """Pelican's Jinja environment, whose templates note which attributes of articles and pages
    they read (`a.title`, and `a["title"]` as filters read them) while a page is rendered for
    the cache. Jinja's templates read every attribute and item through these two methods of
    their environment, which a subclass may override (as Jinja's own sandbox does)."""

    def getattr(self, obj, attribute):
        if _reads is not None and isinstance(obj, Content):
            _reads.add((obj, attribute))
        return Environment.getattr(self, obj, attribute)

    def getitem(self, obj, argument):
        if _reads is not None and isinstance(obj, Content) and isinstance(argument, str):
            _reads.add((obj, argument))
        return Environment.getitem(self, obj, argument)


def note_reads(generator):
    """On `generator_init`: the generator's templates note what they read, if pages are cached."""
    if generator.settings.get("CACHE_PATH"):
        use_environment_class(generator, NotingEnvironment)


class PageCache:
    """The kept pages of one build (of one site fingerprint)."""

    def __init__(self, settings, context):
        self.fingerprints = Fingerprints()
        self.site = site_fingerprint(context, self.fingerprints)
        # The folder of this site's pages in the cache folder of every site's.
        self.sites = folders.CacheFolder(settings, CACHE_NAME)
        self.folder = self.sites / self.site
        self.folder.mkdir(parents=True, exist_ok=True)
        self.reads_of_template = {}
        self.values_read = {}
        self.contents = {
            content.source_path: content
            for content in context.get("generated_content", {}).values() if content is not None
        }

    def template_reads(self, template):
        """The names `template` and the templates it uses read from the context, or None if
        one of them is chosen at run time (then it may read any)."""
        if template.name not in self.reads_of_template:
            self.reads_of_template[template.name] = self.names_read_through(template)
        return self.reads_of_template[template.name]

    def names_read_through(self, template):
        environment = template.environment
        names, waiting, seen = set(), [template.name], set()
        while waiting:
            name = waiting.pop()
            if name in seen:
                continue
            seen.add(name)
            source = environment.loader.get_source(environment, name)[0]
            if (name, source) not in _names_in_templates:
                # Parsing is slow: each template's text once a process, however many use it.
                tree = environment.parse(source)
                _names_in_templates[name, source] = (meta.find_undeclared_variables(tree),
                                                     list(meta.find_referenced_templates(tree)))
            read, used = _names_in_templates[name, source]
            if None in used:
                return None
            names |= read
            waiting += used
        return names

    def key(self, template, context):
        reads = self.template_reads(template)
        if reads is None:
            reads = set(context)
        # Settings are in the site's fingerprint; SITEURL is the page's own (relative) address.
        names = sorted({name for name in reads | READ_BY_TEMPLATE_FUNCTIONS if not name.isupper()} | PAGE_PLACE)
        parts = [
            part
            for name in names
            for part in (name.encode(), self.fingerprints.of(context[name], name in OWN_CONTENT)
                         if name in context else b"-")
        ]
        return digest(self.site.encode(), template.name.encode(), *parts).hex()

    def value_read(self, content, attribute):
        # An article's HTML has links relative to the page showing it (Pelican's localsiteurl);
        # its other attributes are the same on every page.
        key = (id(content), attribute, content._context.get("localsiteurl"))
        if key not in self.values_read:
            try:
                self.values_read[key] = self.fingerprints.of(getattr(content, attribute))
            except AttributeError:
                self.values_read[key] = b"-"
        return self.values_read[key]

    def still_shows(self, reads):
        """Whether every attribute a kept page read still has the value it read."""
        for source_path, attribute, value in reads:
            content = self.contents.get(source_path)
            if content is None or self.value_read(content, attribute) != value:
                return False
        return True

    def render(self, template, context):
        """The page `template` renders with `context`, rendered only if not kept."""
        global _reads
        if not isinstance(template.environment, NotingEnvironment):
            return template.render(context)  # what it reads would not be known
        try:
            key = self.key(template, context)
        except Unstable:
            return template.render(context)
        kept = self.folder / f"{key}.pickle.z"
        try:
            reads, html = pickle.loads(zlib.decompress(kept.read_bytes()))
            if self.still_shows(reads):
                folders.mark_used(kept)
                return html
        except (OSError, zlib.error, pickle.UnpicklingError, Unstable):
            pass
        _reads = set()
        try:
            html = template.render(context)
            # The page's own article is in the key whole already.
            own = {id(context[name]) for name in OWN_CONTENT if name in context}
            reads = sorted((content.source_path, attribute, self.value_read(content, attribute))
                           for content, attribute in _reads if id(content) not in own)
        except Unstable:
            return html
        finally:
            _reads = None
        self.keep(kept, reads, html)
        return html

    def keep(self, kept, reads, html):
        try:
            with folders.written_file(kept) as partial:
                partial.write_bytes(zlib.compress(pickle.dumps((reads, html), pickle.HIGHEST_PROTOCOL), 1))
        except OSError:
            pass  # another build pruned the folder meanwhile: the page is simply not kept

    def prune(self):
        """Prune this site's pages, then the sites' folders, as every cache is pruned."""
        folders.prune(self.folder, self.sites.started)
        folders.mark_used(self.folder)
        self.sites.prune()


class CachedTemplate:
    """A template whose pages come from the page cache when nothing they show changed."""

    def __init__(self, template, cache):
        self.template, self.cache = template, cache
        self.name = template.name

    def render(self, context):
        return self.cache.render(self.template, context)
