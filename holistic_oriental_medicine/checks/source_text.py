"""The text of a Markdown source, read once for both the checks and Pelican.

Editors save files from many editors and systems. Whatever they wrote, the checks and the build
must see the same text, or a line break that only one of them sees can hide a line from the
checks. So a source is read here, once: UTF-8 with or without a byte-order mark, every line
break (`\\r\\n`, a bare `\\r`) made `\\n`. Text that is not UTF-8, or that holds characters no
editor means to type (control characters, invisible line separators), is refused with the line
it is on, before any other work.
"""

import codecs
import re
from pathlib import Path

# Far above any real article (the longest is a few thousand words, under 50 KB): a larger file
# is a mistake (a pasted export, a picture saved as .md) and would only slow every build.
MAX_SOURCE_BYTES = 512 * 1024

# Byte-order marks of encodings other than UTF-8, longest first (UTF-32 LE starts as UTF-16 LE).
OTHER_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16 (\"Unicode\" in Windows Notepad)"),
    (codecs.BOM_UTF16_BE, "UTF-16 (\"Unicode big endian\" in Windows Notepad)"),
)
SAVE_AS_UTF8 = 'Save the file as "UTF-8" in your editor.'

# Characters that are not text: C0 and C1 controls (but tab and line feed), the Unicode
# noncharacters (U+FFFE makes every feed ill-formed XML) and the line and paragraph separators,
# which Python counts as line breaks and Markdown does not.
NOT_TEXT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)


class SourceTextError(Exception):
    """A source that cannot be read as text, at `where` (a line, or the whole file)."""

    def __init__(self, where, message):
        super().__init__(message)
        self.where = where
        self.message = message


def _line_of_byte(raw, offset):
    return raw[:offset].replace(b"\r\n", b"\n").replace(b"\r", b"\n").count(b"\n") + 1


def _decode(raw):
    for mark, encoding in OTHER_BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            raise SourceTextError("file", f"is saved as {encoding}, not UTF-8. {SAVE_AS_UTF8}")
    if b"\x00" in raw[:1000] and raw.count(b"\x00") * 3 > min(len(raw), 1000):
        raise SourceTextError("file", f"is saved as UTF-16 without a byte-order mark, not UTF-8. {SAVE_AS_UTF8}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        byte = raw[error.start : error.start + 1]
        shown = byte.decode("cp1252", errors="replace")
        guess = f', "{shown}" in Windows-1252, the "ANSI" of Windows editors' if shown != "\ufffd" else ""
        raise SourceTextError(
            f"line {_line_of_byte(raw, error.start)}",
            f"is not UTF-8 text (byte 0x{byte[0]:02x}{guess}). {SAVE_AS_UTF8}",
        ) from None


def normalised_text(raw):
    """The text of a source's bytes, as the checks and Pelican read it."""
    text = _decode(raw).replace("\r\n", "\n").replace("\r", "\n")
    not_text = NOT_TEXT.search(text)
    if not_text:
        raise SourceTextError(
            f"line {text.count(chr(10), 0, not_text.start()) + 1}",
            f"has an invisible character (U+{ord(not_text[0]):04X}) that is not text. Delete it "
            "(retype the words around it if you cannot see it).",
        )
    return text


def read_source(path):
    """The bytes of the source at `path` and their normalised text; SourceTextError if it is
    not text."""
    raw = source_bytes(path)
    return raw, normalised_text(raw)


def source_bytes(path):
    """The bytes of the source at `path`; SourceTextError if it is too large or unreadable."""
    try:
        size = Path(path).stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise SourceTextError(
                "file",
                f"is {size // 1024} KB; a source may have at most {MAX_SOURCE_BYTES // 1024} KB. "
                "Split it into several articles, and put pictures in content/images/.",
            )
        raw = Path(path).read_bytes()
    except OSError as error:
        raise SourceTextError(
            "file", f"cannot be read ({error.strerror}). Replace it with a plain file."
        ) from None
    return raw
