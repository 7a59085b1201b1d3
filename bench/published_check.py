"""What the last gate on the published files (plugins/published_check) costs a warm publish.

    .venv/bin/python bench/published_check.py [--articles 1000] [--rounds 3]

The production build of generated articles, caches warm, into a new folder after one article is
edited (as `invoke publish` on a host), with the gate and without it (the same plugins less
`published_check`), in interleaved rounds; the gate's share is the difference of the medians.
Its budget: at most 10 % of the publish.
"""

import json
import shutil
import tempfile
from pathlib import Path

from generated_content import (
    cache_settings,
    edit_one_article,
    interleaved_rounds,
    measure,
    pelican_command,
    plugins_without,
    print_medians,
    size_and_rounds,
    write_articles,
)

WITHOUT = "publish without the gate"
WITH = "publish with the gate"


def main():
    options = size_and_rounds(__doc__, articles=1000, rounds=3)
    with tempfile.TemporaryDirectory(prefix="published-check-") as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        write_articles(content, options.articles)
        settings = cache_settings(scratch / "caches")
        environment = {"PUBLISH_WITH_EXAMPLE_VALUES": "1"}
        variants = {
            WITHOUT: (pelican_command(content, scratch / "without", "publishconf.py",
                                      PLUGINS=plugins_without("published_check"), **settings),
                      None, environment),
            WITH: (pelican_command(content, scratch / "with", "publishconf.py", **settings),
                   None, environment),
        }
        variants = {name: (command, Path(__file__).resolve().parent.parent, env)
                    for name, (command, _cwd, env) in variants.items()}

        def ready(name, round_number):
            shutil.rmtree(scratch / ("with" if name == WITH else "without"), ignore_errors=True)
            edit_one_article(content, f"Edited for {name} in round {round_number}.")

        for name, variant in variants.items():  # warm-up: share cards, caches
            ready(name, -1)
            measure(*variant)
        times, _memory = interleaved_rounds(variants, options.rounds, ready)
    print(json.dumps({name: [round(value, 2) for value in values] for name, values in times.items()}))
    medians = print_medians(f"warm publish, {options.articles:,} articles, {options.rounds} rounds, medians:",
                            times, WITHOUT)
    share = (medians[WITH] - medians[WITHOUT]) / medians[WITH]
    print(f"  the gate: {medians[WITH] - medians[WITHOUT]:.2f} s, {share:.0%} of the publish (budget 10 %)")


if __name__ == "__main__":
    main()
