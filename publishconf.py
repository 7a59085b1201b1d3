"""Settings for the production build: the preview settings plus what production changes."""

import logging
import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelican.log import FatalLogger  # noqa: E402

from pelicanconf import *  # noqa: E402,F403

# The public address of the site, without a trailing slash; a sub-path such as
# https://example.org/clinic works too.
SITEURL = os.environ.get("SITEURL", "https://www.holisticorientalmedicine.example").rstrip("/")
RELATIVE_URLS = False

FEED_DOMAIN = SITEURL
FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_ALL_RSS = "feeds/all.rss.xml"
CATEGORY_FEED_ATOM = "feeds/category/{slug}.atom.xml"
TAG_FEED_ATOM = "feeds/tag/{slug}.atom.xml"

DELETE_OUTPUT_DIRECTORY = True
# A warning in production is a mistake an editor must fix before the site goes out: make every
# warning fatal, as `pelican --fatal warnings` does, however the build is started.
FatalLogger.fatal_lvl = logging.WARNING
