"""The fixtures the tests share: real builds of the site, served by nginx, the live preview, and the
browser. What the tests share besides fixtures is in tests/support/."""

import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from support.browser import AXE_SCRIPT, CHROMIUM, CHROMIUM_ARGS, watched_page
from support.builds import (
    SEVERAL_WRITERS,
    SITE_AT_SIZE_ARTICLES,
    SOURCE_DATE_EPOCH,
    SUBPATH_SITEURL,
    build_site,
    publish_content,
    publish_site,
)
from support.pages import reader_pages
from support.project import PROJECT_ROOT
from support.servers import page_text, wait_until

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory):
    """The local preview, built once from the real content (with its search index), as
    `invoke build` does."""
    return build_site(tmp_path_factory.mktemp("preview"))


@pytest.fixture(scope="session")
def html_pages(preview_site):
    """Every reader's page of the preview build."""
    return reader_pages(preview_site)


@pytest.fixture
def previous_output(preview_site, tmp_path):
    """A folder holding a good build from before, as output/ does."""
    output = tmp_path / "site" / "output"
    shutil.copytree(preview_site, output)
    return output


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


@pytest.fixture
def live_preview(tmp_path):
    """(address, content folder, its messages' file) of `invoke livereload` on a copy of the
    content."""
    content, port, messages = tmp_path / "content", free_port(), tmp_path / "messages.txt"
    shutil.copytree(PROJECT_ROOT / "content", content)
    with open(messages, "w", encoding="utf-8") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port),
             "--content", str(content), "--output", str(tmp_path / "output")],
            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
        )
    address = f"http://127.0.0.1:{port}/"
    try:
        assert wait_until(lambda: "</html>" in page_text(address)), "the preview never started"
        yield address, content, messages
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The production site published for a sub-path of another domain."""
    return publish_site(tmp_path_factory.mktemp("subpath"), SITEURL=SUBPATH_SITEURL)


@pytest.fixture(scope="session")
def site_at_size(tmp_path_factory):
    """The production site of SITE_AT_SIZE_ARTICLES generated articles, published twice: its
    pages written by one process and by SEVERAL_WRITERS. Namespace of `content`, the numbers
    of the `published` articles, the `sites` by number of writers and the `seconds` each
    build took. The builds share the caches of what is not written (readings, share cards,
    photos; the search index and compressed copies, made again for other pages) but not the
    page cache, emptied before each, so that the second writes every page itself."""
    from bench.generated_content import cache_settings, write_site

    folder = tmp_path_factory.mktemp("site-at-size")
    content = folder / "content"
    published = write_site(content, SITE_AT_SIZE_ARTICLES)
    sites, seconds = {}, {}
    for writers in (1, SEVERAL_WRITERS):
        shutil.rmtree(folder / "cache/pages", ignore_errors=True)
        settings = {**cache_settings(folder / "cache"), "WORKER_PROCESSES": writers}
        started = time.perf_counter()
        sites[writers] = publish_content(content, folder / f"written-by-{writers}", **settings)
        seconds[writers] = time.perf_counter() - started
    return SimpleNamespace(content=content, published=published, sites=sites, seconds=seconds)


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


@pytest.fixture(scope="module")
def axe_script():
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT_ROOT}")
    return AXE_SCRIPT.read_text(encoding="utf-8")


@pytest.fixture
def browser_page(chromium_browser):
    """A fresh page that collects violations, console errors, script errors and failed loads."""
    context = chromium_browser.new_context()
    page = watched_page(context)
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    yield page
    context.close()
