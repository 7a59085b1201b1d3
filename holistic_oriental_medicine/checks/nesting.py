"""How deeply the Markdown of a body nests, found before Markdown converts it.

Python-Markdown reads nested lists and quotes recursively: a list nested 300 levels deep stops
the build with a RecursionError, 10,000 levels take gigabytes. Its link reading grows with about
the cube of the brackets in one paragraph (2,000 `[` take a second, 20,000 many minutes), and
raw HTML nested 30,000 `<div>`s deep takes half a minute to check. No article comes near any
of these, so a body past a limit is refused before the conversion starts.
"""

import re

# Far beyond any real article (a list in a list in a quote is three).
MAX_NESTING = 12
# A paragraph with 500 links has 500; the conversion of 500 takes a few hundredths of a second.
MAX_BRACKETS_IN_A_PARAGRAPH = 500
# Raw HTML elements inside one another (a table in a figure in a div is five with its rows).
MAX_HTML_NESTING = 20
VOID_ELEMENTS = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*?)?(/?)>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# The start of a line: indentation, then any run of list markers and quote marks.
_PREFIX = re.compile(r"[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)*")


def nesting_of(line):
    """Levels of indentation (4 spaces or a tab each) plus list markers and quote marks."""
    prefix = _PREFIX.match(line)[0]
    indentation = len(prefix) - len(prefix.lstrip(" \t"))
    levels = len(prefix[:indentation].expandtabs(4)) // 4
    return levels + len(re.findall(r"[-*+>]|\d+[.)]", prefix[indentation:]))


def too_deep(body, first_line=1):
    """(line, message) for the first line of `body` nested deeper than MAX_NESTING, or None."""
    for number, line in enumerate(body.split("\n"), start=first_line):
        depth = nesting_of(line)
        if depth > MAX_NESTING:
            return (
                f"line {number}",
                f"is nested {depth} levels deep (lists, quotes or indentation); at most "
                f"{MAX_NESTING} are read. Flatten the list, or remove the extra indentation.",
            )
    return None


def _line_at(text, position, first_line):
    return first_line + text.count("\n", 0, position)


def too_many_brackets(body, first_line=1):
    """(line, message) for the first paragraph of `body` with more than MAX_BRACKETS_IN_A_PARAGRAPH
    `[`, or None."""
    start = 0
    for paragraph in _BLANK_LINE.split(body):
        count = paragraph.count("[")
        if count > MAX_BRACKETS_IN_A_PARAGRAPH:
            return (
                f"line {_line_at(body, body.find(paragraph, start), first_line)}",
                f"has {count:,} [ in one paragraph; at most {MAX_BRACKETS_IN_A_PARAGRAPH} are read "
                "(each may start a link, and reading them slows down sharply). Split the paragraph, "
                "or remove the extra brackets.",
            )
        start += len(paragraph)
    return None


def html_too_deep(body, first_line=1):
    """(line, message) for the first raw HTML element of `body` nested deeper than
    MAX_HTML_NESTING, or None."""
    depth = 0
    for tag in _TAG.finditer(body):
        closing, name, self_closing = tag[1], tag[2].lower(), tag[3]
        if name in VOID_ELEMENTS or self_closing:
            continue
        depth = max(depth - 1, 0) if closing else depth + 1
        if depth > MAX_HTML_NESTING:
            return (
                f"line {_line_at(body, tag.start(), first_line)}",
                f"has HTML elements nested more than {MAX_HTML_NESTING} deep (<{name}> inside "
                f"<{name}>…); at most {MAX_HTML_NESTING} are read. Remove the extra HTML, or write "
                "Markdown.",
            )
    return None
