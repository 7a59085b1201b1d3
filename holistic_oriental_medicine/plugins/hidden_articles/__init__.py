"""Hidden articles stay out of the production site.

Pelican writes an article with `Status: hidden` without listing it anywhere, so anyone who
guesses or is sent its address can read it. With `WRITE_HIDDEN_ARTICLES = False` (production)
such an article is not written at all: only published articles reach readers.
"""

from pelican import signals


def leave_out_hidden_articles(generator):
    if generator.settings.get("WRITE_HIDDEN_ARTICLES", True):
        return
    # Emptied in place: the template context holds these same lists.
    generator.hidden_articles.clear()
    generator.hidden_translations.clear()


def register():
    signals.article_generator_finalized.connect(leave_out_hidden_articles)
