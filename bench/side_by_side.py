"""How the site as it is now builds beside an earlier version of itself, in the same run.

    .venv/bin/python bench/side_by_side.py REVISION [--build edited] [--articles 1000] [--rounds 5]

The site at git REVISION (checked out into a temporary worktree) and the working tree build the
same generated articles in turn, round after round, so that machine noise hits them alike: each
build a new `pelican` process, each version with caches of its own, warmed up first. It prints
each one's median seconds and the ratio. On a noisy machine that is what tells a change from
the noise, where two runs of `build_speed.py` an hour apart differ by more than the change.

Builds (`--build`):
- edited: the preview settings, caches warm, after one article is edited (as `invoke build`);
- cold, cold-one-core: the preview with its Markdown, reading, page and search caches emptied;
- publish: the production build into a new folder after one article is edited (`invoke publish`).
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
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

BUILDS = ["edited", "cold", "cold-one-core", "publish"]


def checked_out(revision, folder):
    """A worktree of `revision` in `folder`, sharing the project's npm packages (read only)."""
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(folder), revision],
                   cwd=PROJECT_ROOT, check=True)
    (folder / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return folder


def build_command(build, content, output, caches):
    """`build` of `content` into `output`, with the caches in the folder `caches` (the share
    cards kept when a cold build empties the rest)."""
    settings = cache_settings(caches)
    if build == "publish":
        return pelican_command(content, output, "publishconf.py", **settings)
    command = pelican_command(content, output, **settings)
    return ["taskset", "-c", "0", *command] if build == "cold-one-core" else command


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--build", choices=BUILDS, default="edited")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="side-by-side-") as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        write_articles(content, options.articles)
        roots = {options.revision: checked_out(options.revision, scratch / "earlier"), "now": PROJECT_ROOT}
        try:
            variants = {
                name: (build_command(options.build, content, scratch / f"{name}-output",
                                     scratch / f"{name}-caches"),
                       root, {"PUBLISH_WITH_EXAMPLE_VALUES": "1"})
                for name, root in roots.items()
            }

            def ready(name, round_number):
                if options.build == "publish":
                    shutil.rmtree(scratch / f"{name}-output", ignore_errors=True)
                if options.build.startswith("cold"):
                    empty_but_cards(scratch / f"{name}-caches")
                else:
                    edit_one_article(content, f"Edited for {name} in round {round_number}.")

            for name, variant in variants.items():  # warm-up: share cards, caches
                measure(*variant)
            times, _memory = interleaved_rounds(variants, options.rounds, ready)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(roots[options.revision])],
                           cwd=PROJECT_ROOT, check=False)
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(f"{options.build}, {options.articles:,} articles, {options.rounds} rounds, medians:")
    for name, values in times.items():
        print(f"  {name:12} {medians[name]:6.2f} s   ({', '.join(f'{value:.2f}' for value in values)})")
    print(f"  now / {options.revision}: ×{medians['now'] / medians[options.revision]:.2f}")


if __name__ == "__main__":
    main()
