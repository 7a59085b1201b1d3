"""Settings for the local preview. `publishconf.py` imports these and overrides only what
production changes, so this file is the single source of truth for the site."""

import os
from pathlib import Path

from holistic_oriental_medicine.hosting.host_config import widened_policy
from holistic_oriental_medicine.model.clinic import read_clinic

PROJECT_ROOT = Path(__file__).resolve().parent

# The clinic's facts, checked as they are read (holistic_oriental_medicine/model/clinic.py); the
# phone number, written once in international form, also as readers see it in its own country
# (CLINIC["phone_display"], e.g. "(503) 555-0142").
CLINIC = read_clinic(PROJECT_ROOT / "clinic.toml")

SITENAME = CLINIC["name"]
# Feeds describe the site with it (RSS requires a channel description).
SITESUBTITLE = CLINIC["description"]
AUTHOR = CLINIC["name"]
DEFAULT_LANG = CLINIC["language"]
TIMEZONE = CLINIC["timezone"]

SITEURL = ""
RELATIVE_URLS = True
# The public address of the site, without a trailing slash (publishconf.py publishes at it); a
# sub-path such as https://example.org/clinic works too. The preview's link checks know it too.
PUBLISHED_SITEURL = (os.environ.get("SITEURL") or "https://www.holisticorientalmedicine.example").rstrip("/")
# The preview is written apart from the published site (output/, publishconf.py), so that a
# running preview never serves the production build.
OUTPUT_PATH = str(PROJECT_ROOT / "preview")

PATH = str(PROJECT_ROOT / "content")
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
# The only files published as they are: pictures, and PDFs (forms for new patients). Anything
# else (.html, .js) could run code on the site's own address: validate_content refuses it. Pictures,
# SVG diagrams included, are published by the photos plugin, which checks them first.
STATIC_FILE_TYPES = [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".pdf"]
# Hidden files (.gitkeep, .DS_Store, editors' lock files) are never content. Pelican matches
# these patterns against a file's name alone, so its default "**/.*" lets them through.
IGNORE_FILES = [".*"]
THEME = str(PROJECT_ROOT / "theme")

# Readable, stable addresses: /<slug>/ for articles and pages.
ARTICLE_URL = "{slug}/"
ARTICLE_SAVE_AS = "{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "category/{slug}/"
CATEGORY_SAVE_AS = "category/{slug}/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
ARCHIVES_SAVE_AS = "archives/index.html"
CATEGORIES_SAVE_AS = "categories/index.html"
TAGS_SAVE_AS = "tags/index.html"
AUTHORS_SAVE_AS = "authors/index.html"
SEARCH_SAVE_AS = "search/index.html"
DIRECT_TEMPLATES = ["index", "archives", "categories", "tags", "authors", "search", "404"]
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)
# Pelican's year/month/day archives are not linked from the theme.
YEAR_ARCHIVE_SAVE_AS = ""
MONTH_ARCHIVE_SAVE_AS = ""
DAY_ARCHIVE_SAVE_AS = ""

DEFAULT_DATE_FORMAT = "%b %-d, %Y"
DEFAULT_CATEGORY = "Articles"

# The preview has no feeds; production turns them on, in this folder. Its name is reserved in
# both: an article with this slug would be hidden by the feeds once published.
FEEDS_DIR = "feeds"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
# Feed readers show the whole article, not only its summary: the newest FEED_MAX_ITEMS of
# them (Pelican's default, written here because the README promises it), in each feed.
RSS_FEED_SUMMARY_ONLY = False
FEED_MAX_ITEMS = 100

MARKDOWN = {
    "extension_configs": {
        # An aligned table column (`|:---:|`) as an attribute, which table_alignment makes a
        # class: the default inline style would be blocked by the Content-Security-Policy.
        "markdown.extensions.extra": {"tables": {"use_align_attribute": True}},
        "holistic_oriental_medicine.plugins.table_alignment": {},
        # Every section heading links to itself, so a reader can share a link to one section.
        "markdown.extensions.toc": {"anchorlink": True, "anchorlink_class": "heading-link"},
    },
    "output_format": "html5",
}

# The headers every response of the site carries, besides the Content-Security-Policy: the live
# preview sends them, and publishconf.py's HOST_POLICY writes them for every host.
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    # Two years of HTTPS only, for this host (subdomains may not all have certificates).
    "Strict-Transport-Security": "max-age=63072000",
}

# The Content-Security-Policy of every page: only the site's own files run or style a page, no
# inline script or style, no eval. holistic_oriental_medicine/hosting/host_config.py puts it in each page's <meta> tag, in the
# preview as in production (where hosts also send it as a header: HOST_POLICY in publishconf.py;
# the live preview sends it too).
# The live preview's reload script is a file of the site's own address, so it needs nothing more.
# The admin's policies (CMS_POLICY, here and in publishconf.py) are made from this one.
CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    # The search page's Pagefind runs WebAssembly, which is not eval.
    "script-src": ["'self'", "'wasm-unsafe-eval'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
# validate_content reads Markdown with YAML or `Key: value` front matter (pelican-yaml-metadata)
# and stops the build on any problem in the content.
PLUGINS = [
    "holistic_oriental_medicine.plugins.validate_content",
    "holistic_oriental_medicine.plugins.read_time",
    "holistic_oriental_medicine.plugins.clinic_links",
    "holistic_oriental_medicine.plugins.table_of_contents",
    "pelican.plugins.neighbors",
    "pelican.plugins.related_posts",
    "holistic_oriental_medicine.plugins.empty_tags",
    "holistic_oriental_medicine.plugins.asset_hash",
    # The brand's colours, read from the theme's stylesheet before the icons and cards use them.
    "holistic_oriental_medicine.plugins.brand_colors",
    "holistic_oriental_medicine.plugins.site_icons",
    "holistic_oriental_medicine.plugins.social_cards",
    "holistic_oriental_medicine.plugins.medical_review",
    "holistic_oriental_medicine.plugins.structured_data",
    "holistic_oriental_medicine.plugins.redirects",
    "holistic_oriental_medicine.cms",
    "holistic_oriental_medicine.hosting.host_config",
    "holistic_oriental_medicine.plugins.search_index",
    "holistic_oriental_medicine.plugins.parallel_pages",
    "holistic_oriental_medicine.plugins.build_summary",
    "holistic_oriental_medicine.plugins.photos",
    # The last gate: every published page and SVG checked as written (after every step above).
    "holistic_oriental_medicine.plugins.published_check",
    # Production's steps, each on only when publishconf.py says so (the settings below), so that
    # the preview stays as fast as it is. In this order, after the pages are written
    # (pelican-granular-signals): the check that the search index (`sitemap`) and sitemap.xml
    # name every published article and page once (`optimize`), the compressed copies
    # (`compress`), the file times (`deploy`, last).
    "holistic_oriental_medicine.plugins.hidden_articles",
    "holistic_oriental_medicine.plugins.complete_lists",
    "holistic_oriental_medicine.plugins.compressed_copies_cache",
    "holistic_oriental_medicine.plugins.source_date",
    "holistic_oriental_medicine.plugins.example_values",
]

# The preview writes articles with `Status: hidden` (at an address nothing links to); production
# does not write them at all (holistic_oriental_medicine/plugins/hidden_articles/).
WRITE_HIDDEN_ARTICLES = True
# The preview shows clinic.toml's example facts at its example address; the production build
# refuses them (holistic_oriental_medicine/plugins/example_values/).
PUBLISH_EXAMPLE_VALUES = True
# Production checks that sitemap.xml and the search index name every published article and page
# once (holistic_oriental_medicine/plugins/complete_lists/).
CHECK_COMPLETE_LISTS = False
# Production gives every file of the output this time, in seconds since 1970, when it is set
# (holistic_oriental_medicine/plugins/source_date/).
SOURCE_DATE_EPOCH = None

# The copies production compresses (pelican-precompress, run by
# holistic_oriental_medicine/plugins/compressed_copies_cache/): a brotli (.br) and a gzip (.gz)
# copy beside every text file; both compressors write no time or file name, so the copies are
# reproducible. The preview compresses nothing.
PRECOMPRESS_BROTLI = False
PRECOMPRESS_GZIP = False
PRECOMPRESS_ZOPFLI = False
PRECOMPRESS_ZSTANDARD = False
PRECOMPRESS_TEXT_EXTENSIONS = {".atom", ".css", ".html", ".js", ".json", ".rss", ".svg", ".txt", ".xml"}

# Share pictures: one card per article in SOCIAL_CARDS_DIR, one for every other page, drawn once
# per distinct text into a cache outside the output so rebuilds reuse them.
SOCIAL_CARDS_DIR = "social-cards"
SOCIAL_CARD_SITE = f"{SOCIAL_CARDS_DIR}/site.png"

# What builds made and the next reuses while its inputs are unchanged, each cache in a folder of
# its own here, named for what it keeps (holistic_oriental_medicine/caches/folders.py): markdown,
# readings, pages, search-index, social-cards, photos, compressed, published-check. Every entry
# is named by what it was made from, so deleting any of them, or all, is always safe.
CACHE_PATH = str(PROJECT_ROOT / "cache")
# How many processes a build reads, draws, encodes and writes in at once: one per core if None.
WORKER_PROCESSES = None

# Pictures (plugins/photos): the sources editors may show, next to an article or in
# content/images/; each is published as AVIF, WebP and JPEG (PNG if it has transparency) at these
# widths, never wider than the source. The widest is what a shared link shows (Open Graph wants
# 1200). The text column is at most 36rem wide, the screen less 2rem on a phone: `sizes` says so.
# The widths fit the column's common sizes in device pixels, so a browser picks a file about a
# tenth wider than it draws at most: 600 for a laptop's 576 px column, 720 for a phone's 380 px
# at 1.75 (665), 1080 for one at 3 (a 390 px phone draws 1,074), 1200 for a 2x laptop (1,152).
PHOTO_SOURCE_SUFFIXES = [".jpg", ".jpeg", ".png", ".webp", ".gif", ".heic", ".heif", ".avif", ".svg"]
PHOTO_WIDTHS = [360, 480, 600, 720, 960, 1080, 1200]
# Pillow's save options for each format, every one of them in the photo cache's key: a change
# makes the derivatives again. Chosen by bench/photo_encoding.py (README, "Photo encoding"): the
# fewest bytes at the perceived quality (butteraugli) of WebP at quality 75, on real photos.
PHOTO_ENCODING = {
    "avif": {"quality": 55, "speed": 6},
    "webp": {"quality": 75, "method": 4},
    "jpeg": {"quality": 75, "optimize": True, "progressive": True},
}
PHOTO_SIZES = "(min-width: 38rem) 36rem, calc(100vw - 2rem)"
# Larger sources are refused from their header, before a pixel is decoded: 50 megapixels is
# more than any phone takes, and decoding one takes about 200 MB of memory.
PHOTO_MAX_PIXELS = 50_000_000
PHOTO_OUTPUT_DIR = "photos"

# The page (content/pages/<slug>.md) whose structured data describes the clinic, with the home page.
CONTACT_PAGE_SLUG = "contact"

# Articles and pages are Markdown only: every one is checked (holistic_oriental_medicine/plugins/validate_content).
READERS = {"rst": None, "html": None, "htm": None}

# Summaries are plain text, shown as typed (validate_content stores their HTML).
FORMATTED_FIELDS = []

# Drafts and articles dated in the future ("scheduled") are not published: the preview writes
# them under drafts/ and lists them, marked, on the home page; production leaves them out.
WITH_FUTURE_DATES = False
SHOW_DRAFTS = True
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_PAGE_URL = "drafts/pages/{slug}/"
DRAFT_PAGE_SAVE_AS = "drafts/pages/{slug}/index.html"

# Adults read web prose at about 238 words a minute (Brysbaert, 2019).
READ_TIME_WORDS_PER_MINUTE = 238

# Articles with at least this many sections (## headings) get a table of contents.
TABLE_OF_CONTENTS_MIN_SECTIONS = 4

# Articles that share tags with an article are listed under it; without any, the latest ones.
RELATED_POSTS_MAX = 3

# The honest-claims check: a paragraph with one of these phrases (whole words, any capitals), or
# a number before "%" or "percent", and no source cited in it (a footnote [^1] or a link) gets a
# warning from every build. `invoke check --strict` makes the warnings problems. Add a phrase
# to warn about it too; list each form of a word ("cure", "cures").
CLAIM_PHRASES = [
    "a study", "studies show", "studies have shown", "research shows", "research has shown",
    "research demonstrates", "research suggests", "evidence shows", "clinical trial", "proven",
    "cure", "cures", "cured", "guaranteed", "guarantee", "guarantees", "miracle", "risk-free",
    "no side effects",
]
UNCITED_CLAIMS_ARE_ERRORS = False

# Shown under every article. An empty string shows none.
MEDICAL_DISCLAIMER = (
    "This article is general information about health, not a substitute for advice from your "
    "doctor. If you have a health concern, talk to your doctor before starting any treatment."
)

# Links an editor can write in Markdown: [Call us]({tel}) and [Book online]({booking}).
CLINIC_LINKS = {
    "tel": "tel:" + CLINIC["phone_e164"],
    "booking": CLINIC["booking_url"],
}

# Titles, authors, tags and summaries are text: escape them everywhere. Templates mark the
# rendered article body `|safe` explicitly.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True}

# The editors' CMS at /admin/ (holistic_oriental_medicine/cms): Decap CMS from the pinned npm package
# (`npm ci`), its form made from the front-matter schema. In the preview it saves files through
# the local backend that `invoke edit` starts (holistic_oriental_medicine/preview/cms_backend.py), at the preview's own
# address with a key made for each run: `invoke edit` passes that address in
# CMS_LOCAL_BACKEND_URL. publishconf.py makes the published one save to the GitHub repository
# CMS_BACKEND names, through pull requests.
CMS_ADMIN_DIR = "admin"
CMS_DECAP_DIST = str(PROJECT_ROOT / "node_modules/decap-cms/dist")
# The preview links Decap's 5 MB instead of copying them on every rebuild.
CMS_LINK_DECAP_FILES = True
CMS_LOCAL_BACKEND = True
CMS_LOCAL_BACKEND_URL = os.environ.get("CMS_LOCAL_BACKEND_URL")
CMS_EDITORIAL_WORKFLOW = False
CMS_BACKEND = {
    "name": "github",
    # GitHub Actions names the repository it builds; elsewhere set CMS_GITHUB_REPO.
    "repo": os.environ.get("CMS_GITHUB_REPO")
    or os.environ.get("GITHUB_REPOSITORY")
    or "holistic-oriental-medicine/website",
    "branch": "main",
    # The OAuth client that logs editors in to GitHub (README, "Writing in the browser");
    # without one, Netlify's, which works for sites Netlify hosts.
    **({"base_url": os.environ["CMS_AUTH_URL"]} if os.environ.get("CMS_AUTH_URL") else {}),
}
# The admin's own policy, the readers' (CONTENT_SECURITY_POLICY) plus what Decap needs: it
# compiles its schemas with eval (decap-cms issue #2138), styles itself inline, and reads and
# shows uploaded pictures from blob: addresses; it saves through the preview's own address
# ('self'). Readers' pages never get it. publishconf.py adds what the published admin needs.
CMS_POLICY = {
    "path": f"/{CMS_ADMIN_DIR}/",
    "content_security_policy": widened_policy(
        CONTENT_SECURITY_POLICY,
        {
            "script-src": ["'unsafe-eval'"],
            "style-src": ["'unsafe-inline'"],
            "img-src": ["blob:"],
            "connect-src": ["blob:"],
        },
    ),
}
