"""Fixtures and helpers shared by the tests, the one module they import helpers from: real builds
of the site, HTML parsing, requests to a served site, and the browser."""

import contextlib
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

import pytest
from pelican import Pelican
from pelican.settings import read_settings
from selectolax.lexbor import LexborHTMLParser

from holistic_oriental_medicine.builds.pelican_command import pelican_process
from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

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


# An article with three old addresses (redirect_from), for the redirects plugin's tests and
# the hosts'.
MOVED_ARTICLE_CONTENT = PROJECT_ROOT / "holistic_oriental_medicine/plugins/redirects/test_data/moved_article"

# The CMS's admin (holistic_oriental_medicine/cms) is for editors, not readers: test_cms_admin.py tests it.
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
    readers on to the new ones (holistic_oriental_medicine/plugins/redirects/)."""
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


REFERENCES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


def local_target(page, reference, site):
    """The file a relative or root-relative reference on `page` resolves to, or None if external."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = (site / path.lstrip("/")) if path.startswith("/") else (page.parent / path)
    target = target.resolve()
    return target / "index.html" if target.is_dir() or path.endswith("/") else target


def snapshot(folder):
    """Every file under `folder` with its bytes."""
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def check(content, output, *options):
    """`invoke check` of a content folder into `output`, as an editor runs it."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", "check", "--content", str(content), "--output", str(output),
         *options],
        cwd=PROJECT_ROOT,
        env={**os.environ, "COLUMNS": "200"},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def previous_output(preview_site, tmp_path):
    """A folder holding a good build from before, as output/ does."""
    output = tmp_path / "site" / "output"
    shutil.copytree(preview_site, output)
    return output


def assert_failed_and_kept(result, previous_output, before):
    """The check failed and left the previous build (`before`, a snapshot) as it was."""
    assert result.returncode != 0
    assert snapshot(previous_output) == before, "the previous build was changed"
    assert sorted(path.name for path in previous_output.parent.iterdir()) == ["output"]


VNU_JAR = PROJECT_ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"


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


def wait_for(url, seconds=90, process=None, log=None, status=200):
    """The body of `url` once it answers with `status` (`process`: the server starting, whose
    `log` shows why it stopped, if it does)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"The server exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read().decode()
        except urllib.error.HTTPError as error:
            if error.code == status:
                return error.read().decode()
            time.sleep(0.5)
        except (urllib.error.URLError, ConnectionError):
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@contextlib.contextmanager
def invoke_edit(content, work):
    """The address of `invoke edit` serving `content`, its output and log in `work`, while the
    block runs; then it is stopped with the decap-server it started (its process group)."""
    port = free_port()
    log = work / "edit.log"
    with open(log, "w", encoding="utf-8") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "invoke", "edit", "--content", str(content),
             "--output", str(work / "output"), "--port", str(port)],
            cwd=PROJECT_ROOT, stdout=log_file, stderr=subprocess.STDOUT, start_new_session=True,
        )
    address = f"http://127.0.0.1:{port}"
    try:
        # The preview starts once decap-server listens.
        wait_for(f"{address}/admin/", process=process, log=log)
        yield address
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


@contextlib.contextmanager
def logged_in_admin(chromium_browser, address):
    """The CMS at `address` in Chromium, in the clinic's time zone, logged in to the local
    backend."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 1000},
                                           timezone_id=CLINIC["timezone"])
    page = watched_page(context)
    page.goto(f"{address}/admin/")
    page.get_by_role("button", name="Login").click()
    page.get_by_role("link", name="Articles").first.wait_for()
    try:
        yield page
    finally:
        context.close()


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
    subprocess.run(
        pelican_process("publishconf.py", output_path, content_path, fatal_warnings=True, **settings),
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


# Written beside the pages for other hosts (nginx reads `_redirects.map` from its folder), or
# compressed copies: not addresses of their own.
NOT_ADDRESSES = {".br", ".gz", "", ".map"}


def fetch(address, path, **headers):
    """(status, headers, body) of one GET, without following redirects or decompressing."""
    parts = urlsplit(address)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def address_of(site, path):
    """The address a reader uses for a file: folders for their index.html."""
    relative = path.relative_to(site).as_posix()
    return "/" + relative.removesuffix("index.html")


def published_files(site):
    return [p for p in sorted(site.rglob("*")) if p.is_file() and p.suffix not in NOT_ADDRESSES]


NETLIFY_RULES = PROJECT_ROOT / "tests/netlify_rules.mjs"


ACTIONLINT = Path(sys.executable).parent / "actionlint"


def lint(workflow):
    """actionlint's verdict on a GitHub Actions workflow file."""
    if not ACTIONLINT.exists():
        raise FileNotFoundError(f"{ACTIONLINT} is missing: pip install -e '.[test]'")
    return subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True)


def netlify_reading(site, paths):
    """What Netlify's own parsers read from `site`'s host files, for `paths`."""
    if shutil.which("node") is None or not (PROJECT_ROOT / "node_modules/@netlify").is_dir():
        raise FileNotFoundError("Node and the npm packages are missing: install Node, then run `npm ci`")
    result = subprocess.run(
        ["node", str(NETLIFY_RULES), str(site), *paths],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)


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


AXE_SCRIPT = PROJECT_ROOT / "node_modules/axe-core/axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture(scope="module")
def axe_script():
    if not AXE_SCRIPT.is_file():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in {PROJECT_ROOT}")
    return AXE_SCRIPT.read_text(encoding="utf-8")


# axe's best practices too: rules beyond WCAG that catch what readers still trip over, such as a
# field named only by its placeholder or title (`label-title-only`).
AXE_TAGS = [*WCAG_TAGS, "best-practice"]


def axe_violations(page):
    """axe-core's findings on `page` (opened with the `axe_script`), WCAG and best practices:
    {rule: what it asks, at which elements}."""
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return {
        violation["id"]: f"{violation['help']} at {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
    }


def open_page(browser, url, width=1280, height=800, scheme="light", init_script=None):
    """A page in a fresh browser context, loaded from `url`."""
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    page.goto(url, wait_until="load")
    return page


# Record every CSP violation a page reports, from before its first byte is parsed.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


# The page's cumulative layout shift (unprompted by input) so far, after a moment to settle.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let shift = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) shift += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => resolve(shift), 300);
})"""


def watched_page(context):
    """A new page of a browser context that records CSP violations (`window.cspViolations`),
    and console and script errors in `page.problems`."""
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"))
    page.on("pageerror", lambda error: page.problems.append(f"script error: {error}"))
    return page


@pytest.fixture
def browser_page(chromium_browser):
    """A fresh page that collects violations, console errors, script errors and failed loads."""
    context = chromium_browser.new_context()
    page = watched_page(context)
    page.on("requestfailed", lambda request: page.problems.append(f"failed: {request.url}"))
    yield page
    context.close()


def visit(page, address):
    """Load `address` in `page` (a `browser_page`): its response and the CSP violations seen."""
    response = page.goto(address, wait_until="networkidle")
    return response, page.evaluate("window.cspViolations")


SUBPATH_SITEURL = "https://example.org/clinic"


@pytest.fixture(scope="session")
def subpath_site(tmp_path_factory):
    """The production site published for a sub-path of another domain."""
    return publish_site(tmp_path_factory.mktemp("subpath"), SITEURL=SUBPATH_SITEURL)


# The site of realistic size (bench/generated_content.py's write_site): published articles, and
# drafts, scheduled and hidden ones among them. The variable checks a larger site once.
SITE_AT_SIZE_ARTICLES = int(os.environ.get("SITE_AT_SIZE_ARTICLES", 200))
# More writing processes than this machine has cores: each writes a share of the pages.
SEVERAL_WRITERS = 4


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
