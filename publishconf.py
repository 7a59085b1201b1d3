"""Settings for the production build: the preview settings plus what production changes."""

import os
import sys
from urllib.parse import urlsplit

from pelican.log import init as init_logging

from holistic_oriental_medicine.hosting.host_config import widened_policy

# As in Pelican's quickstart: the preview settings beside this file, whichever folder `pelican`
# runs in.
sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: E402,F403

SITEURL = PUBLISHED_SITEURL  # noqa: F405
RELATIVE_URLS = False
OUTPUT_PATH = str(PROJECT_ROOT / "output")  # noqa: F405

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = f"{FEEDS_DIR}/all.atom.xml"  # noqa: F405
FEED_ALL_RSS = f"{FEEDS_DIR}/all.rss.xml"  # noqa: F405
CATEGORY_FEED_ATOM = f"{FEEDS_DIR}/category/{{slug}}.atom.xml"  # noqa: F405
TAG_FEED_ATOM = f"{FEEDS_DIR}/tag/{{slug}}.atom.xml"  # noqa: F405

# sitemap.xml for search engines, named by robots.txt, rendered by the theme from the build's
# lists (theme/templates/sitemap.html): published articles, pages and lists only.
SITEMAP_SAVE_AS = "sitemap.xml"
ROBOTS_SAVE_AS = "robots.txt"
DIRECT_TEMPLATES = [*DIRECT_TEMPLATES, "robots", "sitemap"]

# Drafts and scheduled articles are neither written nor listed.
SHOW_DRAFTS = False
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""

DELETE_OUTPUT_DIRECTORY = True

# Production's steps in PLUGINS (pelicanconf.py), turned on. An article with `Status: hidden` is
# not written; sitemap.xml and the search index must name every published article and page once.
WRITE_HIDDEN_ARTICLES = False
CHECK_COMPLETE_LISTS = True
# The build stops while clinic.toml holds the example clinic facts, or SITEURL is missing or an
# example. Tests publish them on purpose with this variable set to 1.
PUBLISH_EXAMPLE_VALUES = os.environ.get("PUBLISH_WITH_EXAMPLE_VALUES") == "1"
# Every file gets this time when the build is given it, as a CI job takes it from the last commit.
SOURCE_DATE_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")

# Theme files get their content's hash in their names (see holistic_oriental_medicine/plugins/asset_hash/), so hosts can
# let readers keep them for a year.
ASSET_HASHING = True

# A brotli (.br) and a gzip (.gz) copy beside every text file (PRECOMPRESS_* in pelicanconf.py).
PRECOMPRESS_BROTLI = True
PRECOMPRESS_GZIP = True

# Where `invoke rsync` copies the published site (an SSH login; empty for a folder on this
# machine) and where the nginx server block serves it from.
DEPLOY_HOST = os.environ.get("DEPLOY_HOST", "deploy@" + urlsplit(SITEURL).hostname)
DEPLOY_PATH = os.environ.get("DEPLOY_PATH", "/var/www/holistic-oriental-medicine")

# The host building the site, if it serves sites only at the root of a domain (it says so in
# these variables): holistic_oriental_medicine/hosting/host_config.py then refuses a SITEURL with a path.
ROOT_ONLY_HOST = (
    "Netlify" if os.environ.get("NETLIFY") == "true"
    else "Cloudflare Pages" if os.environ.get("CF_PAGES") == "1" else None
)

# The published admin's policy: the preview's (pelicanconf.py) plus GitHub's API and its users'
# pictures; its login opens GitHub in a window that must be able to answer it
# (same-origin-allow-popups). Every other page keeps the readers' policy.
CMS_POLICY = {
    **CMS_POLICY,  # noqa: F405
    "content_security_policy": widened_policy(
        CMS_POLICY["content_security_policy"],  # noqa: F405
        {"img-src": ["https://avatars.githubusercontent.com"], "connect-src": ["https://api.github.com"]},
    ),
    "headers": {"Cross-Origin-Opener-Policy": "same-origin-allow-popups"},
}

# The one security and caching policy of every host: holistic_oriental_medicine/hosting/host_config.py writes it into
# `_headers`, `_redirects`, each page's CSP <meta> tag and `deploy/nginx.conf`.
HOST_POLICY = {
    "content_security_policy": CONTENT_SECURITY_POLICY,  # noqa: F405
    "headers": SECURITY_HEADERS,  # noqa: F405
    # Cache-Control by path prefix; "/" is everything else, pages first of all: kept five
    # minutes, so a corrected phone number reaches readers quickly.
    "cache_control": {
        "/": "public, max-age=300",
        # Hashed file names: a changed file is a new address.
        "/theme/": "public, max-age=31536000, immutable",
        # Pagefind names its index files by their content too.
        "/pagefind/fragment/": "public, max-age=31536000, immutable",
        "/pagefind/index/": "public, max-age=31536000, immutable",
        "/images/": "public, max-age=604800",
        # Photo derivatives carry a hash of their source and settings in their names.
        "/" + PHOTO_OUTPUT_DIR + "/": "public, max-age=31536000, immutable",  # noqa: F405
    },
    # Addresses feed readers try first.
    "redirects": {
        "/feed": "/" + FEED_ALL_ATOM,
        "/rss": "/" + FEED_ALL_RSS,
    },
    "not_found": "404.html",
    # A picture opened on its own (its address typed or shared) is a document of the site's
    # origin, and an SVG one could run script as the site. The photos plugin publishes only
    # sanitised SVGs; this policy makes sure that none runs or loads anything, on hosts that send
    # headers (GitHub Pages sends none).
    "pictures": {
        "path": "/" + PHOTO_OUTPUT_DIR + "/",  # noqa: F405
        "content_security_policy": {
            "default-src": ["'none'"],
            "img-src": ["data:"],
            "style-src": ["'unsafe-inline'"],
            "sandbox": [],
        },
    },
    # The CMS's admin (holistic_oriental_medicine/cms), and only it, gets the published admin's policy above.
    "admin": CMS_POLICY,
}

# The published CMS saves to GitHub, an editor's drafts as pull requests; there is no local
# backend, and its page carries the published admin's policy above.
CMS_LOCAL_BACKEND = False
CMS_LOCAL_BACKEND_URL = None
CMS_EDITORIAL_WORKFLOW = True
# Its files are compressed and given a time in place: copies, not links into node_modules/.
CMS_LINK_DECAP_FILES = False

# A warning in production is a mistake an editor must fix before the site goes out: make every
# warning fatal, as `pelican --fatal warnings` does (through the same call, which leaves the
# log's handlers as they are), however the build is started.
init_logging(fatal="warnings", handler=None)
