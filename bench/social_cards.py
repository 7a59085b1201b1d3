"""What share cards cost a build: drawing them all (empty cache), reusing them (warm cache), and
a build without cards, side by side in one run.

    .venv/bin/python bench/social_cards.py [--articles 40] [--rounds 5]

Each build is a fresh `pelican` process on generated articles; the rounds interleave the three
variants so that machine noise hits them alike. Prints the median seconds of each and the ratios.
"""

import tempfile
from pathlib import Path

from generated_content import (
    SHARE_CARDS,
    emptied_before,
    interleaved_rounds,
    pelican_command,
    plugins_without,
    print_medians,
    seconds,
    size_and_rounds,
    write_articles,
)


def main():
    options = size_and_rounds(__doc__)

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        content, output = scratch / "content", scratch / "output"
        write_articles(content, options.articles)
        warm_cache, cold_cache = scratch / "warm-cache", scratch / "cold-cache"
        variants = {
            "no cards (baseline)": pelican_command(
                content, output, PLUGINS=plugins_without("social_cards")
            ),
            "cards, warm cache": pelican_command(content, output, CACHE_PATH=str(warm_cache)),
            "cards, empty cache": pelican_command(content, output, CACHE_PATH=str(cold_cache)),
        }
        seconds(variants["cards, warm cache"])  # draws every card into the warm cache
        seconds(variants["cards, empty cache"])  # fills the other caches, kept warm
        before_each = emptied_before("cards, empty cache", cold_cache / SHARE_CARDS)
        times, _ = interleaved_rounds(variants, options.rounds, before_each)

    medians = print_medians(
        f"{options.articles} articles, {options.rounds} rounds, median build seconds:",
        times,
        baseline="no cards (baseline)",
    )
    print(f"  empty / warm cache: x{medians['cards, empty cache'] / medians['cards, warm cache']:.2f}")


if __name__ == "__main__":
    main()
