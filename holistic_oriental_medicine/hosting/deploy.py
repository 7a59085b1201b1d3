"""Putting the published site on a host (`invoke gh-pages`, `invoke rsync`, `invoke nginx-config`),
with each host's rule about the site's address checked before anything is built or copied."""

import subprocess
from pathlib import Path
from urllib.parse import urlsplit

import ghp_import

from .host_config import UnsafeHostValue, deploy_destination, nginx_server_block

# --checksum: unchanged files are skipped whatever their times; --chmod: readable by the web
# server whatever this machine's permissions; --delete: removed pages disappear.
RSYNC_OPTIONS = ["--recursive", "--links", "--times", "--checksum", "--compress", "--delete", "--chmod=D755,F644"]


class DeployRefused(SystemExit):
    """The settings do not fit the host: the command ends here with exit status 1 and this
    message, before anything is built or copied."""


def github_pages_domain(site_url):
    """The custom domain GitHub Pages learns from a CNAME file, or None for its own github.io
    names, which need none. GitHub Pages serves a custom domain at its root only."""
    site = urlsplit(site_url)
    domain = None if (site.hostname or "").endswith(".github.io") else site.hostname
    if domain and site.path.strip("/"):
        raise DeployRefused(
            f"publishconf.py: SITEURL: GitHub Pages serves {domain} at its root, not at "
            f"{site.path}. Fix: set SITEURL to https://{domain}, or use a project address "
            "such as https://<user>.github.io/<repository>."
        )
    return domain


def commit_to_gh_pages(site_folder, domain, push=False):
    """Commit the site to the gh-pages branch of this git repository (and push it if asked)."""
    try:
        ghp_import.ghp_import(
            str(site_folder), mesg="Publish the site", branch="gh-pages", nojekyll=True, cname=domain, push=push
        )
    except ghp_import.GhpError as error:
        raise DeployRefused(f"gh-pages: {error.message}") from error


def refuse_a_sub_path_for_nginx(settings):
    """deploy/nginx.conf serves the site at the root of its domain: stop before it serves one
    published for a sub-path, whose every address would be wrong."""
    site_url = settings["SITEURL"]
    if urlsplit(site_url).path.strip("/"):
        raise DeployRefused(
            f'publishconf.py: SITEURL: "{site_url}" is below the root of its domain, but '
            "deploy/nginx.conf serves the site at the root. Fix: set SITEURL to the root of a "
            "domain or subdomain, e.g. https://blog.your-clinic.com."
        )


def rsync_destination(settings):
    """DEPLOY_HOST:DEPLOY_PATH, checked for nginx and for rsync's command line."""
    refuse_a_sub_path_for_nginx(settings)
    try:
        return deploy_destination(settings)
    except UnsafeHostValue as error:
        raise DeployRefused(str(error)) from None


def mirror_with_rsync(site_folder, destination, dry_run=False):
    """Make `destination` a copy of the site; with `dry_run`, list what would change instead."""
    options = [*RSYNC_OPTIONS, *(["--dry-run", "--itemize-changes"] if dry_run else [])]
    # An argument list, not a shell command: no setting can add a command of its own.
    source = str(Path(site_folder).resolve()) + "/"
    subprocess.run(["rsync", *options, "--", source, destination], check=True)


def write_nginx_config(settings, path):
    """Write the nginx server block of the host policy to `path`."""
    refuse_a_sub_path_for_nginx(settings)
    try:
        block = nginx_server_block(settings)
    except UnsafeHostValue as error:
        raise DeployRefused(str(error)) from None
    Path(path).parent.mkdir(exist_ok=True)
    Path(path).write_text(block, encoding="utf-8")
