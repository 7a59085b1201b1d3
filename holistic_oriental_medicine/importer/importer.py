"""The import of a whole Wix blog: read everything first, then write. A site that cannot be
read (unreachable, not Wix, a broken sitemap or feed) stops the import before anything is
written. A post is read from whichever of its sources has it: the rich content embedded in its
page, the page's rendered article, the feed's whole text. A post none of them yields (or whose
pictures cannot be read) is left out and named with the reason; every other post is written,
and the next run picks up what was left out."""

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from zoneinfo import ZoneInfo

from holistic_oriental_medicine.model.front_matter import check_front_matter
from holistic_oriental_medicine.model.site_paths import REDIRECTS_FILE, same_address
from holistic_oriental_medicine.model.slugs import MAX_SLUG_LENGTH, shortened_slug, slug_for
from holistic_oriental_medicine.model.source_split import split_source

from . import ImportFailed, feed_html, ricos
from .articles import article_text, edited_since_import, write_article
from .feed import read_feed
from .fetch import CONCURRENT_REQUESTS, NotFound, SavedSite, open_site, twin_hosts
from .images import WIX_MEDIA, file_name, media_address, original_address
from .links import well_formed
from .list_pages import list_redirects, merged_redirects_file, published_terms, write_redirects_file
from .post_page import PagePost, read_post_page
from .progress import progress_bar
from .rendered_post import read_rendered_post
from .sitemap import listed_posts

# Where a post lives on Wix: /post/<slug> today, /single-post/<slug> or
# /single-post/YYYY/MM/DD/<slug> on older sites.
# An e-mail address written as a link without `mailto:`.
EMAIL = re.compile(r"[^@\s/:]+@[^@\s/:]+\.[^@\s/:]+")
POST_ADDRESS = re.compile(r"/(?:post|single-post(?:/\d{4}/\d{2}/\d{2})?)/([^/]+)/?$")


@dataclass
class ImportedPost:
    """One post, read and converted, ready to be written."""

    old_address: str
    slug: str
    path: Path
    text: str = ""
    images: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)  # what must change before it can be published
    changes: list = field(default_factory=list)  # what differs from Wix; publishable as it is
    outcome: str = ""
    # Why the post could not be imported ("failed"), or None.
    failure: str | None = None
    body: str = ""
    linked_files: set = field(default_factory=set)
    fields: dict = field(default_factory=dict)
    categories: list = field(default_factory=list)
    page: object = None


@dataclass
class Summary:
    posts: list
    blog_path: str | None
    # What happened to the redirects file of the blog's lists: "new", "updated", "unchanged".
    lists_outcome: str = "unchanged"

    def count(self, outcome):
        return sum(post.outcome == outcome for post in self.posts)


def wix_slug(url):
    """A post's slug, taken from its address, never made again from its title."""
    match = POST_ADDRESS.search(urlsplit(url).path)
    if not match:
        raise ImportFailed(f"{url}: is not the address of a Wix post (/post/<slug>).")
    return unquote(match.group(1))


def site_slug(wix_slug_, settings):
    """The address of the article on this site: Wix's slug in lower-case letters, digits and
    hyphens (accents transliterated), cut at a hyphen to fit."""
    return shortened_slug(slug_for(wix_slug_, settings))


def existing_articles(articles_folder):
    """{old address, as compared: file} of the articles that list it in `redirect_from`."""
    found = {}
    for path in sorted(articles_folder.glob("*.md")):
        try:
            fields = split_source(path.read_text(encoding="utf-8")).fields
        except Exception:  # noqa: BLE001 (a broken file is the content check's to report)
            continue
        values = fields.get("redirect_from") or []
        for value in values if isinstance(values, list) else [values]:
            found[same_address(unquote(str(value)))] = path
    return found


def addresses_here(content_root, settings):
    """{address (slug): file} of every article and page of the content folder: its slug, or the
    one its title makes, and its file's name (a post's article would be written there)."""
    found = {}
    for folder in (*settings["ARTICLE_PATHS"], *settings["PAGE_PATHS"]):
        for path in sorted(Path(content_root, folder).rglob("*.md")):
            found.setdefault(path.stem, path)
            try:
                fields = {key.lower(): value for key, value in
                          split_source(path.read_text(encoding="utf-8")).fields.items()}
            except Exception:  # noqa: BLE001 (a broken file is the content check's to report)
                continue
            slug = str(fields.get("slug") or "") or slug_for(str(fields.get("title") or ""), settings)
            found.setdefault(slug, path)
    return found


def own_slug(path):
    """The slug an article here gives itself, or None."""
    try:
        fields = split_source(path.read_text(encoding="utf-8")).fields
    except Exception:  # noqa: BLE001 (a broken file is the content check's to report)
        return None
    slug = {key.lower(): value for key, value in fields.items()}.get("slug")
    return str(slug) if slug else None


def free_slug(wanted, taken):
    """`wanted`, or if another article or post has it, `wanted` with -2, -3... (within the
    longest address allowed)."""
    slug, number = wanted, 2
    while slug in taken:
        suffix = f"-{number}"
        slug, number = shortened_slug(wanted, MAX_SLUG_LENGTH - len(suffix)) + suffix, number + 1
    return slug


class Importer:
    def __init__(self, site, settings, media_base=None):
        self.site = open_site(site, media_base)
        self.settings = settings
        self.content = Path(settings["PATH"])
        self.articles = self.content / settings["ARTICLE_PATHS"][0]
        default_media = "/media/" if isinstance(self.site, SavedSite) else WIX_MEDIA
        self.media_base = media_base or default_media
        self.timezone = ZoneInfo(settings["TIMEZONE"])

    def read(self, progress):
        """Every post of the site, converted or with the reason it could not be; ImportFailed
        if the site itself cannot be read."""
        listed = listed_posts(self.site)
        feed = read_feed(self.site)
        feed_items = {same_address(unquote(urlsplit(url).path)): item
                      for url, item in (feed.items.items() if feed else [])}
        known = existing_articles(self.articles)
        taken = addresses_here(self.content, self.settings)
        posts = []
        for entry in listed:
            old = urlsplit(entry.url).path
            wanted = site_slug(wix_slug(entry.url), self.settings)
            own = known.get(same_address(unquote(old)))
            # An article here that is this post keeps its address; a new one takes a free one.
            slug = (own_slug(own) or wanted) if own else free_slug(wanted, taken)
            taken.setdefault(slug, own or f"the post {entry.url}")
            post = ImportedPost(old_address=old, slug=slug, path=own or self.articles / f"{slug}.md")
            if not own and slug != wanted:
                owner = taken[wanted]
                shown = owner if isinstance(owner, str) else owner.relative_to(self.content.parent)
                post.changes.append(f"its address here is /{slug}/, as /{wanted}/ is {shown}'s.")
            posts.append(post)
        # A link to a post, by the post's Wix slug: /post/<slug>, /single-post/..., any host of the site.
        self.files = {wix_slug(entry.url): post.path.name for post, entry in zip(posts, listed)}
        addresses = [self.site.url("/"), *(entry.url for entry in listed)]
        self.site_hosts = {host for address in addresses for host in twin_hosts(urlsplit(address).hostname)}
        task = progress("Reading posts", len(posts))
        with ThreadPoolExecutor(CONCURRENT_REQUESTS) as pool:
            for _ in pool.map(lambda pair: self.convert(*pair, feed_items), zip(posts, listed)):
                task()
        self.unlink_posts_left_out(posts)
        for post in posts:
            if post.failure is None:
                post.text = article_text(post.fields, post.body)
        return Summary(posts, feed.blog_path if feed else None)

    def convert(self, post, entry, feed_items):
        """Read and convert one post; a post that cannot be read keeps the reason in `failure`."""
        try:
            self.convert_post(post, entry, feed_items)
        except ImportFailed as failure:
            post.failure = str(failure)

    def unlink_posts_left_out(self, posts):
        """A link to a post that was left out, and has no article here yet, goes to the post's
        old address: the new site redirects it once a later run brings the post."""
        missing = {post.path.name: post.old_address for post in posts
                   if post.failure is not None and not post.path.exists()}
        for post in posts:
            for name in post.linked_files & missing.keys():
                post.body = re.sub(r"\(\{filename\}" + re.escape(name) + r"(#[^)]*)?\)",
                                   lambda match: f"({missing[name]}{match[1] or ''})", post.body)
                post.changes.append(f"a link to {missing[name]} stays on its old address: that post "
                                    "was not imported this time. Run the import again.")

    def sources(self, entry, item, where):
        """The post as its sources have it: the page's embedded rich content, else its rendered
        article, else the feed's whole text; ImportFailed with every source's reason if none."""
        reasons = []
        try:
            page_html = self.site.get(entry.url).decode("utf-8", "replace")
        except NotFound:
            page_html = None
            reasons.append("not found, though the sitemap lists it")
        except ImportFailed as failure:
            page_html = None
            reasons.append(str(failure))
        page = rendered = None
        if page_html is not None:
            try:
                page = read_post_page(page_html, wix_slug(entry.url), where)
            except ImportFailed as failure:
                reasons.append(str(failure))
            if page is None or not page.nodes:
                try:
                    rendered = read_rendered_post(page_html, where)
                except ImportFailed as failure:
                    reasons.append(str(failure))
        if page is not None and page.nodes:
            return page
        if rendered is not None:
            if page is None:
                return rendered
            page.body_html, page.left_out, page.cover = rendered.body_html, rendered.left_out, rendered.cover
            return page
        if item and item.body_html:
            page = page or PagePost(title=item.title, published=item.published, excerpt=None, nodes=None)
            page.body_html = item.body_html
            return page
        reasons.append("the feed " + ("has only its excerpt" if item else "does not list it"))
        sentences = [reason.removeprefix(f"{where}: ").rstrip(".") for reason in reasons]
        raise ImportFailed(f"{where}: not imported. " + " ".join(
            sentence[0].upper() + sentence[1:] + "." for sentence in sentences))

    def convert_post(self, post, entry, feed_items):
        item = feed_items.get(same_address(unquote(post.old_address)))
        where = self.site.url(entry.url)
        page = self.sources(entry, item, where)
        pictures, elsewhere = {}, []

        def image_for_url(url):
            """The picture's path here, or None for one on a host the import does not read from."""
            original = original_address(url if "://" in url else urljoin(self.site.url("/"), url))
            if not self.site.reads_from(original):
                elsewhere.append(original)
                return None
            name = file_name(original)
            pictures[name] = original
            return f"{{static}}/images/{post.slug}/{name}"

        def link_for(url):
            target = self.link_for(url)
            if target and target.startswith("{filename}"):
                post.linked_files.add(target.removeprefix("{filename}").split("#", 1)[0])
            return target

        conversion = ricos.Conversion(link_for=link_for, image_for=lambda media_id: image_for_url(
            media_address(media_id, self.media_base)))
        conversion.image_for_url = image_for_url
        if page.nodes:
            body = ricos.to_markdown(page.nodes, conversion)
        else:
            body = feed_html.to_markdown(page.body_html, conversion)
        conversion.changes += [f"{block} was left out: it has no Markdown form. Add it by hand if it "
                               "matters." for block in page.left_out]
        fields = self.front_matter(post, entry, page, item, image_for_url)
        conversion.changes += [f"the picture {address} was left out: it is not on the Wix site or Wix's "
                               "media hosts, the only places the import reads from. Add it by hand if "
                               "it matters." for address in elsewhere]
        post.images = {name: self.required(url, f"{where} shows this picture") for name, url in pictures.items()}
        # The cover is checked once written; every other field must pass the site's own schema.
        unchecked = {name: value for name, value in fields.items() if name != "image"}
        post.notes = conversion.notes + [f"{field}: {message}" for field, message in check_front_matter(
            unchecked, self.content)]
        post.changes += conversion.changes
        post.body, post.fields, post.page = body, fields, page

    def front_matter(self, post, entry, page, item, image_for_url):
        title = (item.title if item else "") or page.title
        published = (page.published or (item.published if item else None))
        categories = post.categories = (item.categories if item and item.categories else page.categories)
        tags = [*categories[1:], *page.tags]
        fields = {"title": title}
        if published:
            local = published.astimezone(self.timezone)
            fields["date"] = local.strftime("%Y-%m-%d %H:%M")
            if entry.last_changed and entry.last_changed > local.date():
                fields["modified"] = entry.last_changed.isoformat()
        author = (item.author if item else None) or page.author
        if author:
            fields["author"] = author
        if categories:
            fields["category"] = categories[0]
        if tags:
            # A YAML list: Pelican's YAML reader keeps "a, b" as one tag.
            fields["tags"] = list(dict.fromkeys(tags))
        summary = (item.summary if item else None) or page.excerpt
        if summary:
            fields["summary"] = summary
        fields["slug"] = post.slug
        cover = entry.cover or (item.cover if item else None) or page.cover
        cover_path = image_for_url(cover) if cover else None
        if cover_path:
            fields["image"] = cover_path.removeprefix("{static}/")
            # Wix keeps no description of a cover; beside the title it illustrates, it is decoration
            # until an editor describes it in image_alt.
            fields["image_alt"] = "decorative"
        single_post = f"/single-post/{post.old_address.rstrip('/').rsplit('/', 1)[-1]}"
        fields["redirect_from"] = list(dict.fromkeys([post.old_address, single_post]))
        return fields

    def required(self, address, why):
        try:
            return self.site.get(address)
        except NotFound:
            raise ImportFailed(f"{self.site.url(address)}: not found, though {why}. Try again "
                               "later; if it stays missing, unpublish the post on Wix.") from None

    def link_for(self, url):
        """A link of a post: to another post of the blog (by any of its addresses, relative or
        on any of the site's hosts), its article; to the clinic's phone or booking page, `{tel}`
        or `{booking}`; without a scheme, https; None if it is no valid address."""
        url = url.strip()
        for name, target in self.settings.get("CLINIC_LINKS", {}).items():
            if url == target:
                return f"{{{name}}}"
        if EMAIL.fullmatch(url):
            url = "mailto:" + url
        elif not url.startswith(("/", "#")) and "://" not in url and "." in url.split("/", 1)[0] \
                and ":" not in url.split("/", 1)[0]:
            url = "https://" + url
        url = well_formed(url)
        if url is None:
            return None
        parts = urlsplit(url)
        post = POST_ADDRESS.search(parts.path)
        on_site = not parts.scheme or (parts.hostname or "") in self.site_hosts
        target = self.files.get(unquote(post.group(1))) if post and on_site else None
        if target:
            return "{filename}" + target + (f"#{parts.fragment}" if parts.fragment else "")
        return url

    def write(self, summary, dry_run, force):
        for post in summary.posts:
            if post.failure is not None:
                post.outcome = "failed"
                continue
            current = post.path.read_text(encoding="utf-8") if post.path.exists() else None
            if current == post.text:
                post.outcome = "unchanged"
                continue
            if current is not None and edited_since_import(current) and not force:
                post.outcome = "kept"
                continue
            post.outcome = "new" if current is None else "updated"
            if not dry_run:
                write_article(post.path, post.text, self.content / "images" / post.slug, post.images)
        if summary.blog_path:
            terms = published_terms(self.articles, self.settings, summary.posts)
            moved = list_redirects(summary.posts, summary.blog_path, self.settings, terms)
            text = merged_redirects_file(self.content, moved)
            if text is not None:
                summary.lists_outcome = "updated" if (self.content / REDIRECTS_FILE).exists() else "new"
                if not dry_run:
                    write_redirects_file(self.content, text)


def import_site(site, settings, dry_run=False, force=False, media_base=None, progress=None):
    """Import every post of the Wix site into the content folder of `settings`."""
    importer = Importer(site, settings, media_base)
    summary = importer.read(progress or (lambda title, total: (lambda: None)))
    importer.write(summary, dry_run, force)
    return summary


OUTCOMES = {
    "new": ("written", "would be written"),
    "updated": ("updated from Wix", "would be updated from Wix"),
    "kept": ("changed here since the import, kept as it is (--force replaces it)",
             "changed here since the import, would be kept (--force replaces it)"),
}


def report(summary, content_root, dry_run=False):
    """The lines of the summary: each article written or kept, each post left out and why, what
    needs a person, the counts."""
    shown = {}
    for post in summary.posts:
        try:
            shown[post.slug] = post.path.relative_to(Path(content_root).parent)
        except ValueError:
            shown[post.slug] = post.path
    lines = [f"{shown[post.slug]}: {OUTCOMES[post.outcome][dry_run]}"
             for post in summary.posts if post.outcome in OUTCOMES]
    if summary.lists_outcome != "unchanged":
        redirects = Path(content_root, REDIRECTS_FILE)
        shown_file = redirects.relative_to(Path(content_root).parent)
        lines.append(f"{shown_file}: {OUTCOMES[summary.lists_outcome][dry_run]} "
                     f"(the old addresses of the blog's lists, {summary.blog_path} and below)")
    failed = [post for post in summary.posts if post.outcome == "failed"]
    if failed:
        lines.append("These posts were not imported; run the import again to pick them up (if one "
                     "keeps failing, copy it from Wix by hand before the Wix site closes):")
        lines += [f"  {post.failure}" for post in failed]
    current = [post for post in summary.posts if post.outcome not in ("kept", "failed")]
    needing = [post for post in current if post.notes]
    if needing:
        lines.append("These articles need a person before they can be published:")
        lines += [f"  {shown[post.slug]}: {note}" for post in needing for note in post.notes]
    changed = [post for post in current if post.changes]
    if changed:
        lines.append("These articles can be published as they are, but differ from Wix; a person "
                     "should look at:")
        lines += [f"  {shown[post.slug]}: {change}" for post in changed for change in post.changes]
    counts = ", ".join(f"{summary.count(outcome)} {outcome}" for outcome in ("new", "updated", "unchanged", "kept"))
    if failed:
        counts += f", {len(failed)} not imported"
    lines.append(f"{len(summary.posts)} posts on the Wix site: {counts}."
                 + (" Dry run: nothing was written." if dry_run else ""))
    return lines


class ImportStopped(SystemExit):
    """The import stopped, or left posts out: exit status 1 and this message."""


def import_into(settings, site, dry_run=False, force=False, media_base=None):
    """`invoke import-wix`: import with a progress bar, print the summary, and end with exit
    status 1 if the import stopped or left a post out."""
    try:
        with progress_bar() as progress:
            summary = import_site(site, settings, dry_run, force, media_base, progress)
    except ImportFailed as failure:
        raise ImportStopped(f"{failure} Nothing was written.") from None
    print("\n".join(report(summary, settings["PATH"], dry_run)))
    if summary.count("failed"):
        raise ImportStopped("Some posts were not imported (listed above). Run the import again to pick them up.")
