"""Read time of articles and pages, in whole minutes.

Counts the words a reader sees (the rendered text, not the Markdown or HTML markup), divides by
READ_TIME_WORDS_PER_MINUTE (pelicanconf.py), rounds to the nearest minute and never says less than 1 minute.
An editor can override the estimate with a `read_time` front-matter field.

The maintained pelican-readtime plugin counts HTML tags as words and rounds down to zero
minutes for short posts, hence this small module.
"""

from pelican import signals
from selectolax.lexbor import LexborHTMLParser


def count_words(html):
    """The number of words a reader sees in an HTML fragment."""
    return len(LexborHTMLParser(html).text(separator=" ").split())


def minutes_to_read(word_count, words_per_minute):
    """Whole minutes, rounded to nearest, at least 1."""
    return max(1, round(word_count / words_per_minute))


def add_read_time(content):
    if not content._content:
        return
    content.word_count = count_words(content._content)
    override = content.metadata.get("read_time")
    if override not in (None, ""):
        content.read_time = int(override)
    else:
        words_per_minute = content.settings["READ_TIME_WORDS_PER_MINUTE"]
        content.read_time = minutes_to_read(content.word_count, words_per_minute)


def register():
    signals.content_object_init.connect(add_read_time)
