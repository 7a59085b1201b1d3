"""Wix's rich content and older feeds' HTML become clean Markdown, and what has no Markdown form
is named for a person instead of vanishing."""

from holistic_oriental_medicine.importer import feed_html, ricos


def text(value, *decorations):
    return {"type": "TEXT", "textData": {"text": value, "decorations": list(decorations)}}


def block(kind, *nodes, **data):
    return {"type": kind, "nodes": list(nodes), **data}


def conversion():
    found = ricos.Conversion(link_for=lambda url: url, image_for=lambda media_id: f"{{static}}/images/x/{media_id}")
    found.image_for_url = lambda url: "{static}/images/x/" + url.rsplit("/", 1)[-1]
    return found


def test_lists_nest_and_number():
    nodes = [block("ORDERED_LIST",
                   block("LIST_ITEM", block("PARAGRAPH", text("First")),
                         block("BULLETED_LIST", block("LIST_ITEM", block("PARAGRAPH", text("inner"))))),
                   block("LIST_ITEM", block("PARAGRAPH", text("Second"))))]
    assert ricos.to_markdown(nodes, conversion()) == "1. First\n    - inner\n2. Second\n"


def test_text_that_looks_like_markdown_stays_text():
    nodes = [block("PARAGRAPH", text("1. Not a list, *not* [a link] <b>")), block("PARAGRAPH", text("#not a heading"))]
    assert ricos.to_markdown(nodes, conversion()) == (
        "1\\. Not a list, \\*not\\* \\[a link\\] \\<b\\>\n\n\\#not a heading\n"
    )


def test_headings_lose_their_bold_and_start_at_level_two():
    bold = {"type": "BOLD", "fontWeightValue": 700}
    nodes = [block("HEADING", text("Top", bold), headingData={"level": 1}),
             block("HEADING", text("Below"), headingData={"level": 2})]
    assert ricos.to_markdown(nodes, conversion()) == "## Top\n\n### Below\n"


def test_empty_paragraphs_and_underline_and_colour_are_dropped():
    nodes = [block("PARAGRAPH"), block("PARAGRAPH", text("\u00a0")),
             block("PARAGRAPH", text("Plain", {"type": "UNDERLINE"}, {"type": "COLOR", "colorData": {"foreground": "#f00"}}))]
    assert ricos.to_markdown(nodes, conversion()) == "Plain\n"


def test_a_block_without_markdown_is_named_for_a_person():
    found = conversion()
    assert ricos.to_markdown([block("GALLERY"), block("PARAGRAPH", text("After"))], found) == "After\n"
    assert found.changes == ["a gallery was left out: it has no Markdown form. Add it by hand if it matters."]


def test_feed_html_quirks_are_cleaned():
    found = conversion()
    html = ('<p>\u00a0</p><p><br /></p><h3><strong>Warm</strong></h3><p>A <span style="color: textColor5;">'
            'soup</span>.</p><img src="https://static.wixstatic.com/media/a~mv2.jpg/v1/fit/w_10/a.jpg"alt="Soup">')
    assert feed_html.to_markdown(html, found) == "## Warm\n\nA soup.\n\n![Soup]({static}/images/x/a.jpg)\n"
    assert found.notes == []


def test_a_link_keeps_only_an_address_and_otherwise_becomes_its_text():
    from holistic_oriental_medicine.importer.links import well_formed
    assert well_formed("https://www.example.org/tea?x=1#y") == "https://www.example.org/tea?x=1#y"
    assert well_formed("https://cs.wikipedia.org/wiki/Akupunktura_(léčba)") == "https://cs.wikipedia.org/wiki/Akupunktura_%28léčba%29"
    assert well_formed("mailto:info@example.org") == "mailto:info@example.org"
    assert well_formed("/post/cupping") == "/post/cupping"
    for malformed in ("https://Read more at www.example.org", "https://example", "javascript:alert(1)",
                      "https://example.org:port/", "mailto:", "https://exa<mple.org", ""):
        assert well_formed(malformed) is None, malformed
    found = conversion()
    found.link_for = well_formed
    nodes = [block("PARAGRAPH", text("See ", ), text("our tea", {"type": "LINK", "linkData": {"link": {"url": "Tea at www.example.org"}}}))]
    assert ricos.to_markdown(nodes, found) == "See our tea\n"
    assert found.changes == ['the link "our tea" had no valid address ("Tea at www.example.org"), so it is plain '
                             "text now. Add the right address if it matters."]
    assert feed_html.to_markdown('<p>See <a href="Tea at www.example.org">our tea</a>.</p>', found) == "See our tea.\n"


def test_a_rendered_article_is_read_from_its_own_viewer_with_its_pictures_real_addresses():
    from holistic_oriental_medicine.importer.rendered_post import read_rendered_post
    page = ('<html><head><script type="application/ld+json">{"@type": "BlogPosting", "headline": "Sleep &amp; Qi",'
            ' "datePublished": "2021-06-01T08:00:00Z", "author": [{"name": "Dr. Lin"}], "image": {"url": "https://static.wixstatic.com/media/c.jpg"}}'
            '</script></head><body><div class="viewer"><div data-hook="rcv-block1"><p>Rest well.</p></div>'
            '<div data-hook="rcv-block2"><div data-hook="imageViewer"><wix-image><img src="data:image/gif;base64,R0lGOD"'
            ' data-src="https://static.wixstatic.com/media/a~mv2.jpg/v1/fill/w_10,blur_2/a.jpg" alt="A pillow"></wix-image></div></div>'
            '<div data-hook="rcv-block3"><div data-hook="gallery-item-container"><img src="https://static.wixstatic.com/media/g.jpg"></div></div></div>'
            '<section class="comments"><div data-hook="rcv-block1"><p>Great post!</p></div></section></body></html>')
    post = read_rendered_post(page, "https://www.example.com/post/sleep")
    assert (post.title, post.published.year, post.author, post.cover) == (
        "Sleep & Qi", 2021, "Dr. Lin", "https://static.wixstatic.com/media/c.jpg")
    found = conversion()
    assert feed_html.to_markdown(post.body_html, found) == "Rest well.\n\n![A pillow]({static}/images/x/a.jpg)\n"
    assert post.left_out == ["a gallery"]
