"""How fast this site builds, beside plain Pelican 4.12 (its default theme and settings, in a
virtual environment of its own) building the same generated articles, in the same run.

    .venv/bin/python bench/build_speed.py [--articles 100 1000] [--rounds 3]

For each size, after a warm-up, the rounds run the variants in turn so that machine noise hits
them alike, and the table gives each one's median seconds, its ratio to plain Pelican and its
peak memory. Each build is a new `pelican` process; the share cards are cached (drawn in the
warm-up), as on an editor's machine after the first build.

- plain Pelican: `pelican content -o output`, nothing else (the baseline);
- cold: this site's preview with empty Markdown, reading, search-index and page caches, on every
  core and on one core;
- warm: the same again with nothing changed, and after editing one article;
- publish: the production build (search index, compressed copies) into a new folder, as a host
  or `invoke publish` builds it, caches warm;
- save to page served: seconds from saving an edited article until `invoke livereload` serves
  the changed page (polled over HTTP); save to site rebuilt: until its whole build is in place;
  save to search index made: until the preview serves a new search index, made after the pages.
"""

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from generated_content import (
    PROJECT_ROOT,
    cache_settings,
    edit_one_article,
    empty_but_cards,
    interleaved_rounds,
    measure,
    pelican_command,
    write_articles,
)

PLAIN_PELICAN = PROJECT_ROOT / "cache/plain-pelican"
PLAIN_REQUIREMENTS = ["pelican[markdown]==4.12.0", "markdown==3.11.3"]
BASELINE = "plain Pelican (baseline)"


def plain_pelican():
    """The `pelican` program of a virtual environment with nothing but Pelican 4.12."""
    program = PLAIN_PELICAN / "bin/pelican"
    if not program.exists():
        subprocess.run([sys.executable, "-m", "venv", str(PLAIN_PELICAN)], check=True)
        subprocess.run([PLAIN_PELICAN / "bin/pip", "install", "-q", *PLAIN_REQUIREMENTS], check=True)
    return program


def page_text(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(condition, seconds=600):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the preview did not show the change")
        time.sleep(0.02)


def save_to_preview_seconds(content, scratch, rounds):
    """Seconds from saving an article until the live preview serves its changed page, until
    the whole site is rebuilt (the preview prints its `Built …` line) and until it serves the
    new search index."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    output, messages = scratch / "live", scratch / "live-messages.txt"
    with open(messages, "w", encoding="utf-8") as stderr:
        preview = subprocess.Popen(
            [sys.executable, "-m", "invoke", "livereload", "--port", str(port),
             "--content", str(content), "--output", str(output)],
            cwd=PROJECT_ROOT, stdout=subprocess.DEVNULL, stderr=stderr,
        )

    def builds_done():
        return messages.read_text(encoding="utf-8").count("Built ")

    try:
        home = f"http://127.0.0.1:{port}/"
        wait_for(lambda: "</html>" in page_text(home))
        (page,) = output.glob("article-7-*/index.html")
        address = home + page.parent.name + "/"
        index = home + "pagefind/pagefind-entry.json"
        served, rebuilt, indexed = [], [], []
        for round_number in range(rounds + 1):  # the first save warms the preview up
            marker = f"Saved for the preview, round {round_number}."
            done, index_before = builds_done(), page_text(index)
            start = time.perf_counter()
            edit_one_article(content, marker)
            wait_for(lambda: marker in page_text(address))
            served.append(time.perf_counter() - start)
            wait_for(lambda: builds_done() > done)
            rebuilt.append(time.perf_counter() - start)
            wait_for(lambda: page_text(index) not in ("", index_before))
            indexed.append(time.perf_counter() - start)
        return served[1:], rebuilt[1:], indexed[1:]
    finally:
        preview.terminate()
        preview.wait(timeout=60)


def bench_size(count, rounds, scratch):
    content, output = scratch / "content", scratch / "output"
    write_articles(content, count)
    # The cold builds have caches of their own, emptied before each: the others stay warm.
    ours = cache_settings(scratch / "caches")
    cold = pelican_command(content, output, **cache_settings(scratch / "cold-caches"))
    build = pelican_command(content, output, **ours)
    variants = {
        BASELINE: ([plain_pelican(), str(content), "-o", str(scratch / "plain"), "-q"], scratch),
        "cold": cold,
        "cold, one core": ["taskset", "-c", "0", *cold],
        "warm, nothing changed": build,
        "warm, one article edited": build,
        "publish, warm": (
            pelican_command(content, scratch / "published", "publishconf.py", **ours),
            PROJECT_ROOT,
            {"PUBLISH_WITH_EXAMPLE_VALUES": "1"},
        ),
    }
    measure(build)  # warm-up: draws the share cards, fills the caches
    measure(cold)  # draws the share cards the cold builds keep
    measure(*variants[BASELINE])
    measure(*variants["publish, warm"])

    def ready(name, round_number):
        if name.startswith("cold"):
            empty_but_cards(scratch / "cold-caches")
        if name.startswith("publish"):
            shutil.rmtree(scratch / "published", ignore_errors=True)
        if name == "warm, one article edited":
            edit_one_article(content, f"Edited in round {round_number}.")

    times, memory = interleaved_rounds(variants, rounds, ready)
    (times["save to page served"], times["save to site rebuilt"],
     times["save to search index made"]) = save_to_preview_seconds(content, scratch, rounds)
    return times, memory


def print_table(count, rounds, times, memory):
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n{count:,} articles, {rounds} rounds: median seconds, ratio to plain Pelican, peak memory")
    print(f"| {'build':28} | seconds | ratio | peak MB |")
    print(f"|{'-' * 30}|---------|-------|---------|")
    for name, median in medians.items():
        peak = f"{max(memory[name]):7.0f}" if name in memory else "       "
        print(f"| {name:28} | {median:7.2f} | {median / medians[BASELINE]:5.2f} | {peak} |")
    print(f"one article edited / cold: x{medians['warm, one article edited'] / medians['cold']:.2f}")
    sys.stdout.flush()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    for count in options.articles:
        with tempfile.TemporaryDirectory(prefix="build-speed-") as scratch:
            times, memory = bench_size(count, options.rounds, Path(scratch))
        print_table(count, options.rounds, times, memory)


if __name__ == "__main__":
    main()
