"""The CMS at /admin/ gets its own security policy, in every place the policy is written, and
runs within it in Chromium; readers' pages keep theirs and load nothing of the CMS."""

import pytest
import yaml
from pelican.settings import read_settings
from support.pages import ADMIN_FOLDER, parse_html, reader_pages
from support.project import PROJECT_ROOT
from support.servers import fetch
from support.workflows import lint

from holistic_oriental_medicine.hosting.host_config import (
    admin_headers,
    content_security_policy,
    netlify_headers,
    response_headers,
)

SETTINGS = read_settings(str(PROJECT_ROOT / "publishconf.py"))
POLICY = SETTINGS["HOST_POLICY"]


def test_the_admin_policy_allows_what_decap_needs_and_only_the_admin_has_it():
    admin = POLICY["admin"]["content_security_policy"]
    assert "'unsafe-eval'" in admin["script-src"] and "'unsafe-inline'" in admin["style-src"]
    assert "https://api.github.com" in admin["connect-src"]
    readers = POLICY["content_security_policy"]
    assert "'unsafe-eval'" not in readers["script-src"] and "'unsafe-inline'" not in readers["style-src"]
    assert "connect-src" not in readers


def test_nginx_sends_the_admin_its_policy_and_every_other_page_the_readers(served_site):
    address, _ = served_site
    for path in ["/admin/", "/admin/config.yml", "/admin/decap-cms.js"]:
        status, headers, _ = fetch(address, path)
        assert status == 200, path
        for name, value in {**response_headers(POLICY), **admin_headers(POLICY)}.items():
            assert headers[name] == value, (path, name)
    assert fetch(address, "/admin/config.yml")[1]["Content-Type"] == "text/yaml"
    for path in ["/", "/administration/", "/theme/"]:
        _, headers, _ = fetch(address, path)
        assert headers["Content-Security-Policy"] == response_headers(POLICY)["Content-Security-Policy"]
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"


def test_netlify_and_cloudflare_replace_the_admin_headers_rather_than_join_them():
    rules = netlify_headers(POLICY).split("\n\n")
    admin_rule = rules[-1].splitlines()
    assert admin_rule[0] == "/admin/*"
    for name, value in admin_headers(POLICY).items():
        position = admin_rule.index(f"  ! {name}")
        assert admin_rule[position + 1] == f"  {name}: {value}"


def test_the_admin_page_carries_its_policy_in_a_meta_tag(published_site):
    head = parse_html(published_site / ADMIN_FOLDER / "index.html").css_first("head")
    meta = head.css_first('meta[http-equiv="Content-Security-Policy"]')
    assert meta.attributes["content"] == content_security_policy(POLICY["admin"], for_meta=True)


def test_the_preview_admin_connects_to_its_own_address_only(preview_site):
    head = parse_html(preview_site / ADMIN_FOLDER / "index.html").css_first("head")
    policy = head.css_first('meta[http-equiv="Content-Security-Policy"]').attributes["content"]
    assert "connect-src 'self' blob:;" in policy


@pytest.mark.parametrize("site_fixture", ["preview_site", "published_site"])
def test_no_reader_page_links_anything_of_the_cms(request, site_fixture):
    site = request.getfixturevalue(site_fixture)
    for path in reader_pages(site):
        page = parse_html(path)
        references = [node.attributes.get("src") or node.attributes.get("href") or "" for node in page.css("[src], [href]")]
        assert not [ref for ref in references if f"{ADMIN_FOLDER}/" in ref or "decap" in ref], path


def test_the_published_admin_starts_within_its_policy(served_site, browser_page):
    address, _ = served_site
    browser_page.goto(f"{address}/admin/", wait_until="networkidle")
    browser_page.get_by_role("button", name="Login with GitHub").wait_for()
    assert browser_page.locator("#loading").count() == 0, "the loading message is gone"
    assert browser_page.evaluate("window.cspViolations") == []
    assert browser_page.problems == []


def test_a_reader_page_would_block_decap_s_eval_and_inline_styles(served_site, browser_page):
    address, _ = served_site
    browser_page.goto(f"{address}/", wait_until="networkidle")
    browser_page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.src = "/admin/decap-cms.js";
          document.body.append(script);
        }"""
    )
    browser_page.wait_for_function("() => window.cspViolations.some((v) => v.includes('eval'))", timeout=30000)
    violations = set(browser_page.evaluate("window.cspViolations"))
    assert {"script-src blocked eval", "style-src-elem blocked inline"} <= violations


def test_pull_requests_from_the_cms_run_every_check():
    workflow = PROJECT_ROOT / ".github/workflows/check.yml"
    assert lint(workflow).returncode == 0
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert steps[True]["pull_request"]["branches"] == [SETTINGS["CMS_BACKEND"]["branch"]]
    assert "bash .ci/run" in steps["jobs"]["check"]["steps"][-1]["run"]
