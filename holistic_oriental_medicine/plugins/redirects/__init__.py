"""Old addresses keep working: every `redirect_from` of an article or page leads to it for good.

Old addresses of lists (a Wix blog's list, category and tag pages) are in the content folder's
`redirects.toml`, each with the address it leads to. The content checks (validate_content) have
refused any old address that is unsafe, is a page's own address, belongs to two pages or leads
to no page. For each old address of a published article or page, and each listed one, this
writes a small page at that path that sends the reader on (an immediate refresh, a canonical
link and a plain link), for hosts that cannot redirect (GitHub Pages), and it hands the
addresses to `host_config` (as the MOVED_ADDRESSES setting), which writes them as permanent
redirects into `_redirects` and nginx's map `_redirects.map`. The sitemap lists only the new
pages: it is made from the build's articles and pages, which these pages are not.
"""

from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from holistic_oriental_medicine.model.site_paths import decoded_path, listed_redirects, old_addresses_of

# Old addresses ending so are files; any other is a folder whose index.html is written.
PAGE_SUFFIXES = (".html", ".htm")


def redirect_page_path(old_address):
    """Where the page for an old address is written, relative to the output folder."""
    if old_address.endswith(PAGE_SUFFIXES):
        return old_address.lstrip("/")
    return old_address.strip("/") + "/index.html"


class RedirectPagesGenerator(Generator):
    """Collects the old addresses of everything published and writes a page at each."""

    def generate_context(self):
        # old address -> (the new one, relative to the site; the title of what is there)
        self.moved = {
            old: (content.url, content.title)
            for content in [*self.context["articles"], *self.context["pages"]]
            for old in map(decoded_path, old_addresses_of(content))
        }
        for old, new in listed_redirects(self.settings["PATH"]).items():
            self.moved[decoded_path(old)] = (new.lstrip("/"), None)
        self.settings["MOVED_ADDRESSES"] = {old: "/" + url for old, (url, _title) in self.moved.items()}

    def generate_output(self, writer):
        template = self.get_template("redirect")
        for old, (url, title) in self.moved.items():
            save_as = redirect_page_path(old)
            site_url = self.settings["SITEURL"]
            if self.settings["RELATIVE_URLS"]:
                site_url = path_to_url(get_relative_path(save_as))
            path = Path(self.output_path, save_as)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(
                template.render({**self.context, "SITEURL": site_url, "new_url": url, "new_title": title}),
                encoding="utf-8",
            )


def get_generators(pelican):
    return RedirectPagesGenerator


def register():
    signals.get_generators.connect(get_generators)
