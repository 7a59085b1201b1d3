"""Whether an article's text, as written into its page, closes everything it opens.

A browser closes an element left open (`<a href="https://elsewhere…">` without `</a>`) wherever
it sees fit, and carries a link on into the text after it: the page's own disclaimer and call to
action would lead elsewhere. So the text between the opening of the theme's wrapper and its end
must be balanced: each element closed, in order, by its own end tag, nothing closed that it did
not open, no comment or tag left unfinished.
"""

from html.parser import HTMLParser

# Elements that never have an end tag (the HTML standard's void elements).
VOID_ELEMENTS = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
    "track", "wbr",
}


class _WrapperClosed(Exception):
    """The theme's wrapper around the text has been closed: the text ends here."""


class _BalanceReader(HTMLParser):
    def __init__(self, wrapped):
        super().__init__(convert_charrefs=True)
        # Whether the text ends at an end tag it did not open (the wrapper's).
        self.wrapped = wrapped
        self.open = []
        self.problem = None

    def handle_starttag(self, tag, attrs):
        if tag not in VOID_ELEMENTS:
            self.open.append(tag)

    # `<a href="…"/>` opens an <a> all the same: browsers ignore the slash.
    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag in VOID_ELEMENTS:
            return
        if not self.open:
            if tag != "div" or not self.wrapped:
                self.problem = (f"</{tag}", f"closes a <{tag}> it never opened (a </{tag}> too "
                                "many). Remove it.")
            raise _WrapperClosed
        if self.open[-1] != tag:
            opened = self.open[-1]
            self.problem = (f"<{opened}", f"opens a <{opened}> that is not closed before "
                            f"</{tag}>, so it would spill into the page around the text. Close it "
                            f"with </{opened}> where it should end.")
            raise _WrapperClosed
        self.open.pop()


def unbalanced(page_text, start):
    """(needle, message) if the text from `start` (just after the wrapper's start tag) to the
    wrapper's end tag is not balanced, else None."""
    reader = _BalanceReader(wrapped=True)
    try:
        reader.feed(page_text[start:])
    except _WrapperClosed:
        return reader.problem
    return _unfinished(reader)


def unbalanced_text(html):
    """(needle, message) if the HTML of an article's text, as the theme puts it into its
    wrapper, is not balanced, or would close the wrapper early; else None."""
    reader = _BalanceReader(wrapped=False)
    try:
        reader.feed(html)
    except _WrapperClosed:
        return reader.problem
    if reader.open or reader.rawdata:
        return _unfinished(reader)
    return None


def _unfinished(reader):
    opened = reader.open[0] if reader.open else None
    if opened and not reader.rawdata.strip():
        return (f"<{opened}", f"opens a <{opened}> that is never closed, so it would spill into "
                f"the page around the text. Close it with </{opened}> where it should end.")
    return ("<!--", "leaves a comment or a tag unfinished (a <!-- without -->, or a < without >), "
            "which would swallow the page around the text. Finish or remove it.")
