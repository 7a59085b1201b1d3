"""What the last gate on the published files (holistic_oriental_medicine/plugins/published_check) costs a warm publish.

    .venv/bin/python bench/last_gate.py [--articles 1000] [--rounds 3]

The production build of generated articles, caches warm, into a new folder after one article is
edited (as `invoke publish` on a host), with the gate and without it (the same plugins less
`published_check`), in interleaved rounds; the gate's share is the difference of the medians,
in seconds of the clock and in seconds of processor time (user and system, the build's own
processes included), which a machine busy with other work disturbs less. On a machine that busy,
the difference of two whole builds is noise: so after each publish without the gate, the gate
itself is run (in this process, its cache as the publish with it left it) on that publish's
output, and timed alone. Its budget: at most 10 % of the publish.
"""

import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from generated_content import (
    PROJECT_ROOT,
    cache_settings,
    edit_one_article,
    pelican_command,
    plugins_without,
    size_and_rounds,
    write_articles,
)
from pelican.settings import read_settings

from holistic_oriental_medicine.plugins import published_check

WITHOUT = "publish without the gate"
WITH = "publish with the gate"


def run(command):
    """(wall-clock seconds, processor seconds) of one run of `command`, which must succeed."""
    before = os.times()
    start = time.perf_counter()
    result = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True,
                            env={**os.environ, "PUBLISH_WITH_EXAMPLE_VALUES": "1"})
    wall = time.perf_counter() - start
    after = os.times()
    if result.returncode:
        raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{result.stderr.decode()[-4000:]}")
    processor = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, processor


def gate_alone(output, caches):
    """(wall-clock seconds, processor seconds) of the gate on the published site in `output`."""
    settings = read_settings(str(PROJECT_ROOT / "publishconf.py"))
    settings["CACHE_PATH"] = str(caches)
    start, processor = time.perf_counter(), time.process_time()
    published_check.check_published_site(SimpleNamespace(settings=settings, output_path=str(output)))
    return time.perf_counter() - start, time.process_time() - processor


def main():
    options = size_and_rounds(__doc__, articles=1000, rounds=3)
    with tempfile.TemporaryDirectory(prefix="published-check-") as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        write_articles(content, options.articles)
        settings = cache_settings(scratch / "caches")
        commands = {
            WITHOUT: pelican_command(content, scratch / "without", "publishconf.py",
                                     PLUGINS=plugins_without("published_check"), **settings),
            WITH: pelican_command(content, scratch / "with", "publishconf.py", **settings),
        }
        outputs = {WITHOUT: scratch / "without", WITH: scratch / "with"}
        results = {name: [] for name in commands}
        alone = []
        for round_number in range(-1, options.rounds):  # round -1 warms the caches up
            for name, command in commands.items():
                shutil.rmtree(outputs[name], ignore_errors=True)
                edit_one_article(content, f"Edited for {name} in round {round_number}.")
                took = run(command)
                if round_number >= 0:
                    results[name].append(took)
                    if name == WITHOUT:
                        alone.append(gate_alone(outputs[name], settings["CACHE_PATH"]))
    print(f"warm publish, {options.articles:,} articles, {options.rounds} rounds, medians:")
    medians = {}
    for name, values in results.items():
        medians[name] = [statistics.median(value[kind] for value in values) for kind in (0, 1)]
        print(f"  {name:26} {medians[name][0]:6.2f} s clock  {medians[name][1]:6.2f} s processor   "
              f"(rounds: {', '.join(f'{wall:.2f}/{cpu:.2f}' for wall, cpu in values)})")
    for kind, label in ((0, "clock"), (1, "processor")):
        cost = medians[WITH][kind] - medians[WITHOUT][kind]
        print(f"  the gate, {label}: {cost:+.2f} s, {cost / medians[WITH][kind]:+.1%} of the publish "
              "(budget 10 %)")
    for kind, label in ((0, "clock"), (1, "processor")):
        gate = statistics.median(value[kind] for value in alone)
        print(f"  the gate alone, {label}: {gate:.2f} s, {gate / medians[WITHOUT][kind]:.1%} of the publish "
              f"without it (rounds: {', '.join(f'{value[kind]:.2f}' for value in alone)})")


if __name__ == "__main__":
    main()
