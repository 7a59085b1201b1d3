"""Lighthouse scores, weight and speed of the published site beside Pelican's default theme,
built from the same content and served by the same nginx in the same run.

Both sites are built with the production settings for their local address, compressed, and
served on 127.0.0.1 by nginx with `deploy/nginx.conf`'s policy (brotli and gzip copies, cache
and security headers). Lighthouse (the pinned npm package, mobile preset: a slow 4G phone)
audits each page `--runs` times in Debian's Chromium; the table shows the median of every
number, and the ratio of ours to the baseline. Every report is kept in bench/results/.

    .venv/bin/invoke bench                    # or: .venv/bin/python bench/lighthouse.py --runs 5
    .venv/bin/invoke bench --photos           # our site also gets an article with three photos

With `--photos`, our site is published from the content plus an article with a featured phone
photo and two in its text (bench/phone_photos.py), and that article is audited too; the other
pages then show its card, so compare them with runs without the option only.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from functools import partial
from pathlib import Path

from pelican.settings import read_settings
from phone_photos import PHOTO_ARTICLE, write_photo_article

from holistic_oriental_medicine.builds.pelican_command import pelican_process
from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

PROJECT_ROOT = Path(__file__).resolve().parent.parent

LIGHTHOUSE = PROJECT_ROOT / "node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-sync"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
RESULTS = PROJECT_ROOT / "bench/results"
ATTEMPTS = 3

PAGES = {
    "article": "unlocking-the-healing-power-exploring-acupuncture-as-a-natural-solution-for-back-pain/",
    "home": "",
    "tag": "tag/acupuncture/",
    "about": "about/",
    # Lighthouse refuses to audit a response with status 404, so the not-found page is audited
    # at its own file's address.
    "404": "404.html",
}
# Pelican's default theme has no 404 page: the baseline is measured on the other pages.
BASELINE_PAGES = [name for name in PAGES if name != "404"]


def publish_ours(folder, address, content=None):
    environment = {**os.environ, "SITEURL": address, "PUBLISH_WITH_EXAMPLE_VALUES": "1"}
    subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(folder),
         *(["--content", str(content)] if content else [])],
        cwd=PROJECT_ROOT, env=environment, check=True, capture_output=True,
    )


def compression_settings():
    """The production site's compressed copies (publishconf.py), for the baseline too."""
    production = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    return {
        name: sorted(value) if isinstance(value, set) else value
        for name, value in production.items()
        if name.startswith("PRECOMPRESS_")
    }


def publish_baseline(folder, address):
    """The same content and addresses through Pelican's own `notmyidea` theme, compressed the
    same way, with only the plugins the content itself needs. notmyidea shows the Contact
    page, which asks for our `contact` template, as any other page."""
    templates = folder.parent / "baseline-templates"
    templates.mkdir(parents=True)
    (templates / "contact.html").write_text('{% extends "page.html" %}\n', encoding="utf-8")
    overrides = {
        "THEME": "notmyidea",
        "THEME_TEMPLATES_OVERRIDES": [str(templates)],
        "SITEURL": address,
        "RELATIVE_URLS": False,
        "DIRECT_TEMPLATES": ["index", "archives", "categories", "tags", "authors"],
        "PLUGINS": ["read_time", "clinic_links", "pelican.plugins.precompress"],
        **compression_settings(),
    }
    subprocess.run(
        pelican_process("pelicanconf.py", folder, **overrides),
        cwd=PROJECT_ROOT, check=True, capture_output=True,
    )


def lighthouse(url, report_path):
    """One Lighthouse run on `url`: its scores and the numbers the table shows. A busy machine
    sometimes makes Lighthouse lose its trace; such a run is tried again."""
    for attempt in range(1, ATTEMPTS + 1):
        finished = subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report_path}", "--quiet",
             f"--chrome-flags={CHROME_FLAGS}", f"--only-categories={','.join(CATEGORIES)}"],
            env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True,
        )
        if finished.returncode == 0:
            break
        print(f"  Lighthouse failed on {url} (attempt {attempt}): {finished.stderr.strip()}", file=sys.stderr)
    else:
        sys.exit(f"Lighthouse failed {ATTEMPTS} times on {url}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    audits = report["audits"]
    measured = {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}
    measured["bytes"] = audits["total-byte-weight"]["numericValue"]
    measured["requests"] = len(audits["network-requests"]["details"]["items"])
    measured["lcp_ms"] = audits["largest-contentful-paint"]["numericValue"]
    measured["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    return measured


def medians(runs):
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def with_photo_article(work):
    """The site's content plus the photo article, in `work`."""
    content = work / "photo-content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_photo_article(content)
    return content


def measure(runs, work, photos=False):
    """Build both sites, serve each with its own nginx, and Lighthouse every page `runs` times,
    the two sites in turn, so both see the same load on the machine."""
    pages = {**PAGES, "photo article": PHOTO_ARTICLE} if photos else PAGES
    publish = partial(publish_ours, content=with_photo_article(work)) if photos else publish_ours
    sites = {"ours": (publish, list(pages)), "notmyidea": (publish_baseline, BASELINE_PAGES)}
    reports = {name: {page: [] for page in pages} for name, (_, pages) in sites.items()}
    with ExitStack() as servers:
        addresses = {}
        for name, (publish, _) in sites.items():
            port = free_port()
            addresses[name] = f"http://127.0.0.1:{port}"
            publish(work / name / "site", addresses[name])
            servers.enter_context(nginx_serving(work / name / "site", port, work / name / "nginx"))
        for run in range(runs):
            for page in pages:
                for name, (_, site_pages) in sites.items():
                    if page in site_pages:
                        report = RESULTS / name / f"{page}-{run}.json"
                        reports[name][page].append(lighthouse(f"{addresses[name]}/{pages[page]}", report))
            print(f"  run {run + 1} of {runs} done", file=sys.stderr)
    return {
        name: {page: medians(page_reports) for page, page_reports in pages.items()}
        for name, pages in reports.items()
    }


def row(site, page, m):
    scores = " | ".join(f"{m[name]:.0f}" for name in CATEGORIES)
    return (f"| {page} | {site} | {scores} | {m['bytes'] / 1024:.1f} KB | {m['requests']:.0f} "
            f"| {m['lcp_ms']:.0f} ms | {m['cls']:.3f} |")


def table(ours, baseline, runs):
    lines = [
        f"Lighthouse 12.2.3, mobile, median of {runs} runs; bytes as transferred (compressed).",
        "",
        "| page | theme | performance | accessibility | best practices | SEO | bytes | requests | LCP | CLS |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for page in ours:
        lines.append(row("ours", page, ours[page]))
        if page in baseline:
            lines.append(row("notmyidea", page, baseline[page]))
    lines += ["", "| page | bytes, ours / notmyidea | requests, ours / notmyidea |", "|---|---|---|"]
    for page in BASELINE_PAGES:
        o, b = ours[page], baseline[page]
        lines.append(f"| {page} | {o['bytes'] / b['bytes']:.2f} | {o['requests'] / b['requests']:.2f} |")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (default 3)")
    parser.add_argument("--photos", action="store_true", help="also audit an article with photos")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        sys.exit(f"{LIGHTHOUSE} is missing: run `npm ci` in {PROJECT_ROOT}")
    for name in ("ours", "notmyidea"):
        (RESULTS / name).mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as folder:
        results = measure(arguments.runs, Path(folder), arguments.photos)
    result = table(results["ours"], results["notmyidea"], arguments.runs)
    (RESULTS / "lighthouse.md").write_text(result + "\n", encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
