"""No page for a tag that no published article has.

Pelican keeps tags in a dictionary that makes an empty entry for any tag it is asked about;
plugins that look up the tags of drafts (related posts does) thus give a draft's tags pages of
their own, naming a draft on the public site before it is published. Once every generator has
finished, tags without published articles are dropped, so no page, sitemap entry or feed is
written for them.
"""

from pelican import signals


def drop_empty_tags(generators):
    for generator in generators:
        tags = getattr(generator, "tags", None)
        if not isinstance(tags, dict):
            continue
        for tag in [tag for tag, articles in tags.items() if not articles]:
            del tags[tag]


def register():
    signals.all_generators_finalized.connect(drop_empty_tags)
