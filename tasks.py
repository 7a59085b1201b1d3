"""Tasks for editors and developers: `invoke --list` shows them all."""

import shutil
import sys
import tempfile
import webbrowser
from pathlib import Path

from invoke import task
from pelican import main as pelican_main
from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

PROJECT_ROOT = Path(__file__).resolve().parent

CONFIG = {
    "preview_settings": PROJECT_ROOT / "pelicanconf.py",
    "publish_settings": PROJECT_ROOT / "publishconf.py",
    "output": PROJECT_ROOT / "output",
    "host": "127.0.0.1",
    "port": 8000,
}


def run_pelican(settings_file, output, *options):
    """Run Pelican once, writing into `output`."""
    pelican_main(["-s", str(settings_file), "-o", str(output), *options])


def replace_folder(target, replacement):
    """Put `replacement` where `target` is, keeping `target` until the swap is done."""
    retired = target.with_name(f".{target.name}-retired")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    replacement.rename(target)
    shutil.rmtree(retired, ignore_errors=True)


def build_site(settings_file, output, *pelican_options, after_pelican=()):
    """Build into a staging folder beside `output` and replace `output` only when Pelican and
    every `after_pelican` step (each called with the staging folder) succeeded, so a failed
    build leaves the last good site untouched."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-staging-", dir=output.parent))
    try:
        run_pelican(settings_file, staging, *pelican_options)
        for step in after_pelican:
            step(staging)
        replace_folder(output, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def preview_url():
    return "http://{host}:{port}/".format(**CONFIG)


OUTPUT_HELP = {"output": "Folder to build into (default: output/)."}


@task(help=OUTPUT_HELP)
def build(c, output=None):
    """Build the local preview into output/."""
    build_site(CONFIG["preview_settings"], output or CONFIG["output"])


@task(help=OUTPUT_HELP)
def publish(c, output=None):
    """Build the production site into output/ (warnings are errors)."""
    build_site(CONFIG["publish_settings"], output or CONFIG["output"], "--fatal", "warnings")


@task
def clean(c):
    """Delete output/."""
    shutil.rmtree(CONFIG["output"], ignore_errors=True)


@task(help={"open_browser": "Open the preview in the default web browser."})
def serve(c, open_browser=False):
    """Build, then serve output/ at http://127.0.0.1:8000."""
    build(c)

    class ReusableServer(RootedHTTPServer):
        allow_reuse_address = True

    server = ReusableServer(
        str(CONFIG["output"]), (CONFIG["host"], CONFIG["port"]), ComplexHTTPRequestHandler
    )
    if open_browser:
        webbrowser.open(preview_url())
    sys.stderr.write(f"Serving the preview at {preview_url()} (Ctrl+C to stop)\n")
    server.serve_forever()


@task(help={"open_browser": "Open the preview in the default web browser."})
def livereload(c, open_browser=False):
    """Preview at http://127.0.0.1:8000, rebuilt and reloaded in the browser on every save."""
    from livereload import Server

    build(c)
    server = Server()
    watched = [
        "pelicanconf.py",
        "clinic.toml",
        "content/**/*",
        "theme/templates/**/*.html",
        "theme/static/**/*",
        "plugins/*.py",
    ]
    for pattern in watched:
        server.watch(str(PROJECT_ROOT / pattern), lambda: build(c))
    sys.stderr.write(f"Live preview at {preview_url()}: save a file and the page reloads\n")
    server.serve(
        host=CONFIG["host"],
        port=CONFIG["port"],
        root=str(CONFIG["output"]),
        open_url_delay=1 if open_browser else None,
    )


@task
def test(c):
    """Run every test."""
    c.run(f"{sys.executable} -m pytest", pty=False)
