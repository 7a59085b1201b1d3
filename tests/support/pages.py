"""The pages of a built site: which there are, parsed, what they link to and declare, and what
the Nu HTML Checker says of them."""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser
from support.project import CLINIC, PROJECT_ROOT

SEED_ARTICLE_URL = "unlocking-the-healing-power-exploring-acupuncture-as-a-natural-solution-for-back-pain/"
# Its address on the clinic's Wix blog, before the move (Wix's slug has the title's old typo).
SEED_ARTICLE_WIX_ADDRESS = "/post/unlocking-the-healing-power-exploring-accupuncture-as-a-natural-solution-for-back-pain"
# One page of every type a reader can land on, by its site-relative address.
PAGE_TYPES = {
    "article": SEED_ARTICLE_URL,
    "home": "",
    "about": "about/",
    "contact": "contact/",
    "archives": "archives/",
    "tags": "tags/",
    "tag": "tag/acupuncture/",
    "categories": "categories/",
    "category": "category/pain-relief/",
    "authors": "authors/",
    "author": "author/holistic-oriental-medicine/",
    "search": "search/",
}
# The CMS's admin (holistic_oriental_medicine/cms) is for editors, not readers: test_cms_admin.py tests it.
ADMIN_FOLDER = "admin"
# Written beside the pages for other hosts (nginx reads `_redirects.map` from its folder), or
# compressed copies: not addresses of their own.
NOT_ADDRESSES = {".br", ".gz", "", ".map"}
REFERENCES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
VNU_JAR = PROJECT_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


def site_pages(site):
    """Every page of a built site; not the small pages at old addresses, which only send
    readers on to the new ones (holistic_oriental_medicine/plugins/redirects/)."""
    return sorted(
        path for path in site.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    )


def reader_pages(site):
    """Every page of a built site that readers read: not the CMS's admin, nor the pages at old
    addresses."""
    return [path for path in site_pages(site) if path.relative_to(site).parts[0] != ADMIN_FOLDER]


def published_files(site):
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in NOT_ADDRESSES]


def address_of(site, path):
    """The address a reader uses for a file: folders for their index.html."""
    relative = path.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


def parse_html(path):
    return LexborHTMLParser(Path(path).read_text(encoding="utf-8"))


def page_at(site, url):
    """The parsed page a browser gets for a site-relative URL such as `tag/acupuncture/`."""
    path = Path(site) / url
    if url == "" or url.endswith("/"):
        path = path / "index.html"
    return parse_html(path)


def local_target(page, reference, site):
    """The file a relative or root-relative reference on `page` resolves to, or None if external."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def json_ld(page):
    """The page's one JSON-LD graph (it must have exactly one), by schema.org type."""
    (block,) = page.css('script[type="application/ld+json"]')
    data = json.loads(block.text())
    assert data["@context"] == "https://schema.org"
    graph = {}
    for node in data["@graph"]:
        graph.setdefault(node["@type"], node)
    return graph


def assert_describes_the_clinic(clinic):
    """Google's LocalBusiness needs name and address; telephone, url and hours are recommended."""
    assert clinic["name"] == CLINIC["name"]
    assert clinic["telephone"] == CLINIC["phone_e164"]
    assert clinic["url"].endswith("/")
    address = clinic["address"]
    assert address["@type"] == "PostalAddress"
    assert address["streetAddress"] == CLINIC["address"]["street"]
    assert address["addressLocality"] == CLINIC["address"]["locality"]
    assert address["addressRegion"] == CLINIC["address"]["region"]
    assert address["postalCode"] == CLINIC["address"]["postal_code"]
    assert address["addressCountry"] == CLINIC["address"]["country"]
    hours = clinic["openingHoursSpecification"]
    assert [(h["dayOfWeek"], h["opens"], h["closes"]) for h in hours] == [
        (h["day_codes"], h["opens"], h["closes"]) for h in CLINIC["hours"]
    ]


def nu_html_errors(pages):
    """Every error the Nu HTML Checker reports on `pages`, as 'file:line: message', in one Java
    run."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("The HTML check needs Java: apt-get install openjdk-17-jre-headless")
    if not VNU_JAR.is_file():
        pytest.fail(f"{VNU_JAR} is missing: run `npm ci` in {PROJECT_ROOT}")
    checked = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(checked.stderr)["messages"]
    return [f"{m['url']}:{m.get('lastLine', '?')}: {m['message']}" for m in messages]
