"""Writing imported articles: YAML front matter and Markdown, a fingerprint that tells whether
a person has changed the file since, and each article written with its pictures completely or
not at all."""

import hashlib
import re

import yaml

from holistic_oriental_medicine.caches.folders import staging_folder, swap, written_file

# The first line of an imported article's front matter: the fingerprint of everything else in
# the file. A file whose fingerprint no longer matches was edited, and is not replaced.
FINGERPRINT = re.compile(r"^# Imported from Wix \(sha256 ([0-9a-f]{64})\)[^\n]*\n", re.MULTILINE)
FINGERPRINT_LINE = ("# Imported from Wix (sha256 {}): once you edit this article, "
                    "a new import leaves it as it is.\n")


def _digest(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_text(fields, body):
    """The article's file: fingerprint, front matter, a blank line, the Markdown."""
    front_matter = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=100)
    unsigned = f"---\n{front_matter}---\n\n{body}"
    return unsigned.replace("---\n", "---\n" + FINGERPRINT_LINE.format(_digest(unsigned)), 1)


def edited_since_import(text):
    """Whether a file was changed after the importer wrote it (or was never written by it)."""
    match = FINGERPRINT.search(text)
    return match is None or _digest(FINGERPRINT.sub("", text, count=1)) != match.group(1)


def write_atomically(path, data):
    """Write `data` to `path` so that the file is either the old one or the new one, never half
    written."""
    with written_file(path) as partial:
        partial.write_bytes(data)


def write_article(article_path, text, images_folder, images):
    """Write an article and its pictures ({file name: bytes}): the pictures first, into a new
    folder that replaces the old one whole, then the article itself."""
    if images:
        with staging_folder(images_folder) as staging:
            for name, data in images.items():
                (staging / name).write_bytes(data)
            swap(images_folder, staging)
    write_atomically(article_path, text.encode("utf-8"))
