"""The honest-claims check: health claims in an article that name no source.

A paragraph or list item that states a statistic ("70%"), leans on research ("a study found",
"research shows", "proven") or promises a result ("cure", "guaranteed") must cite its source in
that same paragraph: a footnote (`[^1]`) or a link to the source. Each claim without one is a
warning naming the file, the line and the phrase. Warnings do not stop the build: the editor
decides. With UNCITED_CLAIMS_ARE_ERRORS (`invoke check --strict`) they are problems.

The phrases are CLAIM_PHRASES in pelicanconf.py; a number before "%" or "percent" is always a
claim. The check reads the Markdown source, so lines are the editor's own. The reader finds a
source's claims as it reads it (so they are kept with its reading, and found on every core);
they are reported for what the build publishes, drafts included.
"""

import re
from functools import cache

from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE

from .problems import build

STATISTIC = r"\d+(?:[.,]\d+)?\s?(?:%|percent\b|per cent\b)"
# A footnote reference [^1] (not its definition), or a link to a web page.
CITATION = re.compile(r"\[\^[^\]\s]+\](?!:)|\]\(\s*<?https?://|<https?://")
# Where a new unit starts inside a block: a list item.
LIST_ITEM = re.compile(r"\s*(?:[-*+]|\d+[.)])\s")
# Blocks that are not prose a reader takes as a claim: headings, footnote definitions
# (they are the sources), code, HTML comments.
NOT_PROSE = re.compile(r"\s*(?:#|\[\^[^\]]+\]:|```|~~~|<!--|    )")


@cache
def claim_pattern(phrases):
    """One pattern for the phrases (whole words, any capitals, longest first) and statistics."""
    words = [
        r"\s+".join(re.escape(word) for word in phrase.split())
        for phrase in sorted(phrases, key=len, reverse=True)
    ]
    return re.compile(rf"(?<!\w)(?:{'|'.join([*words, STATISTIC])})(?!\w)", re.IGNORECASE)


def prose_units(body):
    """(first line number, text) of each paragraph and list item of a Markdown body, lines
    counted from the start of the body."""
    units, current, in_code = [], None, False
    for number, line in enumerate(body.split("\n"), start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            current = None
            continue
        if in_code or not line.strip():
            current = None
            continue
        if current is None or LIST_ITEM.match(line):
            current = [number, [line]]
            units.append(current)
        else:
            current[1].append(line)
    return [
        (first, "\n".join(lines)) for first, lines in units if not NOT_PROSE.match(lines[0])
    ]


def body_start(text):
    """Where the body of a source starts: after its YAML block, or else after the first blank
    line that ends its `Key: value` header."""
    match = HEADER_RE.fullmatch(text)
    if match:
        return match.start("content")
    blank_line = re.search(r"\n[ \t]*\n", text)
    return blank_line.end() if blank_line else len(text)


def uncited_claims(text, phrases):
    """(line, phrase as written) of each claim with no citation in its paragraph, in a source."""
    start = body_start(text)
    body, first_body_line = text[start:], text[:start].count("\n")
    pattern = claim_pattern(tuple(phrases))
    found = []
    for first, unit in prose_units(body):
        if CITATION.search(unit):
            continue
        for match in pattern.finditer(unit):
            line = first_body_line + first + unit[: match.start()].count("\n")
            found.append((line, " ".join(match[0].split())))
    return found


def report_uncited_claims(contents):
    """Warn (or, when UNCITED_CLAIMS_ARE_ERRORS, record a problem) for each uncited claim."""
    for content in contents:
        settings = content.settings
        for line, phrase in build.claims.get(content.source_path, []):
            message = (
                f'"{phrase}" is a health claim with no source in its paragraph. Cite the source '
                "there with a footnote ([^1]) or a link, or reword it."
            )
            if settings.get("UNCITED_CLAIMS_ARE_ERRORS"):
                build.record(content.source_path, f"line {line}", message, settings)
            else:
                build.warn(content.source_path, f"line {line}", message, settings)
