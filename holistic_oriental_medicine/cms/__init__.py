"""The editors' CMS at /admin/: Decap CMS, served by the site itself, writing the checked Markdown.

After every build this plugin writes into the output's `CMS_ADMIN_DIR`:

- `index.html`, which loads Decap CMS and the clinic's additions (`admin.js`, `slug.js`), under
  the admin's own Content-Security-Policy, `CMS_POLICY` (which the host files send too);
- `config.yml`, made from the front-matter schema (`cms_config`), with the site's categories;
- Decap CMS itself, copied from the pinned npm package (`npm ci` installs it in node_modules/),
  and js-yaml, with which `front_matter_format.js` reads and writes both styles of front matter.

No reader's page links any of it. A preview built without the npm packages has no admin (an
editor writing in a text editor needs no Node.js); a production build stops without them.
"""

import html
import logging
import shutil
from pathlib import Path

import yaml
from pelican import signals

HERE = Path(__file__).resolve().parent

from holistic_oriental_medicine.hosting.host_config import content_security_policy
from holistic_oriental_medicine.model.front_matter import ArticleFrontMatter, PageFrontMatter
from holistic_oriental_medicine.model.slugs import MAX_SLUG_LENGTH
from holistic_oriental_medicine.plugins.asset_hash import asset_path

from .cms_config import ARTICLE_FORMAT, COMMA_SEPARATED_FIELDS, cms_config, list_fields

# Decap's main file, the chunks it loads when it needs them, and their licences; not the
# source maps, nor the copies named cms.js.
DECAP_FILES = ["decap-cms.js", "*.decap-cms.js", "decap-cms.js.LICENSE.txt"]
# The YAML library the article format reads and writes front matter with (pinned in package.json,
# a folder of node_modules/ beside Decap's).
YAML_LIBRARY = "js-yaml/dist/js-yaml.min.js"
# The npm packages the admin serves files of, and those files: all that publishing installs.
ADMIN_NPM_FILES = {
    "decap-cms": [f"dist/{name}" for name in DECAP_FILES],
    "js-yaml": [YAML_LIBRARY.partition("/")[2]],
}
OUR_SCRIPTS = ["slug.js", "front_matter_format.js", "admin.js"]
# The local backend's address below the admin's folder (the live preview serves it, with the
# run's key after it).
LOCAL_BACKEND_API = "api/v1"

logger = logging.getLogger(__name__)
_categories = {}


class DecapMissing(FileNotFoundError):
    pass


def decap_dist(settings):
    """Decap's folder in node_modules, or None in a preview without it (the editor writes in a
    text editor: `invoke edit` installs it). The published site must have its CMS."""
    dist = Path(settings["CMS_DECAP_DIST"])
    if (dist / "decap-cms.js").is_file() and yaml_library(dist).is_file():
        return dist
    if settings.get("CMS_LOCAL_BACKEND"):
        logger.info("No CMS at /admin/ in this preview: Decap CMS is not installed (`invoke edit` installs it).")
        return None
    raise DecapMissing(
        f"{dist}/decap-cms.js is missing: the CMS at /admin/ needs the pinned npm packages. "
        "Run `npm ci` in the project folder."
    )


def local_backend_url(settings):
    """Where the preview's admin saves, `invoke edit`'s CMS_LOCAL_BACKEND_URL (the preview's own
    address, LOCAL_BACKEND_API and the run's key); None otherwise (the published CMS uses GitHub)."""
    return settings.get("CMS_LOCAL_BACKEND_URL") if settings.get("CMS_LOCAL_BACKEND") else None


def yaml_library(dist):
    return dist.parents[1] / YAML_LIBRARY


def admin_page(settings, admin_dir):
    """The admin's index.html: Decap, then our additions with the settings they read."""
    # Production links are absolute, under SITEURL; the preview's relative.
    site_root = settings["SITEURL"] + "/" if settings["SITEURL"] else "../" * len(Path(admin_dir).parts)
    here = site_root + admin_dir + "/" if settings["SITEURL"] else ""
    data = {
        "stylesheet": site_root + asset_path(settings, "css/site.css"),
        "max-slug-length": MAX_SLUG_LENGTH,
        "disclaimer": settings.get("MEDICAL_DISCLAIMER", ""),
        "default-category": settings["DEFAULT_CATEGORY"],
    }
    attributes = "".join(f' data-{name}="{html.escape(str(value))}"' for name, value in data.items())
    format_data = {
        "format-name": ARTICLE_FORMAT,
        "list-fields": " ".join(sorted(list_fields(ArticleFrontMatter) | list_fields(PageFrontMatter))),
        "comma-separated-fields": " ".join(COMMA_SEPARATED_FIELDS),
    }
    format_attributes = "".join(f' data-{name}="{html.escape(value)}"' for name, value in format_data.items())
    csp = html.escape(content_security_policy(settings["CMS_POLICY"], for_meta=True))
    lines = [
        "<!doctype html>",
        f'<html lang="{settings["DEFAULT_LANG"]}">',
        "<head>",
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        f'  <meta http-equiv="Content-Security-Policy" content="{csp}">',
        '  <meta name="robots" content="noindex">',
        f"  <title>Edit the site · {html.escape(settings['SITENAME'])}</title>",
        # No </head> (HTML lets it out): the live preview puts its reload script before one, and
        # the admin must not reload while an editor writes.
        "<body>",
        # What the editor sees while Decap's 1 MB loads, or without JavaScript; admin.js removes it.
        '  <main id="loading">',
        f"    <h1>Edit the site · {html.escape(settings['SITENAME'])}</h1>",
        "    <p>The editor is loading. It needs JavaScript.</p>",
        "  </main>",
        # Deferred: all three load at once, then run in order once the page is read.
        f'  <script defer src="{here}decap-cms.js"></script>',
        f'  <script defer src="{here}js-yaml.min.js"></script>',
        f'  <script defer src="{here}slug.js"></script>',
        f'  <script defer src="{here}front_matter_format.js"{format_attributes}></script>',
        f'  <script defer src="{here}admin.js"{attributes}></script>',
        "</body>",
        "</html>",
        "",
    ]
    return "\n".join(lines)


def link_or_copy(source, target):
    try:
        target.hardlink_to(source)
    except OSError:
        shutil.copyfile(source, target)


def copy_decap(dist, settings, admin):
    """Decap's files into the admin folder: linked where CMS_LINK_DECAP_FILES allows (copying
    5 MB would add 70 ms to every rebuild of the preview), else copied."""
    place = link_or_copy if settings.get("CMS_LINK_DECAP_FILES") else shutil.copyfile
    for source in sorted({path for pattern in DECAP_FILES for path in dist.glob(pattern)}):
        target = admin / source.name
        # A file there may be a link into node_modules/: replace it, never write through it.
        target.unlink(missing_ok=True)
        place(source, target)


def remember_categories(generators):
    for generator in generators:
        if hasattr(generator, "categories"):
            _categories[generator.output_path] = [category.name for category, _ in generator.categories]


def write_admin(pelican):
    settings = pelican.settings
    dist = decap_dist(settings)
    if dist is None:
        return
    admin = Path(pelican.output_path, settings["CMS_ADMIN_DIR"])
    admin.mkdir(parents=True, exist_ok=True)
    copy_decap(dist, settings, admin)
    shutil.copyfile(yaml_library(dist), admin / Path(YAML_LIBRARY).name)
    for script in OUR_SCRIPTS:
        shutil.copyfile(HERE / script, admin / script)
    config = cms_config(settings, _categories.pop(pelican.output_path, []), local_backend_url(settings))
    (admin / "config.yml").write_text(
        "# Written by holistic_oriental_medicine/cms from the front-matter schema: change that, not this.\n"
        + yaml.safe_dump(config, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    (admin / "index.html").write_text(admin_page(settings, settings["CMS_ADMIN_DIR"]), encoding="utf-8")


def register():
    signals.all_generators_finalized.connect(remember_categories)
    signals.finalized.connect(write_admin)
