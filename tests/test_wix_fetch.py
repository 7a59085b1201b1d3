"""The Wix import reads only from the Wix site the editor named and Wix's own media hosts,
follows no redirect elsewhere, and bounds every answer's size and the whole import's time; each
refusal names the address and the reason (tests/support/wix_site.py serves the site on 127.0.0.1 and,
as another host, on localhost)."""

import time

import pytest
from support.wix_site import (
    COVER_ID,
    LINKED_SLUG,
    NO_ALT_ID,
    NO_ALT_SLUG,
    SEED_SLUG,
    new_wix_site,
    run_import,
    section,
)

from holistic_oriental_medicine.importer import ImportFailed, fetch
from holistic_oriental_medicine.importer.importer import report
from holistic_oriental_medicine.model.source_split import split_source


def move_in_sitemap(folder, old, new):
    """Write `new` for `old` in the posts sitemap page that lists it."""
    for page in folder.glob("blog-posts-sitemap.xml*"):
        page.write_text(page.read_text().replace(old, new))


def not_imported(summary, content):
    return section(report(summary, content), "These posts were not imported")


def test_a_cover_on_another_host_is_left_out_by_name_and_never_asked_for(tmp_path):
    folder, server, made = new_wix_site(tmp_path)
    move_in_sitemap(folder, f"{server.address}/media/{COVER_ID}", f"{server.elsewhere}/media/{COVER_ID}")
    content = tmp_path / "content"
    with server:
        summary = run_import(server.address, content)
    assert [line for line in section(report(summary, content), "These articles can be published as they are")
            if SEED_SLUG in line] == [
        f"  content/articles/{SEED_SLUG}.md: the picture {server.elsewhere}/media/{COVER_ID} was left out: "
        "it is not on the Wix site or Wix's media hosts, the only places the import reads from. "
        "Add it by hand if it matters."]
    assert "localhost" not in server.hosts_asked()
    assert "image" not in split_source((content / f"articles/{SEED_SLUG}.md").read_text(encoding="utf-8")).fields
    assert not (content / f"images/{SEED_SLUG}").exists()
    assert summary.count("new") == len(made)


def test_a_post_on_another_host_is_refused_by_name(tmp_path):
    folder, server, made = new_wix_site(tmp_path)
    move_in_sitemap(folder, f"{server.address}/post/{LINKED_SLUG}", f"{server.elsewhere}/post/{LINKED_SLUG}")
    content = tmp_path / "content"
    with server:
        summary = run_import(server.address, content)
    where = f"{server.elsewhere}/post/{LINKED_SLUG}"
    assert not_imported(summary, content) == [
        f"  {where}: not imported. Refused: it is not on the Wix site 127.0.0.1 or Wix's media hosts "
        "(static.wixstatic.com, video.wixstatic.com), the only places the import reads from. "
        "The feed does not list it."]
    assert "localhost" not in server.hosts_asked()
    assert summary.count("new") == len(made) - 1


def test_a_redirect_to_another_host_is_refused_and_nothing_is_written(tmp_path):
    _, server, _ = new_wix_site(tmp_path, redirects={"/blog-posts-sitemap.xml": "http://localhost:{port}/blog-posts-sitemap.xml"})
    port = server.address.rsplit(":", 1)[1]
    server.server.redirects["/blog-posts-sitemap.xml"] = f"{server.elsewhere}/blog-posts-sitemap.xml"
    content = tmp_path / "content"
    with server, pytest.raises(ImportFailed) as failure:
        run_import(server.address, content)
    assert str(failure.value) == (
        f"{server.address}/blog-posts-sitemap.xml: refused: it redirects to http://localhost:{port}/"
        "blog-posts-sitemap.xml, which is not on the Wix site 127.0.0.1 or Wix's media hosts.")
    assert "localhost" not in server.hosts_asked()
    assert list(content.rglob("*.*")) == []


def test_a_redirect_within_the_site_is_followed(tmp_path):
    folder, server, made = new_wix_site(tmp_path, redirects={"/blog-feed.xml": "/feeds/blog-feed.xml"})
    (folder / "feeds").mkdir()
    (folder / "blog-feed.xml").rename(folder / "feeds/blog-feed.xml")
    with server:
        summary = run_import(server.address, tmp_path / "content")
    assert summary.count("new") == len(made)
    assert summary.blog_path == "/articles-and-news"  # read from the moved feed


def test_an_answer_larger_than_the_limit_is_refused_and_read_no_further(tmp_path, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_RESPONSE_BYTES", 1024 * 1024)
    piece, count = b"\xff" * 65536, 800  # 50 MB, with no length announced
    _, server, made = new_wix_site(tmp_path, streams={f"/media/{NO_ALT_ID}": (piece, count, 0)})
    content = tmp_path / "content"
    with server:
        summary = run_import(server.address, content)
    assert not_imported(summary, content) == [
        f"  {server.address}/media/{NO_ALT_ID}: refused: larger than 1 MB, the most the import reads of one address."]
    assert server.server.sent[f"/media/{NO_ALT_ID}"] < 20 * 1024 * 1024
    assert not (content / f"articles/{NO_ALT_SLUG}.md").exists()
    assert summary.count("new") == len(made) - 1


def test_the_import_stops_at_its_time_limit_and_the_next_run_reads_the_rest(tmp_path, monkeypatch):
    monkeypatch.setattr(fetch, "MAX_IMPORT_SECONDS", 4)
    # A page that trickles in for 20 seconds, a byte at a time.
    slow = f"/post/{LINKED_SLUG}"
    _, server, made = new_wix_site(tmp_path, streams={slow: (b" ", 100, 0.2)})
    content = tmp_path / "content"
    with server:
        started = time.monotonic()
        summary = run_import(server.address, content)
        assert time.monotonic() - started < 12
        assert not_imported(summary, content) == [
            f"  {server.address}{slow}: not imported. Not read: the import's time limit of 4 seconds ran "
            "out. Run the import again to read the rest. The feed does not list it."]
        assert summary.count("new") == len(made) - 1
        server.server.streams.clear()
        again = run_import(server.address, content)
    assert [post.slug for post in again.posts if post.outcome == "new"] == [LINKED_SLUG]
