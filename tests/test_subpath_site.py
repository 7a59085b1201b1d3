"""A site published for a project address below the root of its domain
(`https://<user>.github.io/<repository>/`), served as GitHub Pages serves one: by nginx, its
files under /repo/ and its own 404.html for any missing address below it. In Chromium every page
type loads with all its files, the search finds and links articles under /repo/, and a missing
address gets the site's 404 page. An old (Wix) address leads to its article under /repo/, and
every rule of the host files is below /repo/."""

import pytest
from support.builds import publish_site
from support.pages import PAGE_TYPES, SEED_ARTICLE_URL, SEED_ARTICLE_WIX_ADDRESS, parse_html

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_running

# How GitHub Pages serves a project site, in nginx's words.
PROJECT_SITE_SERVER = """\
server {{
    listen 127.0.0.1:{port};
    root {root};
    index index.html;
    location /repo/ {{
        try_files $uri $uri/ =404;
        error_page 404 /repo/404.html;
    }}
}}
"""


@pytest.fixture(scope="module")
def published_for_the_sub_path(tmp_path_factory):
    """(port, folder): the site published for http://127.0.0.1:<port>/repo, into a folder repo/."""
    port = free_port()
    return port, publish_site(tmp_path_factory.mktemp("pages") / "repo", SITEURL=f"http://127.0.0.1:{port}/repo")


@pytest.fixture(scope="module")
def project_site(tmp_path_factory, published_for_the_sub_path):
    """The address of the site published for, and served at, http://127.0.0.1:<port>/repo."""
    port, folder = published_for_the_sub_path
    server_block = PROJECT_SITE_SERVER.format(port=port, root=folder.parent)
    with nginx_running(server_block, port, tmp_path_factory.mktemp("nginx")):
        yield f"http://127.0.0.1:{port}/repo"


def visit(browser, url):
    """Open `url`; its response, the addresses of every failed request, and every error."""
    context = browser.new_context()
    page = context.new_page()
    failed, problems = [], []
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))
    response = page.goto(url, wait_until="networkidle")
    return page, response, failed, problems


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_type_loads_with_all_its_files_under_the_sub_path(chromium_browser, project_site, page_type):
    page, response, failed, problems = visit(chromium_browser, f"{project_site}/{PAGE_TYPES[page_type]}")
    try:
        assert response.status == 200
        assert failed == [] and problems == []
        assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
        links = page.eval_on_selector_all("a[href^='http://127.0.0.1']", "links => links.map(a => a.href)")
        assert links and all(link.startswith(project_site + "/") for link in links)
    finally:
        page.context.close()


def test_a_missing_address_below_the_sub_path_gets_the_sites_404_page(chromium_browser, project_site):
    missing = f"{project_site}/no-such-article/"
    page, response, failed, problems = visit(chromium_browser, missing)
    try:
        assert response.status == 404
        assert failed == [missing]
        assert [p for p in problems if "status of 404" not in p] == []
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.evaluate("() => document.styleSheets[0].cssRules.length") > 0
        assert page.locator(f"a[href='{project_site}/archives/']").count() >= 1
    finally:
        page.context.close()


def test_the_search_finds_articles_and_links_them_under_the_sub_path(chromium_browser, project_site):
    page, _, failed, problems = visit(chromium_browser, f"{project_site}/search/")
    try:
        page.fill("#search-input", "acupuncture")
        page.wait_for_selector(".pagefind-ui__result-link")
        results = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.href)")
        assert f"{project_site}/{SEED_ARTICLE_URL}" in results
        assert failed == [] and problems == []
    finally:
        page.context.close()


def test_an_old_address_leads_to_its_article_under_the_sub_path(chromium_browser, project_site):
    page, response, failed, problems = visit(chromium_browser, f"{project_site}{SEED_ARTICLE_WIX_ADDRESS}")
    try:
        page.wait_for_url(f"{project_site}/{SEED_ARTICLE_URL}")
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").inner_text().startswith("Unlocking the Healing Power")
        assert failed == [] and problems == []
    finally:
        page.context.close()


def test_the_page_at_an_old_address_sends_readers_to_the_article_under_the_sub_path(published_for_the_sub_path):
    port, folder = published_for_the_sub_path
    page = parse_html(folder / SEED_ARTICLE_WIX_ADDRESS.lstrip("/") / "index.html")
    new_address = f"http://127.0.0.1:{port}/repo/{SEED_ARTICLE_URL}"
    assert page.css_first('meta[http-equiv="refresh"]').attributes["content"] == f"0; url={new_address}"
    assert page.css_first('link[rel="canonical"]').attributes["href"] == new_address
    assert [a.attributes["href"] for a in page.css("a")] == [new_address]


def test_every_rule_of_the_host_files_is_below_the_sub_path(published_for_the_sub_path):
    _, folder = published_for_the_sub_path
    redirects = [line.split() for line in (folder / "_redirects").read_text(encoding="utf-8").splitlines()
                 if not line.startswith("#")]
    assert ["/repo" + SEED_ARTICLE_WIX_ADDRESS, f"/repo/{SEED_ARTICLE_URL}", "301"] in redirects
    assert all(source.startswith("/repo/") and target.startswith("/repo/") for source, target, _ in redirects)
    header_paths = [line for line in (folder / "_headers").read_text(encoding="utf-8").splitlines()
                    if line.startswith("/")]
    assert "/repo/*" in header_paths and all(path.startswith("/repo/") for path in header_paths)
    moved = (folder / "_redirects.map").read_text(encoding="utf-8").splitlines()[1:]
    assert moved and all(line.startswith('"/repo/') and ' "/repo/' in line for line in moved)
