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

from generated_content import (
    PROJECT_ROOT,
    interleaved_rounds,
    pelican_command,
    print_medians,
    seconds,
    write_articles,
)

sys.path.insert(0, str(PROJECT_ROOT))

from pelicanconf import PLUGINS  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        content, output = scratch / "content", scratch / "output"
        write_articles(content, options.articles)
        warm_cache, cold_cache = scratch / "warm-cache", scratch / "cold-cache"
        without_cards = [plugin for plugin in PLUGINS if plugin != "social_cards"]
        variants = {
            "no cards (baseline)": pelican_command(content, output, PLUGINS=without_cards),
            "cards, warm cache": pelican_command(content, output, SOCIAL_CARDS_CACHE=str(warm_cache)),
            "cards, empty cache": pelican_command(content, output, SOCIAL_CARDS_CACHE=str(cold_cache)),
        }
        seconds(variants["cards, warm cache"])  # draws every card into the warm cache

        def empty_the_cold_cache(name, _round):
            if name == "cards, empty cache":
                shutil.rmtree(cold_cache, ignore_errors=True)

        times, _ = interleaved_rounds(variants, options.rounds, empty_the_cold_cache)

    medians = print_medians(
        f"{options.articles} articles, {options.rounds} rounds, median build seconds:",
        times,
        baseline="no cards (baseline)",
    )
    print(f"  empty / warm cache: x{medians['cards, empty cache'] / medians['cards, warm cache']:.2f}")


if __name__ == "__main__":
    main()
