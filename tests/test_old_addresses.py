"""Behind a real nginx with the repository's server block, every old address of an article
answers 301 with the article's new address, however the old link encodes it; Netlify's parser
reads the same redirects from `_redirects`."""

import shutil

import pytest
from support.builds import MOVED_ARTICLE_CONTENT, publish_content
from support.pages import SEED_ARTICLE_URL, SEED_ARTICLE_WIX_ADDRESS
from support.servers import fetch, netlify_reading

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

STAYED = "---\ntitle: Sleep\ndate: 2025-01-02\n---\n\nText.\n"
# Each old address as links and browsers send it.
REQUESTS = {
    "/post/caf%C3%A9-for-the-back": "/cafe-for-the-back/",
    "/post/caf%c3%a9-for-the-back": "/cafe-for-the-back/",
    "/single-post/2019/05/01/Caf%C3%A9-For-The-Back": "/cafe-for-the-back/",
    "/blog/old-page.html": "/cafe-for-the-back/",
}


@pytest.fixture(scope="module")
def moved_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("moved")
    shutil.copytree(MOVED_ARTICLE_CONTENT, folder / "content")
    (folder / "content/articles/sleep.md").write_text(STAYED, encoding="utf-8")
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    site = publish_content(folder / "content", folder / "site", SITEURL=address)
    with nginx_serving(site, port, folder / "nginx"):
        yield address, site


def test_every_old_address_answers_301_with_the_new_one(moved_site):
    address, _ = moved_site
    for old, new in REQUESTS.items():
        status, headers, _ = fetch(address, old)
        assert (status, headers["Location"]) == (301, address + new), old


def test_other_addresses_are_served_as_before(moved_site):
    address, _ = moved_site
    assert fetch(address, "/cafe-for-the-back/")[0] == 200
    assert fetch(address, "/sleep/")[0] == 200
    assert fetch(address, "/post/sleep")[0] == 404
    assert fetch(address, "/_redirects.map")[0] == 404


def test_netlify_reads_the_same_redirects(moved_site):
    address, site = moved_site
    reading = netlify_reading(site, [])
    assert reading["errors"] == []
    moved = {r["from"]: r["to"] for r in reading["redirects"] if r["to"] == "/cafe-for-the-back/"}
    assert set(moved) == {"/post/caf%C3%A9-for-the-back", "/single-post/2019/05/01/Caf%C3%A9-For-The-Back",
                          "/blog/old-page.html"}
    for old, new in moved.items():
        status, headers, _ = fetch(address, old)
        assert (status, headers["Location"]) == (301, address + new), old


def test_the_seed_article_s_address_on_wix_leads_to_it(served_site):
    address, site = served_site
    status, headers, _ = fetch(address, SEED_ARTICLE_WIX_ADDRESS)
    assert (status, headers["Location"]) == (301, f"{address}/{SEED_ARTICLE_URL}")
    assert (site / SEED_ARTICLE_WIX_ADDRESS.lstrip("/") / "index.html").is_file()
