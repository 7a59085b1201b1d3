"""Builds for a plugin's unit tests, as pelican-plugins test theirs: a small content folder
(the plugin's `test_data/`, or one a test writes) built with the site's settings and theme,
but with only the plugins named, into a folder of the test's own."""

import contextlib
import shutil
from pathlib import Path

import blinker
from pelican import Pelican
from pelican.log import FatalLogger
from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.builds.pelican_command import pelican_process

PLUGINS_PACKAGE = "holistic_oriental_medicine.plugins"
# What the theme's templates call on every page: the filters and globals of medical_review
# (split_footnotes), asset_hash (asset_path) and structured_data, and each article's read time.
THEME_PLUGINS = ["medical_review", "asset_hash", "structured_data", "read_time"]
# Where the site keeps its caches; a test build keeps its own.
PROJECT_CACHES = PROJECT_ROOT / "cache"


def plugin_module(name):
    """`photos` is the site's plugin of that name; a dotted name is a module path."""
    return name if "." in name else f"{PLUGINS_PACKAGE}.{name}"


def settings_file(production):
    """The settings file of the preview or of production."""
    return str(PROJECT_ROOT / ("publishconf.py" if production else "pelicanconf.py"))


@contextlib.contextmanager
def fatal_level_kept():
    """publishconf.py makes every warning fatal for the whole process, as `pelican --fatal
    warnings` does: here only until the block ends."""
    fatal_level = FatalLogger.fatal_lvl
    try:
        yield
    finally:
        FatalLogger.fatal_lvl = fatal_level


def site_settings(production=False, **override):
    """The preview's settings (or, `production`, the published site's), with `override`."""
    with fatal_level_kept():
        return read_settings(settings_file(production), override=override)


# Every plugin of the site (the production build runs them all), in the order it runs them.
SITE_PLUGINS = [plugin_module(name) for name in site_settings(production=True)["PLUGINS"]]


def overrides(production, plugins, output, caches=None, **settings):
    """What a test build changes in the site's settings: the theme's plugins and `plugins`
    only, in the order the site runs them; the caches in `caches` (beside `output` unless
    told); `settings`."""
    defaults = site_settings(production)
    chosen = {plugin_module(name) for name in [*THEME_PLUGINS, *plugins]}
    assert chosen <= set(SITE_PLUGINS), f"not plugins of this site: {sorted(chosen - set(SITE_PLUGINS))}"
    caches = Path(caches) if caches else Path(output).with_name(f"{Path(output).name}-caches")
    return {
        **own_caches(defaults, caches),
        "PLUGINS": [module for module in SITE_PLUGINS if module in chosen],
        **settings,
    }


def disconnect_plugins():
    """Pelican connects each plugin's receivers to blinker's signals, which the whole process
    shares, and never disconnects them: those of the plugins earlier builds ran are
    disconnected, so that a build runs only its own."""
    for signal in blinker.default_namespace.values():
        for receiver in list(signal.receivers_for(blinker.ANY)):
            module = getattr(receiver, "__module__", None) or ""
            if any(module == plugin or module.startswith(f"{plugin}.") for plugin in SITE_PLUGINS):
                signal.disconnect(receiver)


def build(content, output, plugins=(), production=False, **settings):
    """Build `content` into `output` with the preview settings (or, `production`, the published
    site's, where a warning stops the build) and only `plugins` (see `overrides`)."""
    changes = overrides(production, plugins, output, PATH=str(content), OUTPUT_PATH=str(output), **settings)
    disconnect_plugins()
    with fatal_level_kept():
        Pelican(read_settings(settings_file(production), override=changes)).run()
    return Path(output)


def build_process(content, output, plugins=(), production=False, **settings):
    """The command that makes the same build in a new process, as `pelican` does for people."""
    changes = overrides(production, plugins, output, **settings)
    return pelican_process(settings_file(production), output, content,
                           fatal_warnings=production, **changes)


def own_caches(defaults, caches):
    """Each setting naming a folder in the project's cache/, moved to the same place in
    `caches`."""
    moved = {}
    for name, value in defaults.items():
        if isinstance(value, str) and Path(value).is_relative_to(PROJECT_CACHES):
            moved[name] = str(caches / Path(value).relative_to(PROJECT_CACHES))
    return moved


def copy_of(test_data, destination):
    """A copy of a `test_data/` folder a test may change."""
    return Path(shutil.copytree(test_data, destination))

