"""What checking the content costs, and how long `invoke check` (the pre-commit hook) takes,
side by side in one run.

    .venv/bin/python bench/content_checks.py [--articles 40] [--rounds 5]

Baseline: a preview build of generated articles without the validate_content plugin (Pelican
reads them unchecked). Against it: the same build with the checks, and `invoke check` as an
editor's hook runs it (a new process, checks, warnings as errors, a throw-away output folder).
The rounds interleave the variants so that machine noise hits them alike. Prints the median
seconds of each and the ratios, then the median of `invoke check` on the real content.
"""

import argparse
import json
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
    """Articles in both front-matter styles, each linking to the one before it."""
    articles = content / "articles"
    articles.mkdir(parents=True)
    for number in range(count):
        title = f"Article {number}: " + " ".join(WORDS[number % 5 : number % 5 + 6]).title()
        link = f"[the one before]({{filename}}article-{number - 1}.md)" if number else ""
        body = " ".join(WORDS * 40) + f"\n\n## More\n\n{link} or [call us]({{tel}}).\n"
        if number % 2:
            front_matter = f"---\ntitle: '{title}'\ndate: 2025-01-01\ntags: [back pain, stress]\n---\n"
        else:
            front_matter = f"Title: {title}\nDate: 2025-01-01\nTags: back pain, stress\n"
        (articles / f"article-{number}.md").write_text(f"{front_matter}\n{body}", encoding="utf-8")


def seconds(command):
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def pelican(content, output, **settings):
    overrides = [f"{name}={json.dumps(value)}" for name, value in settings.items()]
    command = [sys.executable, "-m", "pelican", str(content), "-s", "pelicanconf.py",
               "-o", str(output), "-q", *(["-e", *overrides] if overrides else [])]
    return command


def invoke_check(content=None):
    return [sys.executable, "-m", "invoke", "check", *(["--content", str(content)] if content else [])]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    unchecked = [plugin for plugin in PLUGINS if plugin != "validate_content"]
    with tempfile.TemporaryDirectory() as scratch:
        content, output = Path(scratch, "content"), Path(scratch, "output")
        write_articles(content, options.articles)
        variants = {
            "unchecked build (baseline)": pelican(content, output, PLUGINS=unchecked),
            "checked build": pelican(content, output),
            "invoke check": invoke_check(content),
        }
        seconds(variants["checked build"])  # warm the share-card cache and the disk
        times = {name: [] for name in variants}
        real_content = []
        for _ in range(options.rounds):
            for name, command in variants.items():
                times[name].append(seconds(command))
            real_content.append(seconds(invoke_check()))

    medians = {name: statistics.median(values) for name, values in times.items()}
    baseline = medians["unchecked build (baseline)"]
    print(f"{options.articles} articles, {options.rounds} rounds, median seconds:")
    for name, median in medians.items():
        print(f"  {name:28} {median:6.2f} s   x{median / baseline:.2f} of baseline")
    print(f"  invoke check, real content   {statistics.median(real_content):6.2f} s")


if __name__ == "__main__":
    main()
