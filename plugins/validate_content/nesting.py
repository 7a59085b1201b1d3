"""How deeply the Markdown of a body nests, found before Markdown converts it.

Python-Markdown reads nested lists and quotes recursively: a list nested 300 levels deep stops
the build with a RecursionError, 10,000 levels take gigabytes. No article nests more than a
few levels, so a deeper line is refused before the conversion starts.
"""

import re

# Far beyond any real article (a list in a list in a quote is three).
MAX_NESTING = 12
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
