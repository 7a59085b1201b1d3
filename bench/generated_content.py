"""What the build benchmarks share: a tree of generated articles, the `pelican` command that
builds it, a stopwatch that runs variants in interleaved rounds, and the table of medians
against a baseline."""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from pelican.settings import read_settings
from PIL import Image, ImageDraw

from holistic_oriental_medicine.builds.pelican_command import pelican_process

PROJECT_ROOT = Path(__file__).resolve().parent.parent
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


# A site as a clinic's grows: what write_site gives its articles, in turn.
TAGS = ["back pain", "stress", "sleep", "headaches", "fertility", "digestion", "anxiety",
        "neck pain", "cupping", "herbs", "nutrition", "sports injuries"]
CATEGORIES = ["Pain Relief", "Wellbeing", "Women's Health", "Herbal Medicine", "Clinic News"]
AUTHORS = ["Holistic Oriental Medicine", "Mei Lin", "Daniel Okafor", "Sara Novak"]
# Of every 20 articles: these are a draft, scheduled (dated in the future), hidden.
UNPUBLISHED = {5: "draft", 11: "scheduled", 17: "hidden"}
PICTURES = ["treatment-room.jpg", "needles.jpg", "herbs.png"]


def kind_of(number):
    """"published", "draft", "scheduled" or "hidden": the kind of write_site's article `number`."""
    return UNPUBLISHED.get(number % 20, "published")


def write_pictures(content):
    """A few small pictures, the same bytes on every run."""
    images = content / "images"
    images.mkdir(parents=True, exist_ok=True)
    for number, name in enumerate(PICTURES):
        picture = Image.new("RGB", (480, 320), (40 + 60 * number, 120, 160 - 40 * number))
        draw = ImageDraw.Draw(picture)
        for stripe in range(0, 480, 40):
            draw.rectangle((stripe, 0, stripe + 10 + number * 5, 320), fill=(230, 220 - 30 * number, 200))
        picture.save(images / name)


def site_article(number, previous):
    """The Markdown of write_site's article `number` (YAML front matter), linking to the
    published article `previous` (a number, or None)."""
    kind = kind_of(number)
    # A day of its own, so that "the newest" is one list whatever the size.
    day = date(2005, 1, 1) + timedelta(days=number)
    tags = sorted({TAGS[number % len(TAGS)], TAGS[number * 7 % len(TAGS)],
                   TAGS[number // 3 % len(TAGS)]})
    fields = {
        "title": f"Article {number}: " + " ".join(WORDS[number % 5 : number % 5 + 5]).title(),
        "date": "2999-01-01" if kind == "scheduled" else day.isoformat(),
        "author": AUTHORS[number % len(AUTHORS)],
        "category": CATEGORIES[number % len(CATEGORIES)],
        "tags": ", ".join(tags),
        "summary": f"What article {number} says about {tags[0]}.",
    }
    if number % 4 == 1 and kind != "scheduled":
        fields["modified"] = (day + timedelta(days=30 + number % 90)).isoformat()
    if kind in ("draft", "hidden"):
        fields["status"] = kind
    if number % 7 == 3:
        fields["redirect_from"] = f"/post/old-article-{number}"
    if number % 9 == 2:
        fields["image"] = f"images/{PICTURES[number % len(PICTURES)]}"
        fields["image_alt"] = "The clinic's treatment room"
    # JSON strings are YAML strings, quotes and all; dates stay dates.
    front_matter = "".join(f"{name}: {value if name in ('date', 'modified') else json.dumps(value)}\n"
                           for name, value in fields.items())
    body = article_body(number).replace(f"article-{number - 1}.md)", f"article-{previous}.md)")
    if number % 11 == 4:
        body += f"\n![A picture of the clinic](../images/{PICTURES[number % len(PICTURES)]})\n"
    return f"---\n{front_matter}---\n\n{body}"


def write_site(content, published):
    """A clinic's site of `published` articles and the drafts, scheduled and hidden articles
    among them (3 of every 20 written), in its categories, with its tags and authors, some with
    pictures or old addresses (redirect_from), and pages (one of them hidden): the same files
    on every run. The numbers of the published articles."""
    articles = content / "articles"
    articles.mkdir(parents=True)
    write_pictures(content)
    numbers, previous, number = [], None, 0
    while len(numbers) < published:
        (articles / f"article-{number}.md").write_text(site_article(number, previous), encoding="utf-8")
        if kind_of(number) == "published":
            numbers.append(number)
            previous = number
        number += 1
    pages = content / "pages"
    pages.mkdir()
    for slug, title, extra in (("first-visit", "Your First Visit", ""),
                               ("prices", "Prices", "date: 2024-06-01\nmodified: 2025-02-01\n"),
                               ("thank-you", "Thank You", "status: hidden\n")):
        (pages / f"{slug}.md").write_text(
            f"---\ntitle: {title}\nslug: {slug}\n{extra}---\n\n{paragraph(len(slug), 80)}\n",
            encoding="utf-8",
        )
    return numbers


def edit_one_article(content, marker):
    """Change the text of one article, as an editor saving it does."""
    article = content / "articles/article-7.md"
    article.write_text(article.read_text(encoding="utf-8") + f"\n{marker}\n", encoding="utf-8")


# Revisions before CACHE_PATH named the folder of each cache in a setting of its own: given
# too, the same folders, so that bench/side_by_side.py builds an earlier revision with caches
# alike.
EARLIER_CACHE_SETTINGS = {
    "SOCIAL_CARDS_CACHE": "social-cards", "MARKDOWN_CACHE": "markdown", "READING_CACHE": "readings",
    "SEARCH_INDEX_CACHE": "search-index", "PAGE_CACHE": "pages", "COMPRESSED_COPIES_CACHE": "compressed",
    "PHOTO_CACHE": "photos", "PUBLISHED_CHECK_CACHE": "published-check",
}
SHARE_CARDS = "social-cards"


def cache_settings(folder):
    """The settings that keep the build's caches in `folder`."""
    return {"CACHE_PATH": str(folder),
            **{setting: str(Path(folder, name)) for setting, name in EARLIER_CACHE_SETTINGS.items()}}


def empty_but_cards(folder):
    """Empty the caches in `folder` but the share cards, so that a build measured cold still
    finds them drawn, as on an editor's machine after the first build."""
    for cache in Path(folder).glob("*"):
        if cache.name != SHARE_CARDS:
            shutil.rmtree(cache, ignore_errors=True)


def plugins_without(plugin):
    """The site's plugins (PLUGINS in pelicanconf.py, production's too) but `plugin`: a build,
    preview or production, without its step."""
    plugins = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["PLUGINS"]
    return [name for name in plugins if name.rpartition(".")[2] != plugin]


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
