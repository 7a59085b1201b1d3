"""The brand's colours, defined once: as the `--brand-*` custom properties of the theme's
stylesheet (`css/site.css`), which the pages use through `var()`. When the build starts, this
plugin reads them into the BRAND_COLORS setting, in which the site icon (holistic_oriental_medicine/plugins/site_icons/)
and the share cards (holistic_oriental_medicine/plugins/social_cards/) are drawn: a new colour is set in one place and
reaches pages, icons and cards alike.
"""

import tinycss2
from pelican import signals

from holistic_oriental_medicine.plugins.asset_hash import theme_source

PREFIX = "--brand-"
STYLESHEET = "css/site.css"


def brand_colors(settings):
    """{"green": "#1d6a4f", ...}: each `--brand-<name>` of the stylesheet's top-level `:root`
    rule (not those inside `@media`, which a page shows only in some conditions)."""
    css = theme_source(settings, STYLESHEET).read_text(encoding="utf-8")
    colors = {}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type != "qualified-rule" or tinycss2.serialize(rule.prelude).strip() != ":root":
            continue
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type == "declaration" and declaration.name.startswith(PREFIX):
                name = declaration.name.removeprefix(PREFIX)
                colors[name] = tinycss2.serialize(declaration.value).strip()
    return colors


def add_setting(pelican):
    pelican.settings["BRAND_COLORS"] = brand_colors(pelican.settings)


def register():
    signals.initialized.connect(add_setting)
