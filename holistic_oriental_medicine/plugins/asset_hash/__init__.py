"""Content-hashed file names for the theme's own files, so hosts may cache them for a year.

Templates link a theme file with `{{ SITEURL }}/{{ asset_path('css/site.css') }}`. With
`ASSET_HASHING` on (production), that is `theme/css/site.<hash>.css` and the copied file is
renamed to match once the build is done; a changed file gets a new name, so a reader's cached
copy is never stale. In the preview it stays `theme/css/site.css`.

Every file of the theme's static folders is renamed, so templates must link them all through
`asset_path`, and a stylesheet must not point at another theme file with `url()`.
"""

import hashlib
from pathlib import Path

from pelican import signals

DIGEST_LENGTH = 12


def hashed_name(path):
    """`site.css` becomes `site.<first hex digits of its SHA-256>.css`."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:DIGEST_LENGTH]
    return f"{path.stem}.{digest}{path.suffix}"


def theme_source(settings, relative):
    """The theme file that Pelican copies to `<THEME_STATIC_DIR>/<relative>`."""
    for static_path in settings["THEME_STATIC_PATHS"]:
        candidate = Path(settings["THEME"]) / static_path / relative
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"asset_path('{relative}'): no such file in the theme's static folders")


def asset_path(settings, relative):
    """The site-relative address of a theme file, hashed when ASSET_HASHING is on."""
    relative = Path(relative)
    if settings.get("ASSET_HASHING"):
        relative = relative.with_name(hashed_name(theme_source(settings, relative)))
    return f"{settings['THEME_STATIC_DIR']}/{relative.as_posix()}"


def add_template_helper(generator):
    generator.env.globals["asset_path"] = lambda relative: asset_path(generator.settings, relative)


def rename_theme_files(pelican):
    """Give every copied theme file its hashed name, as `asset_path` announced it."""
    if not pelican.settings.get("ASSET_HASHING"):
        return
    theme_output = Path(pelican.output_path) / pelican.settings["THEME_STATIC_DIR"]
    for path in sorted(p for p in theme_output.rglob("*") if p.is_file()):
        path.rename(path.with_name(hashed_name(path)))


def register():
    signals.generator_init.connect(add_template_helper)
    signals.finalized.connect(rename_theme_files)
