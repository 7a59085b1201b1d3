"""Date the sitemap's list pages by their newest article, not by the time of the build.

pelican-sitemap gives pages without a date of their own (the home page, archives, tag and
category lists) the build time as `lastmod`. That tells search engines every list changed on every
build, and makes two builds of the same content differ. A list changes when an article does, so
this sets the plugin's fallback date to the newest `modified` (or `date`) of all articles.
"""

from pelican import signals
from pelican.plugins.sitemap import sitemap


def latest_change(articles):
    return max((getattr(article, "modified", article.date) for article in articles), default=None)


def date_lists_by_latest_article(article_generator):
    newest = latest_change(article_generator.articles)
    if newest is not None:
        sitemap.generator.now = newest


def register():
    signals.article_generator_finalized.connect(date_lists_by_latest_article)
