"""Links inside the site that would lead readers nowhere, each with the fix nearest to hand:

- a link to an article's file without `{filename}` (`other-article.md`), which Pelican leaves
  as written, so the published page links to a file that is not there;
- a link to the preview's address on the editor's computer (`http://127.0.0.1:8000/…`) or to
  the site's own address written out (`https://www.clinic.example/…`), which breaks in the
  preview, or on the site, or once the site moves;
- a site path (`/unlocking-the-healing-powr/`) that is no page, file or old address of the site.

Links written with `{filename}` and friends are checked by `content_checks`.
"""

import difflib
import posixpath
from urllib.parse import unquote, urlsplit

from selectolax.lexbor import LexborHTMLParser

from holistic_oriental_medicine.model.site_paths import same_address

LOCAL_HOSTS = {"127.0.0.1", "localhost", "0.0.0.0", "::1"}


def own_hosts(settings):
    """The host names of the site's own address, in the preview and once published."""
    addresses = (settings.get("SITEURL"), settings.get("PUBLISHED_SITEURL"))
    return {urlsplit(address).hostname for address in addresses if address} - {None}


def nearest(address, addresses):
    matches = difflib.get_close_matches(address, addresses, n=1, cutoff=0.6)
    return matches[0] if matches else None


class SiteMap:
    """The addresses of the site as a reader reaches them, and the source behind each page."""

    def __init__(self, addresses, sources_by_address, settings):
        self.addresses = addresses
        self.sources = sources_by_address
        self.hosts = own_hosts(settings)
        self.base_path = urlsplit(settings.get("PUBLISHED_SITEURL") or "").path.rstrip("/")

    def filename_link(self, address, relative_dir):
        """`{filename}…` for the article or page at `address`, written from `relative_dir`."""
        source = self.sources.get(same_address(address))
        if source is None:
            return None
        return "{filename}" + posixpath.relpath(source, relative_dir or ".")

    def fix_for(self, address, relative_dir):
        """What to write instead of a link to `address` (a path of this site)."""
        if same_address(address) in self.addresses:
            return self.filename_link(address, relative_dir) or address
        guess = nearest(same_address(address), list(self.addresses))
        if guess is None:
            return None
        return self.filename_link(guess, relative_dir) or guess + ("/" if not posixpath.splitext(guess)[1] else "")


def _problem(reference, address, site, relative_dir):
    """The message for one link, or None when it leads somewhere."""
    parts = urlsplit(reference)
    if parts.scheme in ("http", "https") and (parts.hostname in LOCAL_HOSTS or parts.hostname in site.hosts):
        path = unquote(parts.path) or "/"
        if parts.hostname in site.hosts and site.base_path and path.startswith(site.base_path):
            path = path[len(site.base_path):] or "/"
        fix = site.fix_for(path, relative_dir)
        where = ("the preview on your computer, which readers cannot reach"
                 if parts.hostname in LOCAL_HOSTS else "the site's own address written out, which "
                 "breaks in the preview and if the site moves")
        return (f'links to "{reference}", {where}. '
                + (f'Write "{fix}" instead.' if fix else "Link to the page with {filename}, e.g. "
                   "[text]({filename}other-article.md)."))
    if parts.scheme or parts.netloc or not parts.path or reference.startswith(("{", "|")):
        return None
    path = unquote(parts.path)
    if path.lower().endswith(".md"):
        target = posixpath.normpath(posixpath.join(relative_dir, path)) if not path.startswith("/") else path[1:]
        known = {source: address for address, source in site.sources.items()}
        if target in known:
            return f'links to "{reference}" without {{filename}}. Write "{{filename}}{path}" instead.'
        guess = nearest(target, list(known))
        fix = f'"{{filename}}{posixpath.relpath(guess, relative_dir or ".")}"' if guess else "{filename} and the file's name"
        return f'links to "{reference}", which is no article or page of the site. Write {fix} instead.'
    if path.startswith("/") and same_address(path) not in site.addresses:
        fix = site.fix_for(path, relative_dir)
        return (f'links to "{reference}", which is no page of this site. '
                + (f'Did you mean "{fix}"?' if fix else "Check the address, or remove the link."))
    return None


def broken_internal_links(html, relative_dir, site):
    """(reference, message) of each link of `html` that leads to no page of the site. Links
    only: pictures are the photos plugin's to check."""
    found = []
    for link in LexborHTMLParser(html).css("a[href]"):
        reference = link.attributes["href"] or ""
        message = _problem(reference.strip(), reference, site, relative_dir) if reference else None
        if message:
            found.append((reference, message))
    return found
