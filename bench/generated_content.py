"""What the build benchmarks share: a tree of generated articles, the `pelican` command that
builds it, a stopwatch, and the table of medians against a baseline."""

import statistics
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from pelican_command import pelican_process  # noqa: E402

WORDS = "acupuncture needles relieve tension in the lower back and calm the nervous system".split()
SECTIONS = ("What it is", "How it helps", "What a visit is like", "Questions to ask")


def paragraph(number, length):
    """`length` words of the vocabulary, starting at a place that depends on `number`."""
    start = number % len(WORDS)
    words = [WORDS[(start + index) % len(WORDS)] for index in range(length)]
    return " ".join(words).capitalize() + "."


def article_body(number):
    """About 800 words: an introduction and four sections, each with a list and links."""
    parts = [paragraph(number, 120)]
    for section, name in enumerate(SECTIONS):
        parts += [f"## {name}", paragraph(number + section, 90), paragraph(number + section + 1, 60)]
        parts.append("\n".join(f"- {paragraph(number + item, 6)}" for item in range(3)))
    link = f"[the one before]({{filename}}article-{number - 1}.md)" if number else "the first one"
    parts.append(f"Read {link} or [call us]({{tel}}).")
    return "\n\n".join(parts) + "\n"


def write_articles(content, count):
    """Articles in both front-matter styles, each linking to the one before it."""
    articles = content / "articles"
    articles.mkdir(parents=True)
    for number in range(count):
        title = f"Article {number}: " + " ".join(WORDS[number % 5 : number % 5 + 6]).title()
        if number % 2:
            front_matter = f"---\ntitle: '{title}'\ndate: 2025-01-01\ntags: [back pain, stress]\n---\n"
        else:
            front_matter = f"Title: {title}\nDate: 2025-01-01\nTags: back pain, stress\n"
        (articles / f"article-{number}.md").write_text(
            f"{front_matter}\n{article_body(number)}", encoding="utf-8"
        )


def pelican_command(content, output, settings_file="pelicanconf.py", **settings):
    """A fresh `pelican` process building `content` with `settings_file` (the preview settings
    unless told) plus `settings`."""
    return pelican_process(settings_file, output, content, quiet=True, **settings)


def seconds(command):
    """Wall-clock seconds one run of `command` takes."""
    start = time.perf_counter()
    subprocess.run(command, cwd=PROJECT_ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def print_medians(heading, times, baseline):
    """One line per variant: its median seconds and its ratio to the baseline's median."""
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(heading)
    for name, median in medians.items():
        print(f"  {name:28} {median:6.2f} s   x{median / medians[baseline]:.2f} of baseline")
    return medians
