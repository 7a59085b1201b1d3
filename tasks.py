"""Tasks for editors and developers: `invoke --list` shows them all."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from invoke import Exit, task
from pelican.settings import read_settings

from holistic_oriental_medicine import provision
from holistic_oriental_medicine.builds.pelican_command import build_into, output_of
from holistic_oriental_medicine.hosting import deploy
from holistic_oriental_medicine.preview.ports import HOST, PORT, preview_url, refuse_busy_port

PROJECT_ROOT = Path(__file__).resolve().parent

CONFIG = {
    "preview_settings": PROJECT_ROOT / "pelicanconf.py",
    "publish_settings": PROJECT_ROOT / "publishconf.py",
    "nginx_config": PROJECT_ROOT / "deploy/nginx.conf",
}

SERVER_HELP = {
    "open_browser": "Open the preview in the default web browser.",
    "host": f"Address to listen at (default: {HOST}; 0.0.0.0 for other devices too).",
    "port": f"Port to listen at (default: {PORT}).",
}
OUTPUT_HELP = {"output": "Folder to build into (default: preview/, or output/ to publish)."}
BUILD_HELP = {**OUTPUT_HELP, "content": "Folder of content to build (default: content/)."}


def preview_settings():
    return read_settings(str(CONFIG["preview_settings"]))


def publish_settings():
    return read_settings(str(CONFIG["publish_settings"]))


def published_folder(output):
    return Path(output or output_of(CONFIG["publish_settings"]))


@task(help=BUILD_HELP)
def build(c, output=None, content=None):
    """Build the local preview into preview/."""
    build_into(CONFIG["preview_settings"], output or output_of(CONFIG["preview_settings"]), content=content)


@task(help=BUILD_HELP)
def publish(c, output=None, content=None):
    """Build the production site into output/ (warnings are errors), compressed."""
    provision.install_admin_files()  # the CMS at /admin/: the files it serves only, not the test tools
    build_into(CONFIG["publish_settings"], published_folder(output), content=content, fatal_warnings=True)


@task(help={**OUTPUT_HELP, "push": "Push the gh-pages branch to the origin remote as well."})
def gh_pages(c, output=None, push=False):
    """Publish, then commit the site to the gh-pages branch of this git repository."""
    domain = deploy.github_pages_domain(publish_settings()["SITEURL"])
    publish(c, output)
    deploy.commit_to_gh_pages(published_folder(output), domain, push)


@task(help={**OUTPUT_HELP, "dry_run": "List what would change on the server, copy nothing."})
def rsync(c, output=None, dry_run=False):
    """Publish, then copy the site to DEPLOY_HOST:DEPLOY_PATH (publishconf.py) with rsync."""
    destination = deploy.rsync_destination(publish_settings())
    publish(c, output)
    deploy.mirror_with_rsync(published_folder(output), destination, dry_run)


@task(
    help={
        **BUILD_HELP,
        "output": "Folder to build into (default: none, only check).",
        "strict": "Count claims without a source as problems, not warnings.",
        "article": "The article or page you are working on: its problems first, and its verdict.",
    },
)
def check(c, article=None, content=None, output=None, strict=False):
    """Check all content and build the preview with warnings as errors, without publishing."""
    from holistic_oriental_medicine.checks.verdict import verdict

    settings = {"UNCITED_CLAIMS_ARE_ERRORS": True} if strict else {}
    if article:
        if not Path(article).is_file():
            raise Exit(f"{article}: there is no such file. Give the path of an article, e.g. "
                       "content/articles/acupuncture-for-stress.md", code=1)
        settings["CHECK_FOCUS"] = str(Path(article).resolve())
    with tempfile.TemporaryDirectory(prefix="site-check-") as scratch:
        build_into(CONFIG["preview_settings"], output or Path(scratch, "output"), content=content,
                   fatal_warnings=True, **settings)
    sys.stderr.write(verdict(article, content or preview_settings()["PATH"]) + "\n")


@task(help={"title": "The article's title, in quotes.", "content": BUILD_HELP["content"]})
def new(c, title, content=None):
    """Start a new draft article and print its path."""
    from holistic_oriental_medicine.model.new_article import shown_path, write_draft

    settings = preview_settings()
    path = write_draft(title, settings, content, PROJECT_ROOT)
    print(shown_path(path, PROJECT_ROOT))
    draft_address = preview_url() + settings["DRAFT_URL"].format(slug=path.stem)
    sys.stderr.write(
        f"While `invoke livereload` runs, the draft is at {draft_address}\n"
        "Delete its `status: draft` line when it is ready to publish.\n"
    )


@task(
    help={
        "site": "The Wix site's address (https://www.example.com), or a folder of its saved files.",
        "dry_run": "List what would be written, and write nothing.",
        "force": "Replace articles changed here since they were imported.",
        "content": BUILD_HELP["content"],
        "media_url": "Where the site's pictures are (default: Wix's own, static.wixstatic.com/media/).",
    }
)
def import_wix(c, site, dry_run=False, force=False, content=None, media_url=None):
    """Import every post of a Wix blog into content/articles/, with its pictures and old addresses."""
    if site in ("-h", "--help"):
        # invoke reads `invoke import-wix --help` as a site named "--help": show the help asked for.
        sys.exit(subprocess.call([sys.executable, "-m", "invoke", "--help", "import-wix"], cwd=PROJECT_ROOT))
    from holistic_oriental_medicine.importer.importer import import_into

    settings = preview_settings()
    if content:
        settings["PATH"] = str(Path(content).resolve())
    import_into(settings, site, dry_run, force, media_url)


@task
def nginx_config(c):
    """Write deploy/nginx.conf from the host policy in publishconf.py."""
    deploy.write_nginx_config(publish_settings(), CONFIG["nginx_config"])


@task
def clean(c):
    """Delete the preview (preview/) and the published site (output/)."""
    for settings_file in (CONFIG["preview_settings"], CONFIG["publish_settings"]):
        shutil.rmtree(output_of(settings_file), ignore_errors=True)


@task(help={"open_browser": "Open the preview in the default web browser."})
def serve(c, open_browser=False):
    """Build, then serve preview/ at http://127.0.0.1:8000."""
    from holistic_oriental_medicine.preview import serve_folder

    build(c)
    serve_folder(output_of(CONFIG["preview_settings"]), HOST, PORT, open_browser)


@task(help={**SERVER_HELP, **BUILD_HELP})
def livereload(c, open_browser=False, host=None, port=None, content=None, output=None):
    """Preview at http://127.0.0.1:8000, rebuilt and reloaded in the browser on every save."""
    from holistic_oriental_medicine.preview import serve_live_preview

    host, port = host or HOST, int(port or PORT)
    refuse_busy_port(host, port, "livereload")
    serve_live_preview(CONFIG["preview_settings"], content, output, host, port, open_browser)


@task(help={**BUILD_HELP, "open_browser": "Open the CMS in the default web browser.", "port": SERVER_HELP["port"]})
def edit(c, open_browser=False, port=None, content=None, output=None):
    """Write in the browser: the live preview and the CMS at http://127.0.0.1:8000/admin/."""
    from holistic_oriental_medicine.preview import serve_live_preview_and_cms

    # The port first: a busy one is said at once, not after minutes of installing.
    refuse_busy_port(HOST, int(port or PORT), "edit")
    provision.install_npm_packages()
    serve_live_preview_and_cms(preview_settings(), CONFIG["preview_settings"], content, output, HOST,
                               int(port or PORT), open_browser)


@task(help={"runs": "Lighthouse runs per page; the table shows medians (default 3).",
            "photos": "Also audit an article with a featured photo and two in its text."})
def bench(c, runs=3, photos=False):
    """Lighthouse the published site beside Pelican's default theme and print the table."""
    provision.install_npm_packages()
    c.run(f"{sys.executable} bench/lighthouse.py --runs {runs}{' --photos' if photos else ''}", pty=False)


@task
def test(c):
    """Run every test (first installs the browser, Java, nginx and npm packages they need)."""
    provision.main()
    c.run(f"{sys.executable} -m pytest", pty=False)
