"""Import a Wix blog into content/articles/, keeping every post's old address working.

`invoke import-wix SITE` runs `importer.import_site`: it finds every post through the site's
sitemaps (`sitemap`), reads each post's page (`post_page`) and the blog feed (`feed`), turns the
post's rich content (`ricos`) or the feed's HTML (`feed_html`) into Markdown, downloads its
pictures at their original size (`images`) and writes each article with its pictures
completely or not at all (`articles`). Everything it asks of the network goes through `fetch`.
"""


class ImportFailed(Exception):
    """The import cannot go on; the message says why and what to do. Nothing was written."""
