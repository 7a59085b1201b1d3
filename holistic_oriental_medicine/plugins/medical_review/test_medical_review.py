"""medical_review: sources link where readers can check them, and footnotes join the Sources."""

from . import footnote_text, source_of, split_footnotes


def test_a_doi_links_to_doi_org_a_pmid_to_pubmed_and_a_url_to_itself():
    source = source_of({
        "title": "T", "journal": "J", "year": 2018, "doi": "10.1002/(SICI)1097-0258<3.0.CO;2-Z",
        "pmid": "29198932", "url": "https://example.org/study",
    })
    assert source.links == [
        ("doi:10.1002/(SICI)1097-0258<3.0.CO;2-Z", "https://doi.org/10.1002/(SICI)1097-0258%3C3.0.CO;2-Z"),
        ("PubMed 29198932", "https://pubmed.ncbi.nlm.nih.gov/29198932/"),
        ("https://example.org/study", "https://example.org/study"),
    ]
    assert source.year == "2018"


def test_footnotes_are_split_from_the_body_which_stays_as_it_was():
    body = '<p>Claim.<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n'
    notes = (
        '<div class="footnote">\n<hr>\n<ol>\n<li id="fn:1">\n<p>Vickers, <em>J Pain</em>, 2018.&#160;'
        '<a class="footnote-backref" href="#fnref:1" title="Jump back">&#8617;</a></p>\n</li>\n</ol>\n</div>'
    )
    split_body, footnotes = split_footnotes(body + notes)
    assert split_body == body
    [(note_id, note)] = footnotes
    assert note_id == "fn:1"
    assert "<em>J Pain</em>" in note
    assert footnote_text(note) == "Vickers, J Pain, 2018."


def test_an_article_without_footnotes_is_left_whole():
    assert split_footnotes("<p>Text.</p>") == ("<p>Text.</p>", [])
