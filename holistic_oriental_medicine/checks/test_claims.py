"""claims: a health claim with no source in its paragraph is found, at its line, as written."""

from .claims import uncited_claims

PHRASES = ["a study", "research shows", "proven", "cure", "guaranteed"]


def claims(body, phrases=PHRASES):
    return uncited_claims("Title: T\nDate: 2025-01-01\n\n" + body, phrases)


def test_statistics_studies_and_promises_are_found_at_their_line_as_written():
    body = "Intro.\n\nResearch shows that 70% feel better.\nIt is Proven.\n\nWe cure nothing.\n"
    assert claims(body) == [(6, "Research shows"), (6, "70%"), (7, "Proven"), (9, "cure")]


def test_a_footnote_or_a_link_in_the_paragraph_cites_it():
    body = (
        "A study found 70% relief.[^vickers]\n\n"
        "Research shows it, says [the review](https://doi.org/10.1001/x).\n\n"
        "[^vickers]: Vickers AJ et al. A study of 17,922 patients: 50% less pain.\n"
    )
    assert claims(body) == []


def test_a_source_in_another_paragraph_does_not_cite_this_one():
    body = "A study found relief.\n\nAnother point.[^1]\n\n[^1]: Source.\n"
    assert claims(body) == [(4, "A study")]


def test_each_list_item_needs_its_own_source():
    body = "- 30 percent less pain[^1]\n- guaranteed results\n\n[^1]: Source.\n"
    assert claims(body) == [(5, "guaranteed")]


def test_headings_code_and_parts_of_words_are_not_claims():
    body = "## A study of needles\n\n```\n90%\n```\n\nA procure-ment, studyroom.\n"
    assert claims(body) == []


def test_a_phrase_may_break_across_lines_and_the_list_is_the_setting():
    assert claims("It is a\nstudy result.\n") == [(4, "a study")]
    assert claims("Needles are painless.\n", ["painless"]) == [(4, "painless")]
    assert claims("Needles are painless.\n") == []


def test_yaml_front_matter_counts_in_the_line_numbers():
    text = "---\ntitle: T\ndate: 2025-01-01\n---\n\nProven.\n"
    assert uncited_claims(text, PHRASES) == [(6, "Proven")]
