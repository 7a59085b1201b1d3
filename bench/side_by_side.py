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
import time
from pathlib import Path

from generated_content import PROJECT_ROOT, measure, pelican_command, write_articles

CACHES = {"SOCIAL_CARDS_CACHE": "cards", "MARKDOWN_CACHE": "markdown", "READING_CACHE": "readings",
          "SEARCH_INDEX_CACHE": "search-index", "PAGE_CACHE": "pages"}
EMPTIED_WHEN_COLD = ("markdown", "readings", "search-index", "pages")


def checked_out(revision, folder):
    """A worktree of `revision` in `folder`, sharing the project's npm packages (read only)."""
    subprocess.run(["git", "worktree", "add", "--detach", "--quiet", str(folder), revision],
                   cwd=PROJECT_ROOT, check=True)
    (folder / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    return folder


def build_command(build, content, output, caches):
    settings = {name: str(caches / folder) for name, folder in CACHES.items()}
    if build == "publish":
        settings["COMPRESSED_COPIES_CACHE"] = str(caches / "compressed")
        return pelican_command(content, output, "publishconf.py", **settings)
    command = pelican_command(content, output, **settings)
    return ["taskset", "-c", "0", *command] if build == "cold-one-core" else command


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("revision")
    parser.add_argument("--build", choices=["edited", "cold", "cold-one-core", "publish"], default="edited")
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()
    environment = {"PUBLISH_WITH_EXAMPLE_VALUES": "1"}
    with tempfile.TemporaryDirectory(prefix="side-by-side-") as scratch:
        scratch = Path(scratch)
        content = scratch / "content"
        write_articles(content, options.articles)
        article = content / "articles/article-7.md"
        roots = {options.revision: checked_out(options.revision, scratch / "earlier"), "now": PROJECT_ROOT}
        try:
            def ready(name):
                output = scratch / f"{name}-output"
                if options.build == "publish":
                    shutil.rmtree(output, ignore_errors=True)
                if options.build.startswith("cold"):
                    for folder in EMPTIED_WHEN_COLD:
                        shutil.rmtree(scratch / f"{name}-caches" / folder, ignore_errors=True)
                else:
                    article.write_text(article.read_text(encoding="utf-8") + f"\nEdited at {time.time()}.\n",
                                       encoding="utf-8")
                return build_command(options.build, content, output, scratch / f"{name}-caches")

            for name, root in roots.items():  # warm-up: share cards, caches
                measure(ready(name), root, environment)
            times = {name: [] for name in roots}
            for _round in range(options.rounds):
                for name, root in roots.items():
                    times[name].append(measure(ready(name), root, environment)[0])
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
