"""The last gate finds, in a page as published, what the content checks could not see in the
Markdown: markup that link rewriting let out, scripts and styles that are not the theme's, a
meta refresh, and an article's text that spills into the page around it."""

import pytest

from .body_structure import unbalanced_text
from .pages import SitePlaces, page_problems

SETTINGS = {"SITEURL": "", "THEME_STATIC_DIR": "theme", "CMS_ADMIN_DIR": "admin"}
HEAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta http-equiv="Content-Security-Policy" content="default-src \'self\'">'
    '<title>A page</title><link rel="stylesheet" href="../theme/css/site.css">'
    '<script type="application/ld+json">{{"@type": "WebPage"}}</script>'
    '<script defer src="../theme/js/search.js"></script>{head}</head>'
)
BODY = (
    '<body><main><article><div class="prose" data-pagefind-body>\n{text}\n</div>'
    '<aside class="disclaimer"><p>General information, not advice.</p></aside>'
    '<p class="cta"><a href="tel:+15035550142">Call us</a></p></article></main>{end}</body></html>'
)


def page(text="<p>Words.</p>", head="", end=""):
    return HEAD.format(head=head) + BODY.format(text=text, end=end)


def needles(html, path="an-article/index.html", redirect_pages=()):
    places = SitePlaces(SETTINGS)
    places.redirect_pages = set(redirect_pages)
    return [needle for needle, _message in page_problems(html, path, places)]


def test_a_page_of_the_theme_with_an_article_passes():
    text = (
        '<h2 id="x"><a class="heading-link" href="#x">Section</a></h2><p>See '
        '<a href="../next/#part">the next one</a>.</p><picture><source type="image/avif" '
        'srcset="../photos/a-360.avif 360w" sizes="100vw"><img src="../photos/a-360.jpg" alt="A room" '
        'width="360" height="240" decoding="async" loading="lazy"></picture>'
    )
    assert needles(page(text)) == []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        # What Pelican's link rewriting made of an escaped fragment and of a file name.
        ('<p><a href="../next/#"><meta http-equiv="refresh" content="0;url=https://evil.example/">">x</a></p>', "<meta"),
        ('<p><a href="../images/form"><script src="../images/tool.jpg"></script>">x</a></p>', "<script"),
        ('<p><img src="../photos/a.jpg" alt="a" srcset="javascript:alert(1) 360w"></p>', "javascript:alert(1)"),
    ],
)
def test_markup_let_out_into_the_article_text_is_found(text, needle):
    assert needle in needles(page(text))


def test_an_unclosed_link_that_would_spill_into_the_disclaimer_is_found():
    found = needles(page('<p>See <a href="https://elsewhere.example/">our friends</p>'))
    assert found == ["<a"]


@pytest.mark.parametrize("text", ["<p>Text <!-- a comment never ended</p>", "<p><em>Text</p></em>"])
def test_text_that_leaves_a_comment_open_or_closes_out_of_order_is_found(text):
    assert needles(page(text)) != []


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("<p>Text</p></div><div>", "</div"),
        ('<p>See <a href="https://elsewhere.example/">x</p>', "<a"),
        ("<p>Text <!-- a comment never ended</p>", "<!--"),
        ("<p>Text</p><ul><li>one</li>", "<ul"),
    ],
)
def test_an_article_text_that_would_close_the_wrapper_or_spill_out_of_it_is_found(text, needle):
    assert unbalanced_text(text)[0] == needle


def test_a_balanced_article_text_passes():
    assert unbalanced_text('<p>Text<br><img src="a.jpg" alt="a"></p><ul><li>one</li></ul>') is None


@pytest.mark.parametrize(
    ("head", "end", "needle"),
    [
        ("<script>alert(1)</script>", "", "<script"),
        ('<script src="https://cdn.example/x.js"></script>', "", "https://cdn.example/x.js"),
        ('<script src="../images/tool.jpg"></script>', "", "../images/tool.jpg"),
        ('<link rel="stylesheet" href="https://fonts.example/a.css">', "", "https://fonts.example/a.css"),
        ("<style>body{}</style>", "", "<style"),
        ('<meta http-equiv="refresh" content="0; url=https://evil.example/">', "", "http-equiv"),
        ("", '<p style="color:red">x</p>', "style="),
        ("", '<a href="javascript:alert(1)">x</a>', "javascript:alert(1)"),
        ("", '<iframe src="https://evil.example/"></iframe>', "<iframe"),
        ("", '<button onclick="x()">x</button>', "onclick="),
    ],
)
def test_scripts_styles_and_refreshes_that_are_not_the_themes_are_found(head, end, needle):
    assert needle in needles(page(head=head, end=end))


def test_a_page_at_an_old_address_may_send_readers_on_within_the_site_only():
    inside = '<meta http-equiv="refresh" content="0; url=../an-article/">'
    outside = '<meta http-equiv="refresh" content="0; url=https://evil.example/">'
    old = "old/index.html"
    assert needles(page(head=inside), old, redirect_pages={old}) == []
    assert needles(page(head=outside), old, redirect_pages={old}) == ["http-equiv"]
    assert needles(page(head=inside), "an-article/index.html") == ["http-equiv"]


def test_the_cms_may_run_its_own_scripts_in_its_folder_only():
    cms = '<script defer src="decap-cms.js"></script>'
    assert needles(page(head=cms), "admin/index.html") == []
    assert needles(page(head=cms), "an-article/index.html") == ["decap-cms.js"]
