"""source_text and nesting: what the checks and Pelican read, and what is refused before."""

import pytest

from .nesting import (
    MAX_BRACKETS_IN_A_PARAGRAPH,
    MAX_HTML_NESTING,
    MAX_NESTING,
    html_too_deep,
    too_deep,
    too_many_brackets,
)
from .source_text import MAX_SOURCE_BYTES, SourceTextError, normalised_text, read_source


@pytest.mark.parametrize(
    "raw",
    [b"Title: A\nDate: 2025-01-01\n", b"\xef\xbb\xbfTitle: A\r\nDate: 2025-01-01\r\n", b"Title: A\rDate: 2025-01-01\r"],
)
def test_a_byte_order_mark_and_every_line_end_read_as_the_same_text(raw):
    assert normalised_text(raw) == "Title: A\nDate: 2025-01-01\n"


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        ("Title: A\n".encode("utf-16"), "file", "UTF-16"),
        ("Title: A\n".encode("utf-16-be"), "file", "UTF-16 without a byte-order mark"),
        ("Title: A\n".encode("utf-32"), "file", "UTF-32"),
        (b"Title: A\nIt\x92s\n", "line 2", '"\u2019" in Windows-1252'),
        (b"Title: A\r\rNul \x00\n", "line 3", "(U+0000)"),
        ("A\nB\u2028C\n".encode(), "line 2", "(U+2028)"),
    ],
)
def test_what_is_not_utf8_text_is_refused_naming_where(raw, where, words):
    with pytest.raises(SourceTextError) as error:
        normalised_text(raw)
    assert error.value.where == where
    assert words in error.value.message


def test_a_source_over_the_size_limit_is_refused_unread(tmp_path):
    source = tmp_path / "big.md"
    source.write_bytes(b"x" * (MAX_SOURCE_BYTES + 1))
    with pytest.raises(SourceTextError, match="at most 512 KB"):
        read_source(source)


def test_nesting_counts_indentation_list_markers_and_quote_marks():
    assert too_deep("\n".join("    " * level + "- item" for level in range(MAX_NESTING))) is None
    assert too_deep("Text\n" + "> " * (MAX_NESTING + 1) + "deep")[0] == "line 2"
    assert too_deep("- " * (MAX_NESTING + 1) + "x") is not None
    assert too_deep("-" * 80 + "\n" + "*" * 80) is None


def test_a_paragraph_may_have_as_many_brackets_as_the_limit_and_no_more():
    at_the_limit = "Text " + "[" * MAX_BRACKETS_IN_A_PARAGRAPH
    assert too_many_brackets(f"Intro.\n\n{at_the_limit}\n\n{at_the_limit}") is None
    where, message = too_many_brackets(f"Intro.\n\n{at_the_limit}[\n")
    assert where == "line 3"
    assert f"has {MAX_BRACKETS_IN_A_PARAGRAPH + 1} [ in one paragraph" in message


def test_raw_html_may_nest_as_deep_as_the_limit_and_no_deeper():
    def nested(depth):
        return "Intro.\n\n" + "<div>" * depth + "<br><img src='a.png' alt='a'/>x" + "</div>" * depth
    assert html_too_deep(nested(MAX_HTML_NESTING)) is None
    assert html_too_deep("\n".join(["<p>one</p>"] * 100)) is None
    where, message = html_too_deep(nested(MAX_HTML_NESTING + 1))
    assert where == "line 3"
    assert f"nested more than {MAX_HTML_NESTING} deep" in message
