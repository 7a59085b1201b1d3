"""Tasks for editors and developers: `invoke --list` shows them all."""

import shutil
import socket
import subprocess
import sys
import tempfile
import webbrowser
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import ghp_import
import yaml
from invoke import Exit, task
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer
from pelican.settings import read_settings

from holistic_oriental_medicine import provision
from holistic_oriental_medicine.builds.pelican_command import pelican_arguments
from holistic_oriental_medicine.caches.folders import staging_folder, swap
from holistic_oriental_medicine.hosting.host_config import (
    UnsafeHostValue,
    deploy_destination,
    nginx_server_block,
)
from holistic_oriental_medicine.model.slugs import shortened_slug, slug_for

PROJECT_ROOT = Path(__file__).resolve().parent

CONFIG = {
    "preview_settings": PROJECT_ROOT / "pelicanconf.py",
    "publish_settings": PROJECT_ROOT / "publishconf.py",
    "nginx_config": PROJECT_ROOT / "deploy/nginx.conf",
    "host": "127.0.0.1",
    "port": 8000,
}


def default_output(settings_file):
    """Where a build with these settings writes: preview/ for the preview, output/ for the
    published site (OUTPUT_PATH), so that a running preview never serves the production build."""
    return Path(read_settings(str(settings_file))["OUTPUT_PATH"])


def build_site(settings_file, output, **options):
    """Build into a staging folder and put it in place of `output` only if the build succeeded.
    `options` are those of pelican_command.pelican_arguments. A failed build ends with
    SystemExit."""
    with staging_folder(output) as staging:
        pelican_main(pelican_arguments(settings_file, staging, **options))
        swap(Path(output).resolve(), staging)


def preview_url(host=None, port=None):
    return f"http://{host or CONFIG['host']}:{port or CONFIG['port']}/"


def refuse_busy_port(host, port, task_name):
    """Stop with a clear message when another program already listens at host:port; the fix
    names the task."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise Exit(
                f"Cannot serve the preview at {preview_url(host, port)}: {error.strerror}. "
                "Another preview or program is using that port: stop it, or choose another "
                f"port, e.g. invoke {task_name} --port {port + 1}",
                code=1,
            ) from None


SERVER_HELP = {
    "open_browser": "Open the preview in the default web browser.",
    "host": "Address to listen at (default: 127.0.0.1; 0.0.0.0 for other devices too).",
    "port": "Port to listen at (default: 8000).",
}


OUTPUT_HELP = {"output": "Folder to build into (default: preview/, or output/ to publish)."}
BUILD_HELP = {**OUTPUT_HELP, "content": "Folder of content to build (default: content/)."}


@task(help=BUILD_HELP)
def build(c, output=None, content=None):
    """Build the local preview into preview/."""
    build_site(
        CONFIG["preview_settings"],
        output or default_output(CONFIG["preview_settings"]),
        content=content,
    )


def publish_settings():
    return read_settings(str(CONFIG["publish_settings"]))


@task(help=BUILD_HELP)
def publish(c, output=None, content=None):
    """Build the production site into output/ (warnings are errors), compressed."""
    provision.install_admin_files()  # the CMS at /admin/: the files it serves only, not the test tools
    build_site(
        CONFIG["publish_settings"],
        output or default_output(CONFIG["publish_settings"]),
        content=content,
        fatal_warnings=True,
    )


@task(help={**OUTPUT_HELP, "push": "Push the gh-pages branch to the origin remote as well."})
def gh_pages(c, output=None, push=False):
    """Publish, then commit the site to the gh-pages branch of this git repository."""
    site = urlsplit(publish_settings()["SITEURL"])
    # GitHub Pages learns a custom domain from a CNAME file; its own github.io names need none.
    custom_domain = None if (site.hostname or "").endswith(".github.io") else site.hostname
    if custom_domain and site.path.strip("/"):
        raise Exit(
            f"publishconf.py: SITEURL: GitHub Pages serves {custom_domain} at its root, not at "
            f"{site.path}. Fix: set SITEURL to https://{custom_domain}, or use a project address "
            "such as https://<user>.github.io/<repository>.",
            code=1,
        )
    publish(c, output)
    try:
        ghp_import.ghp_import(
            str(output or default_output(CONFIG["publish_settings"])),
            mesg="Publish the site",
            branch="gh-pages",
            nojekyll=True,
            cname=custom_domain,
            push=push,
        )
    except ghp_import.GhpError as error:
        raise Exit(f"gh-pages: {error.message}", code=1) from error


def refuse_a_sub_path_for_nginx(settings):
    """deploy/nginx.conf serves the site at the root of its domain: stop before it serves one
    published for a sub-path, whose every address would be wrong."""
    site_url = settings["SITEURL"]
    if urlsplit(site_url).path.strip("/"):
        raise Exit(
            f'publishconf.py: SITEURL: "{site_url}" is below the root of its domain, but '
            "deploy/nginx.conf serves the site at the root. Fix: set SITEURL to the root of a "
            "domain or subdomain, e.g. https://blog.your-clinic.com.",
            code=1,
        )


@task(help={**OUTPUT_HELP, "dry_run": "List what would change on the server, copy nothing."})
def rsync(c, output=None, dry_run=False):
    """Publish, then copy the site to DEPLOY_HOST:DEPLOY_PATH (publishconf.py) with rsync."""
    refuse_a_sub_path_for_nginx(publish_settings())
    try:
        destination = deploy_destination(publish_settings())
    except UnsafeHostValue as error:
        raise Exit(str(error), code=1) from None
    publish(c, output)
    source = str(Path(output or default_output(CONFIG["publish_settings"])).resolve()) + "/"
    # --checksum: unchanged files are skipped whatever their times; --chmod: readable by the
    # web server whatever this machine's permissions; --delete: removed pages disappear.
    # An argument list, not a shell command: no setting can add a command of its own.
    options = ["--recursive", "--links", "--times", "--checksum", "--compress", "--delete", "--chmod=D755,F644"]
    if dry_run:
        options += ["--dry-run", "--itemize-changes"]
    subprocess.run(["rsync", *options, "--", source, destination], check=True)


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
        build_site(
            CONFIG["preview_settings"],
            output or Path(scratch, "output"),
            content=content,
            fatal_warnings=True,
            **settings,
        )
    content_folder = content or read_settings(str(CONFIG["preview_settings"]))["PATH"]
    sys.stderr.write(verdict(article, content_folder) + "\n")


@task(help={"title": "The article's title, in quotes.", "content": BUILD_HELP["content"]})
def new(c, title, content=None):
    """Start a new draft article and print its path."""
    settings = read_settings(str(CONFIG["preview_settings"]))
    slug = slug_for(title, settings)
    if not slug:
        raise Exit(f'"{title}" has no letters or digits to make an address from. Try another title.')
    slug = shortened_slug(slug)
    path = Path(content or settings["PATH"], settings["ARTICLE_PATHS"][0], f"{slug}.md").resolve()
    shown = path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT) else path
    if path.exists():
        raise Exit(f"{shown} exists already. Choose another title.")
    today = datetime.now(ZoneInfo(settings["TIMEZONE"])).date()
    front_matter = {"title": title, "date": today, "slug": slug, "status": "draft"}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n"
        + yaml.safe_dump(front_matter, allow_unicode=True, sort_keys=False)
        + "---\n\nWrite the article here. Use ## for its section headings.\n",
        encoding="utf-8",
    )
    print(shown)
    draft_address = preview_url() + settings["DRAFT_URL"].format(slug=slug)
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
    from holistic_oriental_medicine.importer import ImportFailed
    from holistic_oriental_medicine.importer.importer import import_site, report
    from holistic_oriental_medicine.importer.progress import progress_bar

    settings = read_settings(str(CONFIG["preview_settings"]))
    if content:
        settings["PATH"] = str(Path(content).resolve())
    try:
        with progress_bar() as progress:
            summary = import_site(site, settings, dry_run, force, media_url, progress)
    except ImportFailed as failure:
        raise Exit(f"{failure} Nothing was written.", code=1) from None
    print("\n".join(report(summary, settings["PATH"], dry_run)))
    if summary.count("failed"):
        raise Exit("Some posts were not imported (listed above). Run the import again to pick them up.", code=1)


@task
def nginx_config(c):
    """Write deploy/nginx.conf from the host policy in publishconf.py."""
    refuse_a_sub_path_for_nginx(publish_settings())
    try:
        block = nginx_server_block(publish_settings())
    except UnsafeHostValue as error:
        raise Exit(str(error), code=1) from None
    CONFIG["nginx_config"].parent.mkdir(exist_ok=True)
    CONFIG["nginx_config"].write_text(block, encoding="utf-8")


@task
def clean(c):
    """Delete the preview (preview/) and the published site (output/)."""
    for settings_file in (CONFIG["preview_settings"], CONFIG["publish_settings"]):
        shutil.rmtree(default_output(settings_file), ignore_errors=True)


@task(help={"open_browser": "Open the preview in the default web browser."})
def serve(c, open_browser=False):
    """Build, then serve preview/ at http://127.0.0.1:8000."""
    build(c)

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(
        str(default_output(CONFIG["preview_settings"])), (CONFIG["host"], CONFIG["port"]),
        ComplexHTTPRequestHandler,
    )
    if open_browser:
        webbrowser.open(preview_url())
    sys.stderr.write(f"Serving the preview at {preview_url()} (Ctrl+C to stop)\n")
    server.serve_forever()


@task(help={**SERVER_HELP, **BUILD_HELP})
def livereload(c, open_browser=False, host=None, port=None, content=None, output=None):
    """Preview at http://127.0.0.1:8000, rebuilt and reloaded in the browser on every save."""
    from holistic_oriental_medicine.preview import serve_live_preview

    host, port = host or CONFIG["host"], int(port or CONFIG["port"])
    refuse_busy_port(host, port, "livereload")
    serve_live_preview(CONFIG["preview_settings"], content, output, host, port, open_browser)


@task(
    help={
        **BUILD_HELP,
        "open_browser": "Open the CMS in the default web browser.",
        "port": SERVER_HELP["port"],
    }
)
def edit(c, open_browser=False, port=None, content=None, output=None):
    """Write in the browser: the live preview and the CMS at http://127.0.0.1:8000/admin/."""
    from holistic_oriental_medicine.preview.cms_backend import BackendFailed, local_backend

    settings = read_settings(str(CONFIG["preview_settings"]))
    # The port first: a busy one is said at once, not after minutes of installing.
    refuse_busy_port(CONFIG["host"], int(port or CONFIG["port"]), "edit")
    provision.install_npm_packages()
    content_folder = Path(content or settings["PATH"]).resolve()
    admin = f"{preview_url(port=port)}{settings['CMS_ADMIN_DIR']}/"
    # decap-server reads and writes the content folder only, and only the admin page this
    # preview serves reaches it (holistic_oriental_medicine/preview/cms_backend.py).
    try:
        with local_backend(content_folder, admin):
            sys.stderr.write(f"Write in the CMS at {admin} (Ctrl+C to stop); what you save is in the preview\n")
            if open_browser:
                webbrowser.open(admin)
            livereload(c, content=content, port=port, output=output)
    except BackendFailed as failure:
        raise Exit(f"The CMS cannot start: {failure}", code=1) from None


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
