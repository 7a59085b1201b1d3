"""What share cards cost a build: drawing them all (empty cache), reusing them (warm cache), and
a build without cards, side by side in one run.

    .venv/bin/python bench/social_cards.py [--articles 40] [--rounds 5]

Each build is a fresh `pelican` process on generated articles; the rounds interleave the three
variants so that machine noise hits them alike. Prints the median seconds of each and the ratios.
"""

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from pelicanconf import PLUGINS  # noqa: E402

WORDS = "acupuncture needles relieve tension in the lower back and calm the nervous system".split()


def write_articles(content, count):
    articles = content / "articles"
    articles.mkdir(parents=True)
    for number in range(count):
        title = f"Article {number}: " + " ".join(WORDS[number % 5 : number % 5 + 6]).title()
        body = " ".join(WORDS * 40)
        (articles / f"article-{number}.md").write_text(
            f"Title: {title}\nDate: 2025-01-01\n\n{body}\n", encoding="utf-8"
        )


def build_seconds(content, output, **settings):
    overrides = [f"{name}={json.dumps(value)}" for name, value in settings.items()]
    command = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py",
               "-o", str(output), "-q", "-e", *overrides]
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True)
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        write_articles(scratch / "content", options.articles)
        warm_cache = scratch / "warm-cache"
        build_seconds(scratch / "content", scratch / "output", SOCIAL_CARDS_CACHE=str(warm_cache))
        without_cards = [plugin for plugin in PLUGINS if plugin != "social_cards"]
        times = {"no cards (baseline)": [], "cards, warm cache": [], "cards, empty cache": []}
        for _ in range(options.rounds):
            cold_cache = scratch / "cold-cache"
            shutil.rmtree(cold_cache, ignore_errors=True)
            times["no cards (baseline)"].append(
                build_seconds(scratch / "content", scratch / "output", PLUGINS=without_cards)
            )
            times["cards, warm cache"].append(
                build_seconds(scratch / "content", scratch / "output",
                              SOCIAL_CARDS_CACHE=str(warm_cache))
            )
            times["cards, empty cache"].append(
                build_seconds(scratch / "content", scratch / "output",
                              SOCIAL_CARDS_CACHE=str(cold_cache))
            )

    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["no cards (baseline)"]
    print(f"{options.articles} articles, {options.rounds} rounds, median build seconds:")
    for name, median in medians.items():
        print(f"  {name:22} {median:6.2f} s   x{median / baseline:.2f} of baseline")
    print(f"  empty / warm cache: x{medians['cards, empty cache'] / medians['cards, warm cache']:.2f}")


if __name__ == "__main__":
    main()
