"""Fixtures shared by the tests: a real build of the site, and HTML parsing helpers."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican import Pelican
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

from nginx_server import free_port, nginx_serving

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The clinic's facts as the site reads them (clinic.toml, with the phone number as shown).
CLINIC = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["CLINIC"]
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


# The CMS's admin (plugins/decap_admin) is for editors, not readers: test_cms_admin.py tests it.
ADMIN_FOLDER = "admin"




def build_site(output_path, settings_file="pelicanconf.py", **overrides):
    """Build the site with Pelican, as `invoke build` does, into `output_path`."""
    settings = read_settings(
        str(PROJECT_ROOT / settings_file), override={"OUTPUT_PATH": str(output_path), **overrides}
    )
    Pelican(settings).run()
    return Path(output_path)


def site_pages(site):
    """Every page of a built site; not the small pages at old addresses, which only send
    readers on to the new ones (plugins/redirects.py)."""
    return sorted(
        path for path in site.rglob("*.html")
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8")
    )


def reader_pages(site):
    """Every page of a built site that readers read: not the CMS's admin, nor the pages at old
    addresses."""
    return [path for path in site_pages(site) if path.relative_to(site).parts[0] != ADMIN_FOLDER]


def parse_html(path):
    return LexborHTMLParser(Path(path).read_text(encoding="utf-8"))


def json_ld(page):
    """The page's one JSON-LD graph (it must have exactly one), by schema.org type."""
    (block,) = page.css('script[type="application/ld+json"]')
    data = json.loads(block.text())
    assert data["@context"] == "https://schema.org"
    graph = {}
    for node in data["@graph"]:
        graph.setdefault(node["@type"], node)
    return graph


def page_at(site, url):
    """The parsed page a browser gets for a site-relative URL such as `tag/acupuncture/`."""
    path = site / url
    if url == "" or url.endswith("/"):
        path = path / "index.html"
    return parse_html(path)


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory):
    """The local preview, built once from the real content (with its search index), as
    `invoke build` does."""
    return build_site(tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="session")
def html_pages(preview_site):
    """Every reader's page of the preview build."""
    return reader_pages(preview_site)


# What a clone of the repository does not hold, or holds only after a build or a test run.
NOT_IN_A_CLONE = (".git", ".venv", "node_modules", "output", "cache", "screenshots", "results",
                  "__pycache__", ".pytest_cache", "*.egg-info")


def project_copy(destination, **clinic_changes):
    """A copy of the project as a clone has it, in its own git repository, using this Python
    environment, with `clinic_changes` (TOML values as text) written into its clinic.toml."""
    shutil.copytree(PROJECT_ROOT, destination, ignore=shutil.ignore_patterns(*NOT_IN_A_CLONE))
    clinic = destination / "clinic.toml"
    text = clinic.read_text(encoding="utf-8")
    for key, value in clinic_changes.items():
        text, count = re.subn(rf"(?m)^{key} = .*$", f"{key} = {value}", text)
        assert count == 1, key
    clinic.write_text(text, encoding="utf-8")
    for command in (["init", "--quiet", "--initial-branch=main"], ["add", "--all"],
                    ["-c", "user.name=Editor", "-c", "user.email=editor@clinic.test",
                     "commit", "--quiet", "-m", "Start"]):
        subprocess.run(["git", "-C", str(destination), *command], check=True)
    # After the commit: a clone must not get the link to this environment.
    (destination / ".venv").symlink_to(Path(sys.prefix))
    return destination


# Tests publish the example clinic facts on purpose: `invoke publish` refuses them otherwise.
PUBLISH_ENVIRONMENT = {"PUBLISH_WITH_EXAMPLE_VALUES": "1"}
# A fixed build time (the seed article's date), as a CI build takes it from the last commit.
SOURCE_DATE_EPOCH = "1696118400"


def publish_site(output_path, **environment):
    """Build the production site as an editor does, with `invoke publish`, in a new process.

    A new process because production settings make every log warning fatal for the process."""
    subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(output_path)],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PUBLISH_ENVIRONMENT, **environment},
        check=True,
    )
    return Path(output_path)


def publish_content(content_path, output_path, **settings):
    """Build other content with the production settings, in a new process like `publish_site`.

    `settings` override production settings, given as JSON values."""
    overrides = [f"{name}={json.dumps(value)}" for name, value in settings.items()]
    subprocess.run(
        [sys.executable, "-m", "pelican", str(content_path), "-s", "publishconf.py",
         "-o", str(output_path), "--fatal", "warnings", *(["-e", *overrides] if overrides else [])],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PUBLISH_ENVIRONMENT},
        check=True,
    )
    return Path(output_path)


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    """The production site, published once from the real content."""
    return publish_site(tmp_path_factory.mktemp("published"), SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH)


@pytest.fixture(scope="session")
def published_pages(published_site):
    """Every reader's page of the production build."""
    return reader_pages(published_site)


@pytest.fixture(scope="session")
def served_site(tmp_path_factory):
    """(address, folder) of the production site published for, and served by, a real nginx
    on 127.0.0.1 with the repository's server block."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    site = publish_site(
        tmp_path_factory.mktemp("served"), SITEURL=address, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH
    )
    with nginx_serving(site, port, tmp_path_factory.mktemp("nginx")):
        yield address, site


# Debian's chromium: Playwright's own browser download is not used.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def chromium_browser():
    """One headless Debian chromium for the session, driven by Playwright."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(f"{CHROMIUM} is missing: install Debian's chromium package")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


SUBPATH_SITEURL = "https://example.org/clinic"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The production site published for a sub-path of another domain."""
    return publish_site(tmp_path_factory.mktemp("subpath"), SITEURL=SUBPATH_SITEURL)
