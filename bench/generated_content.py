"""What the build benchmarks share: a tree of generated articles, the `pelican` command that
builds it, a stopwatch that runs variants in interleaved rounds, and the table of medians
against a baseline."""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))

from pelican_command import pelican_process  # noqa: E402
from pelicanconf import PLUGINS  # noqa: E402

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


def edit_one_article(content, marker):
    """Change the text of one article, as an editor saving it does."""
    article = content / "articles/article-7.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")


# The build's caches, each in a folder of its own.
CACHE_FOLDERS = {
    "SOCIAL_CARDS_CACHE": "cards", "MARKDOWN_CACHE": "markdown", "READING_CACHE": "readings",
    "SEARCH_INDEX_CACHE": "search-index", "PAGE_CACHE": "pages", "COMPRESSED_COPIES_CACHE": "compressed",
    "PUBLISHED_CHECK_CACHE": "published-check",
}


def cache_settings(folder, cards=None):
    """The settings that keep the build's caches in `folder`; the share cards in `cards`, if
    given, so that a build emptied to measure it cold still finds them drawn, as on an editor's
    machine after the first build."""
    settings = {setting: str(Path(folder, name)) for setting, name in CACHE_FOLDERS.items()}
    if cards:
        settings["SOCIAL_CARDS_CACHE"] = str(cards)
    return settings


def plugins_without(plugin):
    """The preview's plugins (PLUGINS in pelicanconf.py) but `plugin`: a build without its step."""
    return [name for name in PLUGINS if name != plugin]


def pelican_command(content, output, settings_file="pelicanconf.py", **settings):
    """A fresh `pelican` process building `content` with `settings_file` (the preview settings
    unless told) plus `settings`."""
    return pelican_process(settings_file, output, content, quiet=True, **settings)


def measure(command, cwd=PROJECT_ROOT, environment=None):
    """(wall-clock seconds, peak resident memory in MB) of one run of `command`; a failed run
    stops the benchmark with the end of the command's output (Pelican logs its errors to stdout)."""
    with tempfile.TemporaryFile() as output:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, **(environment or {})},
            stdout=output, stderr=subprocess.STDOUT,
        )
        _pid, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            output.seek(0)
            said = output.read().decode(errors="replace")[-4000:]
            raise RuntimeError(f"{' '.join(map(str, command))} failed:\n{said}")
    return seconds, usage.ru_maxrss / 1024


def seconds(command, cwd=PROJECT_ROOT, environment=None):
    """Wall-clock seconds one run of `command` takes."""
    return measure(command, cwd, environment)[0]


def interleaved_rounds(variants, rounds, before_each=None):
    """Run each of `variants` once a round, in turn, so that machine noise hits them alike:
    ({name: seconds of each round}, {name: peak MB of each round}).

    A variant is a command, or (command, folder to run it in, environment variables);
    `before_each(name, round_number)`, if given, readies a variant just before it runs (empties
    a cache, edits an article)."""
    times = {name: [] for name in variants}
    memory = {name: [] for name in variants}
    for round_number in range(rounds):
        for name, variant in variants.items():
            if before_each:
                before_each(name, round_number)
            took, peak = measure(*(variant if isinstance(variant, tuple) else (variant,)))
            times[name].append(took)
            memory[name].append(peak)
    return times, memory


def emptied_before(variant, cache):
    """For `interleaved_rounds`: empty the folder `cache` before each run of `variant`."""

    def empty(name, _round_number):
        if name == variant:
            shutil.rmtree(cache, ignore_errors=True)

    return empty


def size_and_rounds(description, articles=40, rounds=5):
    """A benchmark's `--articles` and `--rounds` options, from its command line."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--articles", type=int, default=articles)
    parser.add_argument("--rounds", type=int, default=rounds)
    return parser.parse_args()


def print_medians(heading, times, baseline):
    """One line per variant: its median seconds and its ratio to the baseline's median."""
    medians = {name: statistics.median(values) for name, values in times.items()}
    print(heading)
    for name, median in medians.items():
        print(f"  {name:28} {median:6.2f} s   x{median / medians[baseline]:.2f} of baseline")
    return medians
