"""What share cards cost a build: drawing them all (empty cache), reusing them (warm cache), and
a build without cards, side by side in one run.

    .venv/bin/python bench/social_cards.py [--articles 40] [--rounds 5]

Each build is a fresh `pelican` process on generated articles; the rounds interleave the three
variants so that machine noise hits them alike. Prints the median seconds of each and the ratios.
"""

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from generated_content import PROJECT_ROOT, pelican_command, print_medians, seconds, write_articles

sys.path.insert(0, str(PROJECT_ROOT))

from pelicanconf import PLUGINS  # noqa: E402


def build_seconds(content, output, **settings):
    return seconds(pelican_command(content, output, **settings))


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

    medians = print_medians(
        f"{options.articles} articles, {options.rounds} rounds, median build seconds:",
        times,
        baseline="no cards (baseline)",
    )
    print(f"  empty / warm cache: x{medians['cards, empty cache'] / medians['cards, warm cache']:.2f}")


if __name__ == "__main__":
    main()
