"""Install what the tests and the Lighthouse bench need beyond Python: Debian's chromium, Java,
nginx with its brotli module, rsync and git (with apt, when run as root on Debian or Ubuntu;
elsewhere it names the packages to install), and the pinned npm packages (`npm ci`).

`invoke test` runs it first (`invoke bench`, `publish` and `edit` its npm part); run it alone with
`.venv/bin/python provision.py`.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent

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


def install_npm_packages():
    """`npm ci` when node_modules/ is missing or older than package-lock.json."""
    installed = PROJECT_ROOT / "node_modules/.package-lock.json"
    lock = PROJECT_ROOT / "package-lock.json"
    if not installed.exists() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=PROJECT_ROOT, check=True)


def main():
    install_test_programs()
    install_npm_packages()


if __name__ == "__main__":
    sys.exit(main())
