"""What the article with photos costs a reader: the bytes of its first view on a phone and on a
laptop, and Lighthouse's scores, LCP and CLS, for the site as it is beside earlier versions of
it, in the same run.

    .venv/bin/python bench/photo_article.py main [OTHER_REVISION...] [--runs 3]

Each git revision (checked out into a temporary worktree) and the working tree publish the
site's content plus the photo article of bench/phone_photos.py, its three photos replaced by real
photographs of bench/photo_encoding.py's set (a landscape as the featured photo, a forest and a
flower in the text), and each site is served by nginx with deploy/nginx.conf's policy. Then:

- first view: headless Chromium opens the article without scrolling, as a phone (390 px wide at
  3 device pixels per CSS pixel) and as a laptop (1280 px at 1), and adds up the bytes that
  came over the network (compressed, headers included) until the network is idle;
- Lighthouse (mobile preset) audits the article `--runs` times, the versions in turn so that
  machine noise hits them alike; the table shows medians.
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
from pathlib import Path

# lighthouse puts the project's root and plugins on the path, for the imports after it.
from lighthouse import CATEGORIES, CHROMIUM, RESULTS, lighthouse
from phone_photos import PHOTO_ARTICLE, write_photo_article
from photo_encoding import PHOTO_SET, fetch
from playwright.sync_api import sync_playwright
from side_by_side import checked_out

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# The photo article's pictures, and the photo of the set each becomes.
REAL_PHOTOS = {"images/treatment-room.jpg": "evening-glow", "articles/images/needles.jpg": "path",
               "images/practitioner.jpg": "garden"}
VIEWS = {"phone, 390 px x3": ({"width": 390, "height": 844}, 3),
         "laptop, 1280 px x1": ({"width": 1280, "height": 800}, 1)}


def photo_content(work):
    content = work / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    write_photo_article(content)
    photos = {photo.name: photo for photo in PHOTO_SET}
    for place, name in REAL_PHOTOS.items():
        shutil.copyfile(fetch(photos[name]), content / place)
    return content


def publish(root, content, folder, address):
    environment = {**os.environ, "SITEURL": address, "PUBLISH_WITH_EXAMPLE_VALUES": "1"}
    subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(folder), "--content", str(content)],
        cwd=root, env=environment, check=True, capture_output=True,
    )


def first_view_bytes(browser, url, viewport, scale):
    """Bytes over the network until idle, opening `url` without scrolling; and the files."""
    context = browser.new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.setCacheDisabled", {"cacheDisabled": True})
    received, names = {}, {}
    session.on("Network.responseReceived", lambda event: names.__setitem__(event["requestId"], event["response"]["url"]))
    session.on("Network.loadingFinished", lambda event: received.__setitem__(event["requestId"], event["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    files = {names.get(request, request).rsplit("/", 1)[-1] or "page": size for request, size in received.items()}
    return sum(received.values()), files


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revisions", nargs="+", help="earlier versions to compare with, e.g. main")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs (default 3)")
    arguments = parser.parse_args()
    (RESULTS / "photo-article").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="photo-article-") as work, ExitStack() as stack:
        work = Path(work)
        content = photo_content(work)
        earlier = {revision: checked_out(revision, work / f"revision-{number}")
                   for number, revision in enumerate(arguments.revisions)}
        for root in earlier.values():
            stack.callback(subprocess.run, ["git", "worktree", "remove", "--force", str(root)],
                           cwd=PROJECT_ROOT, check=False)
        roots = {**earlier, "now": PROJECT_ROOT}
        addresses = {}
        for number, (name, root) in enumerate(roots.items()):
            port = free_port()
            addresses[name] = f"http://127.0.0.1:{port}"
            site = work / f"site-{number}"
            publish(root, content, site, addresses[name])
            stack.enter_context(nginx_serving(site, port, work / f"nginx-{number}"))
            print(f"  {name} published", file=sys.stderr)
        views = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM)
            for name in roots:
                views[name] = {view: first_view_bytes(browser, f"{addresses[name]}/{PHOTO_ARTICLE}", *setting)
                               for view, setting in VIEWS.items()}
            browser.close()
        audits = {name: [] for name in roots}
        for run in range(arguments.runs):
            for number, name in enumerate(roots):
                report = RESULTS / "photo-article" / f"{number}-{run}.json"
                audits[name].append(lighthouse(f"{addresses[name]}/{PHOTO_ARTICLE}", report))
            print(f"  run {run + 1} of {arguments.runs} done", file=sys.stderr)
    result = table(views, audits, arguments.runs)
    (RESULTS / "photo_article.md").write_text(result + "\n", encoding="utf-8")
    print(result)
    print(json.dumps({name: {view: files for view, (_, files) in found.items()} for name, found in views.items()},
                     indent=1), file=sys.stderr)


def table(views, audits, runs):
    first = next(iter(views))
    lines = ["| version | " + " | ".join(f"first view, {view}" for view in VIEWS)
             + " | " + " | ".join(CATEGORIES) + " | LCP | CLS |",
             "|---" * (len(VIEWS) + len(CATEGORIES) + 3) + "|"]
    for name in views:
        median = {key: statistics.median(audit[key] for audit in audits[name]) for key in audits[name][0]}
        sizes = " | ".join(f"{views[name][view][0] / 1024:.1f} KB (x{views[name][view][0] / views[first][view][0]:.2f})"
                           for view in VIEWS)
        lcps = ", ".join(f"{audit['lcp_ms']:.0f}" for audit in audits[name])
        scores = " | ".join(f"{median[category]:.0f}" for category in CATEGORIES)
        lines.append(f"| {name} | {sizes} | {scores} | {median['lcp_ms']:.0f} ms ({lcps}) | {median['cls']:.3f} |")
    return (f"The photo article, first view bytes (compressed, as transferred) and Lighthouse mobile, "
            f"median of {runs} runs; ratios against {first}.\n\n" + "\n".join(lines))


if __name__ == "__main__":
    main()
