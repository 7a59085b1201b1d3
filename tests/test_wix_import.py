"""`invoke import-wix` brings every post of a Wix blog into content/articles/ as clean
Markdown with its pictures and old addresses, safely again and again, from a Wix-like site
served on 127.0.0.1 (tests/support/wix_site.py)."""

import shlex
import subprocess
import sys
import tomllib
from urllib.parse import quote, unquote

import pytest
from markdown import Markdown
from pelican.urlwrappers import Category
from PIL import Image
from selectolax.lexbor import LexborHTMLParser
from support.builds import publish_content, snapshot
from support.project import PROJECT_ROOT, invoke
from support.servers import fetch
from support.wix_site import (
    CZECH_CATEGORY,
    FEED_ONLY_SLUG,
    LINKED_SLUG,
    MALFORMED_HREF,
    NO_ALT_ID,
    NO_ALT_SLUG,
    NO_RICH_SLUG,
    RENDERED_ONLY_ADDRESS,
    RENDERED_ONLY_SLUG,
    SEED_SLUG,
    SEED_SOURCE,
    SITEMAP_PAGE_SIZE,
    WIX_VIDEO,
    WixSiteServer,
    build_wix_site,
    new_wix_site,
    run_import,
    section,
    settings_for,
)

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving
from holistic_oriental_medicine.importer import ImportFailed
from holistic_oriental_medicine.importer.articles import FINGERPRINT
from holistic_oriental_medicine.importer.importer import import_site, report
from holistic_oriental_medicine.model.source_split import split_source

SEED_FILE = f"{SEED_SLUG}.md"


@pytest.fixture(scope="module", params=["full feed", "excerpt feed"])
def wix_site(request, tmp_path_factory):
    """(address, posts) of a Wix-like site: its feed with whole posts, or with excerpts only."""
    folder = tmp_path_factory.mktemp("wix")
    server = WixSiteServer(folder)
    made = build_wix_site(folder, server.address, full_feed=request.param == "full feed")
    with server:
        yield server.address, made


@pytest.fixture
def imported(wix_site, tmp_path):
    address, made = wix_site
    content = tmp_path / "content"
    return address, content, run_import(address, content), made


def fields_of(path):
    return split_source(path.read_text(encoding="utf-8")).fields


def blocks(markdown_text):
    """(tag, text) of every heading and paragraph of a Markdown body, as readers see them."""
    html = Markdown().convert(markdown_text)
    return [(node.tag, node.text(strip=True)) for node in LexborHTMLParser(html).css("h2, h3, h4, p")]


def test_every_post_is_imported_even_those_the_feed_does_not_list(imported):
    _, content, summary, made = imported
    written = sorted(path.stem for path in (content / "articles").glob("*.md"))
    assert len(made) > 20 and len(made) > SITEMAP_PAGE_SIZE  # more than the feed, and than a page of the sitemap
    assert written == sorted(post.path.stem for post in summary.posts)
    assert {"acupuncture-note-0", "acupuncture-note-1", "acupuncture-note-2", SEED_SLUG} <= set(written)
    assert summary.count("new") == len(made) == len(written)


def test_the_seed_post_has_the_same_headings_and_paragraphs_as_the_article_here(imported):
    _, content, _, _ = imported
    imported_body = split_source((content / "articles" / SEED_FILE).read_text(encoding="utf-8")).body
    original_body = split_source(SEED_SOURCE.read_text(encoding="utf-8")).body
    assert blocks(imported_body) == blocks(original_body)
    assert len(blocks(original_body)) > 20
    assert imported_body.strip() == original_body.strip()


def test_the_front_matter_keeps_what_wix_knew(imported):
    _, content, _, _ = imported
    seed = fields_of(content / "articles" / SEED_FILE)
    assert seed["title"] == "Unlocking the Healing Power: Exploring Accupuncture as a Natural Solution for Back Pain"
    assert seed["date"] == "2025-02-16 10:00"  # 18:00 UTC, in the clinic's time zone
    assert seed["modified"] == "2025-03-31"  # the sitemap's last change
    assert (seed["author"], seed["category"], seed["tags"]) == ("Holistic Oriental Medicine", "Pain Relief", ["acupuncture"])
    assert seed["summary"].startswith("Back pain affects millions of people worldwide.")
    assert seed["slug"] == SEED_SLUG
    assert seed["redirect_from"] == [f"/post/{SEED_SLUG}", f"/single-post/{SEED_SLUG}"]
    cafe = fields_of(content / "articles/cafe-au-lait-and-qi.md")
    assert cafe["title"] == "Café au Lait & Qi"  # entity decoded, trailing space trimmed
    assert (cafe["category"], cafe["tags"]) == ("Wellness", ["Nutrition", "acupuncture"])
    assert cafe["slug"] == "cafe-au-lait-and-qi"
    assert cafe["redirect_from"][0] == "/post/caf%C3%A9-au-lait-and-qi"


def test_rich_content_becomes_clean_markdown_with_links_between_posts(imported):
    _, content, _, _ = imported
    body = split_source((content / "articles/cafe-au-lait-and-qi.md").read_text(encoding="utf-8")).body
    picture = "{static}/images/cafe-au-lait-and-qi/a1b2c3_0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f-mv2.jpg"
    assert body.strip() == "\n\n".join([
        "## Morning Coffee",
        f"Coffee *warms* and **stirs** Qi. Read about [cupping marks]({{filename}}{LINKED_SLUG}.md) "
        "or see [our friends](https://www.example.org/tea).",
        f"![A cup of coffee beside acupuncture needles]({picture})",
        "### What to Drink",
        "- Green tea\n- Warm water",
        "***",
        "> Drink warm, not hot.",
        "[Morning routine](https://www.youtube.com/watch?v=abc123)",
    ])


def test_a_post_whose_page_has_no_rich_content_comes_from_the_full_feed(imported):
    _, content, _, made = imported
    if FEED_ONLY_SLUG not in [post.slug for post in made]:
        assert not (content / f"articles/{FEED_ONLY_SLUG}.md").exists()  # the excerpt feed's site
        return
    body = split_source((content / f"articles/{FEED_ONLY_SLUG}.md").read_text(encoding="utf-8")).body
    assert body.strip() == (
        "## Warm foods\n\nSoups and stews keep you warm.\n\n"
        f"![A bowl of soup]({{static}}/images/{FEED_ONLY_SLUG}/a1b2c3_0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f-mv2.jpg)\n\n"
        "See [recipes](https://www.example.org/recipes)."
    )


def test_pictures_are_saved_at_their_original_size_beside_the_article(imported):
    _, content, _, _ = imported
    seed = fields_of(content / "articles" / SEED_FILE)
    with Image.open(content / seed["image"]) as cover:
        assert cover.size == (120, 63)  # not the 1200x630 the sitemap's resizing address asks for
    assert seed["image_alt"] == "decorative"
    with Image.open(next((content / "images/cafe-au-lait-and-qi").iterdir())) as figure:
        assert figure.size == (60, 40)


def test_a_second_import_changes_nothing(imported):
    address, content, _, made = imported
    before = snapshot(content)
    summary = run_import(address, content)
    assert snapshot(content) == before
    assert summary.count("unchanged") == len(made)


def test_an_article_changed_here_is_kept_and_reported_unless_forced(imported):
    address, content, _, _ = imported
    edited = content / "articles" / SEED_FILE
    text = edited.read_text(encoding="utf-8").replace("Accupuncture", "Acupuncture")
    edited.write_text(text, encoding="utf-8")
    summary = run_import(address, content)
    assert edited.read_text(encoding="utf-8") == text
    assert f"content/articles/{SEED_FILE}: changed here since the import, kept as it is (--force replaces it)" in report(summary, content)
    run_import(address, content, force=True)
    assert "Accupuncture" in edited.read_text(encoding="utf-8")
    assert not run_import(address, content).count("kept")


def test_an_article_here_that_lists_the_post_s_old_address_is_that_post(wix_site, tmp_path):
    address, _ = wix_site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    own = content / "articles/acupuncture-for-back-pain.md"
    own.write_text(SEED_SOURCE.read_text(encoding="utf-8"), encoding="utf-8")
    assert f"Redirect_from: /post/{SEED_SLUG}\n" in own.read_text(encoding="utf-8")
    before = own.read_bytes()
    summary = run_import(address, content)
    assert own.read_bytes() == before
    assert not (content / "articles" / SEED_FILE).exists()
    assert [post.outcome for post in summary.posts if post.path == own] == ["kept"]


def test_a_dry_run_lists_what_would_happen_and_writes_nothing(wix_site, tmp_path):
    address, made = wix_site
    content = tmp_path / "content"
    summary = run_import(address, content, dry_run=True)
    assert list(content.rglob("*.*")) == []
    lines = report(summary, content, dry_run=True)
    assert f"content/articles/{SEED_FILE}: would be written" in lines
    assert lines[-1] == f"{len(made)} posts on the Wix site: {len(made)} new, 0 updated, 0 unchanged, 0 kept. Dry run: nothing was written."


def test_imported_articles_pass_the_check_except_those_listed_as_needing_a_person(imported, tmp_path):
    _, content, summary, _ = imported
    needing = section(report(summary, content), "These articles need a person before they can be published")
    assert needing == [f"  content/articles/{NO_ALT_SLUG}.md: the picture a1b2c3_11112222333344445555666677778888-mv2.jpg "
                       "has no description (alt text). Write what it shows between the brackets of ![...]."]
    result = invoke("check", "--content", content)
    assert result.returncode != 0
    problems = [
        line for line in result.stderr.splitlines()
        if line.startswith(str(content)) and ": warning: " not in line
    ]
    assert [line.split(":")[0] for line in problems] == [str(content / f"articles/{NO_ALT_SLUG}.md")]
    (content / f"articles/{NO_ALT_SLUG}.md").unlink()
    result = invoke("check", "--content", content)
    assert result.returncode == 0, result.stderr


def test_every_imported_article_is_fingerprinted(imported):
    _, content, _, _ = imported
    for path in (content / "articles").glob("*.md"):
        assert FINGERPRINT.search(path.read_text(encoding="utf-8")), path


def broken_site(tmp_path, breaks):
    """A Wix-like site with one file broken by `breaks(folder)`, served; its address."""
    folder, server, _ = new_wix_site(tmp_path)
    breaks(folder)
    return server


@pytest.mark.parametrize(
    ("breaks", "message"),
    [
        (lambda folder: (folder / "sitemap.xml").unlink(), "/sitemap.xml: not found. This does not look like a Wix site"),
        (lambda folder: (folder / "sitemap.xml").write_text(
            '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></sitemapindex>'),
         'is not a sitemap index written by Wix (no generatedBy="WIX")'),
        (lambda folder: (folder / "blog-posts-sitemap.xml").write_text("<urlset><url><loc>x</loc></urlset>"),
         "/blog-posts-sitemap.xml: is not well-formed XML (line 1"),
        (lambda folder: (folder / "blog-feed.xml").write_text("<rss><channel><item></channel>"),
         "/blog-feed.xml: is not well-formed XML"),
    ],
    ids=["no sitemap", "not wix", "broken sitemap", "broken feed"],
)
def test_a_site_that_cannot_be_read_stops_the_import_before_anything_is_written(tmp_path, breaks, message):
    content = tmp_path / "content"
    with broken_site(tmp_path, breaks) as server:
        with pytest.raises(ImportFailed, match=".*") as failure:
            run_import(server.address, content)
    assert message in str(failure.value)
    assert list(content.rglob("*.*")) == []


def test_an_unreachable_site_is_named_and_nothing_is_written(tmp_path):
    server = WixSiteServer(tmp_path)  # bound, never started: the port answers nothing
    address = server.address
    server.server.server_close()
    content = tmp_path / "content"
    with pytest.raises(ImportFailed) as failure:
        run_import(address, content)
    assert str(failure.value).startswith(f"{address}/sitemap.xml: cannot be reached (no connection).")
    assert list(content.rglob("*.*")) == []


def test_invoke_import_wix_prints_a_summary_and_fails_clearly(wix_site, tmp_path):
    address, made = wix_site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    task = ["import-wix", "--content", content, "--media-url", f"{address}/media/"]
    result = invoke(*task, address)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith(f"{len(made)} posts on the Wix site: {len(made)} new")
    assert result.stderr == ""  # no progress bar when not on a terminal
    result = invoke(*task, "https://127.0.0.1:9/")
    assert result.returncode == 1
    assert result.stderr.strip().endswith("Nothing was written.")


def test_after_import_and_publish_every_old_address_answers_301_in_nginx(wix_site, tmp_path):
    address, made = wix_site
    content = tmp_path / "content"
    summary = run_import(address, content)
    needs_alt = content / f"articles/{NO_ALT_SLUG}.md"  # what the summary asked a person to do
    needs_alt.write_text(needs_alt.read_text(encoding="utf-8").replace("![](", "![Moxa on the skin]("), encoding="utf-8")
    port = free_port()
    site_address = f"http://127.0.0.1:{port}"
    site = publish_content(content, tmp_path / "site", SITEURL=site_address)
    expected = {}
    for post in summary.posts:
        new = f"/{post.slug}/"
        for old in fields_of(post.path)["redirect_from"]:
            expected[old] = new
            expected[quote(unquote(old), safe="/").lower() if "%" in old else old] = new
    listed = tomllib.loads((content / "redirects.toml").read_text(encoding="utf-8"))
    expected.update(listed)
    assert {"/articles-and-news", "/articles-and-news/page/2", "/articles-and-news/categories/pain-relief",
            "/articles-and-news/hashtags/acupuncture"} <= set(listed)
    with nginx_serving(site, port, tmp_path / "nginx"):
        for old, new in expected.items():
            status, headers, _ = fetch(site_address, old)
            assert (status, headers["Location"]) == (301, site_address + new), old
            assert fetch(site_address, new)[0] == 200, new
    assert len(expected) > 2 * len(made)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "/post/" not in sitemap and "single-post" not in sitemap and "articles-and-news" not in sitemap


def test_a_saved_copy_of_the_site_imports_as_the_live_site_does(imported, tmp_path_factory):
    address, content, _, made = imported
    saved = tmp_path_factory.mktemp("saved")
    # The files as saved from the live site, addresses and all.
    build_wix_site(saved, address, full_feed=FEED_ONLY_SLUG in [post.slug for post in made])
    offline = tmp_path_factory.mktemp("offline") / "content"
    (offline / "articles").mkdir(parents=True)
    import_site(str(saved), settings_for(offline))
    assert snapshot(offline) == snapshot(content)


def test_a_busy_server_is_asked_again(tmp_path):
    _, server, _ = new_wix_site(tmp_path, busy_once={"/sitemap.xml", f"/post/{LINKED_SLUG}"})
    with server:
        summary = run_import(server.address, tmp_path / "content")
    assert summary.count("new") == len(summary.posts) > 20
    assert server.server.RequestHandlerClass.func.busy_once == set()


def test_a_progress_bar_shows_on_a_terminal(wix_site, tmp_path):
    address, _ = wix_site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    command = shlex.join([sys.executable, "-m", "invoke", "import-wix", "--dry-run", "--content", str(content),
                          "--media-url", f"{address}/media/", address])
    result = subprocess.run(["script", "-qec", command, "/dev/null"], cwd=PROJECT_ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout
    assert "Reading posts" in result.stdout
    assert "Dry run: nothing was written." in result.stdout


def body_of(content, slug):
    return split_source((content / f"articles/{slug}.md").read_text(encoding="utf-8")).body.strip()


def test_posts_come_from_whichever_source_of_their_page_has_them(imported):
    _, content, summary, _ = imported
    # 2019: no embedded data, only the rendered article and its BlogPosting facts.
    old = fields_of(content / f"articles/{RENDERED_ONLY_SLUG}.md")
    assert (old["title"], old["date"], old["redirect_from"][0]) == (
        "Qi Gong for Beginners", "2019-05-03 02:00", RENDERED_ONLY_ADDRESS)
    assert body_of(content, RENDERED_ONLY_SLUG) == (
        "## Start Slowly\n\n"
        f"Ten minutes a day is enough. Cupping helps too: see [what the marks mean]({{filename}}{LINKED_SLUG}.md).\n\n"
        f"![Two people practising qi gong]({{static}}/images/{RENDERED_ONLY_SLUG}/a1b2c3_0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f-mv2.jpg)")
    # 2025: embedded data without the rich content; the text from the rendered article.
    new = fields_of(content / f"articles/{NO_RICH_SLUG}.md")
    assert (new["category"], new["tags"]) == ("Sleep", ["acupuncture"])
    assert body_of(content, NO_RICH_SLUG).startswith("Press **HT7** before bed. More about sleep.\n\n")
    assert summary.count("new") == len(summary.posts)


def test_a_broken_embedded_post_is_read_from_its_rendered_article(imported, tmp_path):
    _, content, _, _ = imported
    folder, server, _ = new_wix_site(tmp_path, full_feed=False)
    page = folder / f"post/{LINKED_SLUG}"
    page.write_text(page.read_text().replace('"slug"', '"slug":,'))
    with server:
        summary = run_import(server.address, tmp_path / "broken")
    assert summary.count("new") == len(summary.posts)
    assert body_of(tmp_path / "broken", LINKED_SLUG) == body_of(content, LINKED_SLUG) == (
        "Cupping leaves round marks that fade within days.")


def test_a_post_no_source_yields_is_named_the_others_are_imported_and_a_new_run_picks_it_up(tmp_path):
    folder, server, made = new_wix_site(tmp_path, full_feed=False)
    page = folder / f"post/{LINKED_SLUG}"
    whole = page.read_text()
    page.write_text("<!DOCTYPE html><html><body><p>We are updating our site.</p></body></html>")
    content = tmp_path / "content"
    with server:
        summary = run_import(server.address, content)
        where = f"{server.address}/post/{LINKED_SLUG}"
        lines = report(summary, content)
        assert section(lines, "These posts were not imported") == [
            f"  {where}: not imported. Its page has no wix-warmup-data (the post's embedded data). Its page "
            'has no rendered article (no [data-hook^="rcv-block"] blocks). The feed does not list it.']
        assert lines[-1] == f"{len(made)} posts on the Wix site: {len(made) - 1} new, 0 updated, 0 unchanged, 0 kept, 1 not imported."
        assert not (content / f"articles/{LINKED_SLUG}.md").exists()
        # The posts that link to it link to its old address until it is imported.
        assert f"[cupping marks](/post/{LINKED_SLUG})" in body_of(content, "cafe-au-lait-and-qi")
        assert (f"  content/articles/cafe-au-lait-and-qi.md: a link to /post/{LINKED_SLUG} stays on its old "
                "address: that post was not imported this time. Run the import again.") in lines
        page.write_text(whole)
        again = run_import(server.address, content)
    outcomes = {post.slug: post.outcome for post in again.posts}
    assert [slug for slug, outcome in outcomes.items() if outcome != "unchanged"] == [
        LINKED_SLUG, "cafe-au-lait-and-qi", RENDERED_ONLY_SLUG, NO_RICH_SLUG]
    assert outcomes[LINKED_SLUG] == "new"
    assert f"({{filename}}{LINKED_SLUG}.md)" in body_of(content, "cafe-au-lait-and-qi")


def test_a_post_whose_picture_cannot_be_read_is_left_out_whole_and_the_import_says_so(tmp_path):
    folder, server, made = new_wix_site(tmp_path, full_feed=False)
    (folder / f"media/{NO_ALT_ID}").unlink()
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    with server:
        result = invoke("import-wix", "--content", content, "--media-url", f"{server.address}/media/", server.address)
    assert result.returncode == 1
    assert result.stderr.strip() == "Some posts were not imported (listed above). Run the import again to pick them up."
    lines = result.stdout.splitlines()
    assert section(lines, "These posts were not imported") == [
        f"  {server.address}/media/{NO_ALT_ID}: not found, though {server.address}/post/{NO_ALT_SLUG} shows "
        "this picture. Try again later; if it stays missing, unpublish the post on Wix."]
    assert not (content / f"articles/{NO_ALT_SLUG}.md").exists()
    assert not (content / f"images/{NO_ALT_SLUG}").exists()
    assert lines[-1].startswith(f"{len(made)} posts on the Wix site: {len(made) - 1} new,")


def test_a_malformed_link_is_kept_as_its_text_and_named(imported):
    _, content, summary, _ = imported
    body = body_of(content, NO_RICH_SLUG)
    assert "More about sleep." in body and "example.org/sleep" not in body
    assert (f'  content/articles/{NO_RICH_SLUG}.md: the link "More about sleep" had no valid address '
            f'("{MALFORMED_HREF}"), so it is plain text now. Add the right address if it matters.'
            ) in section(report(summary, content), "These articles can be published as they are")


def test_a_video_kept_on_wix_is_named_with_its_address_and_what_to_do(imported):
    _, content, summary, _ = imported
    assert f"[Watch the video]({WIX_VIDEO})" in body_of(content, NO_RICH_SLUG)
    assert (f"  content/articles/{NO_RICH_SLUG}.md: a video is kept on Wix ({WIX_VIDEO}) and stops playing "
            "when the Wix site closes. Download it from that address now, put it on YouTube or Vimeo, and "
            "change the link to its new address.") in section(report(summary, content), "These articles can be published as they are")


def test_links_between_posts_by_any_of_their_addresses_lead_to_the_articles(imported):
    _, content, _, _ = imported
    assert body_of(content, NO_RICH_SLUG).splitlines()[2] == (
        f"Start with [qi gong]({{filename}}{RENDERED_ONLY_SLUG}.md), "  # absolute, on an old /single-post/ address
        f"look at [cupping marks]({{filename}}{LINKED_SLUG}.md#marks) "  # absolute, with a query and a fragment
        "and [coffee]({filename}cafe-au-lait-and-qi.md).")  # relative, percent-encoded
    assert f"[what the marks mean]({{filename}}{LINKED_SLUG}.md)" in body_of(content, RENDERED_ONLY_SLUG)  # relative


def test_every_page_of_every_old_list_leads_to_a_page_the_site_makes(imported):
    _, content, summary, made = imported
    listed = tomllib.loads((content / "redirects.toml").read_text(encoding="utf-8"))
    blog = "/articles-and-news"
    assert {f"{blog}/page/{number}" for number in range(2, len(made) + 1)} <= set(listed)
    per_category = {}
    for post in made:
        if post.shape == "rendered only":
            continue  # the page names no category: the article has none
        per_category[post.categories[0]] = per_category.get(post.categories[0], 0) + 1
    settings = settings_for(content)
    for label, count in per_category.items():
        slug = {CZECH_CATEGORY: quote("povídky")}.get(label, label.lower().replace(" ", "-"))
        pages = [f"{blog}/categories/{slug}", *(f"{blog}/categories/{slug}/page/{n}" for n in range(2, count + 1))]
        assert {listed[page] for page in pages} == {"/" + Category(label, settings).url}, label
    assert listed[f"{blog}/categories/pov%C3%ADdky"] == "/category/povidky/"


def test_an_old_list_whose_articles_here_have_another_category_is_not_redirected_to_a_missing_page(wix_site, tmp_path):
    address, _ = wix_site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    own = content / "articles/acupuncture-for-back-pain.md"
    own.write_text(SEED_SOURCE.read_text(encoding="utf-8").replace("Category: Pain Relief", "Category: Back Care"),
                   encoding="utf-8")
    summary = run_import(address, content)
    assert [post.outcome for post in summary.posts if post.path == own] == ["kept"]
    listed = tomllib.loads((content / "redirects.toml").read_text(encoding="utf-8"))
    assert "/articles-and-news/categories/treatments" in listed
    assert "/articles-and-news/categories/pain-relief" not in listed
    assert "/category/pain-relief/" not in listed.values()


def test_a_post_whose_address_another_article_here_has_gets_its_own(wix_site, tmp_path):
    address, made = wix_site
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    ours = content / f"articles/{LINKED_SLUG}.md"
    ours.write_text("---\ntitle: Cupping at Our Clinic\ndate: 2024-01-05\n---\n\nOur own article.\n", encoding="utf-8")
    summary = run_import(address, content)
    assert ours.read_text(encoding="utf-8").endswith("Our own article.\n")
    moved = content / f"articles/{LINKED_SLUG}-2.md"
    assert fields_of(moved)["slug"] == f"{LINKED_SLUG}-2"
    assert fields_of(moved)["redirect_from"][0] == f"/post/{LINKED_SLUG}"
    assert f"[cupping marks]({{filename}}{LINKED_SLUG}-2.md)" in body_of(content, "cafe-au-lait-and-qi")
    assert (f"  content/articles/{LINKED_SLUG}-2.md: its address here is /{LINKED_SLUG}-2/, as /{LINKED_SLUG}/ is "
            f"content/articles/{LINKED_SLUG}.md's.") in report(summary, content)
    assert summary.count("new") == len(made)
    again = run_import(address, content)
    assert again.count("unchanged") == len(made)
