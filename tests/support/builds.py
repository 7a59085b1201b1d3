"""Building and publishing sites as editors do, checking content, and comparing folders."""

import os
import subprocess
import sys
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings
from support.project import PROJECT_ROOT, invoke

from holistic_oriental_medicine.builds.pelican_command import pelican_process

# Tests publish the example clinic facts on purpose: `invoke publish` refuses them otherwise.
PUBLISH_ENVIRONMENT = {"PUBLISH_WITH_EXAMPLE_VALUES": "1"}
# A fixed build time (the seed article's date), as a CI build takes it from the last commit.
SOURCE_DATE_EPOCH = "1696118400"
SUBPATH_SITEURL = "https://example.org/clinic"
# An article with three old addresses (redirect_from), for the redirects plugin's tests and
# the hosts'.
MOVED_ARTICLE_CONTENT = PROJECT_ROOT / "holistic_oriental_medicine/plugins/redirects/test_data/moved_article"
# The site of realistic size (bench/generated_content.py's write_site): published articles, and
# drafts, scheduled and hidden ones among them. The variable checks a larger site once.
SITE_AT_SIZE_ARTICLES = int(os.environ.get("SITE_AT_SIZE_ARTICLES", 200))
# More writing processes than this machine has cores: each writes a share of the pages.
SEVERAL_WRITERS = 4


def build_site(output_path, settings_file="pelicanconf.py", **overrides):
    """Build the site with Pelican, as `invoke build` does, into `output_path`."""
    settings = read_settings(
        str(PROJECT_ROOT / settings_file), override={"OUTPUT_PATH": str(output_path), **overrides}
    )
    Pelican(settings).run()
    return Path(output_path)


def publish_site(output_path, **environment):
    """Build the production site as an editor does, with `invoke publish`, in a new process.

    A new process because production settings make every log warning fatal for the process."""
    subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(output_path)],
        cwd=PROJECT_ROOT,
        env={**os.environ, **PUBLISH_ENVIRONMENT, **environment},
        check=True,
    )
    return Path(output_path)


def publish_content(content_path, output_path, **settings):
    """Build other content with the production settings, in a new process like `publish_site`.

    `settings` override production settings, given as JSON values."""
    subprocess.run(
        pelican_process("publishconf.py", output_path, content_path, fatal_warnings=True, **settings),
        cwd=PROJECT_ROOT,
        env={**os.environ, **PUBLISH_ENVIRONMENT},
        check=True,
    )
    return Path(output_path)


def check(content, output, *options):
    """`invoke check` of a content folder into `output`, as an editor runs it."""
    return invoke("check", "--content", content, "--output", output, *options, timeout=120, COLUMNS="200")


def snapshot(folder):
    """Every file under `folder` with its bytes."""
    return {
        path.relative_to(folder): path.read_bytes()
        for path in sorted(Path(folder).rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


def assert_failed_and_kept(result, previous_output, before):
    """The check failed and left the previous build (`before`, a snapshot) as it was."""
    assert result.returncode != 0
    assert snapshot(previous_output) == before, "the previous build was changed"
    assert sorted(path.name for path in previous_output.parent.iterdir()) == ["output"]
