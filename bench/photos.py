"""What photos cost the build: 50 phone photos (4,032x3,024 JPEGs with EXIF, as a phone saves
them), built cold (empty photo cache) and warm (every size already made), beside the same
articles without photos, in one run.

    .venv/bin/python bench/photos.py [--photos 50] [--rounds 3]

Baseline: a preview build of the generated articles without pictures. Against it: the same
articles, each showing one photo of its own, built with an empty cache and then with the cache
the previous build left. The rounds interleave the variants so that machine noise hits them
alike. Prints the median seconds of each and the ratios, and what the photos weigh as the
phone saved them and as readers get them.
"""

import argparse
import tempfile
from pathlib import Path

from generated_content import (
    emptied_before,
    interleaved_rounds,
    pelican_command,
    print_medians,
    seconds,
    write_articles,
)
from phone_photos import write_phone_photo


def add_photos(content, count):
    """One photo of its own (distinct bytes: nothing is shared in the cache) per article."""
    for number in range(count):
        article = content / "articles" / f"article-{number}.md"
        photo = write_phone_photo(content / "images" / f"photo-{number}.jpg", seed=number)
        text = article.read_text(encoding="utf-8")
        article.write_text(f"{text}\n![Treatment room, view {number}](images/{photo.name})\n",
                           encoding="utf-8")


def megabytes(paths):
    return sum(path.stat().st_size for path in paths) / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--photos", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        text_only, with_photos = scratch / "text-only", scratch / "with-photos"
        write_articles(text_only, options.photos)
        write_articles(with_photos, options.photos)
        add_photos(with_photos, options.photos)
        caches, output = scratch / "caches", scratch / "output"
        variants = {
            "no photos (baseline)": pelican_command(text_only, output, CACHE_PATH=str(caches)),
            "photos, cold cache": pelican_command(with_photos, output, CACHE_PATH=str(caches)),
            "photos, warm cache": pelican_command(with_photos, output, CACHE_PATH=str(caches)),
        }
        seconds(variants["no photos (baseline)"])  # warm the share-card cache and the disk
        before_each = emptied_before("photos, cold cache", caches / "photos")
        times, _ = interleaved_rounds(variants, options.rounds, before_each)
        sources = list((with_photos / "images").iterdir())
        derivatives = list((output / "photos").iterdir())
        phone_sized = [path for path in derivatives if path.name.endswith("-360.avif")]
        weights = (megabytes(sources), megabytes(derivatives), megabytes(phone_sized) * 1000 / len(phone_sized))

    medians = print_medians(
        f"{options.photos} articles, {options.photos} phone photos, {options.rounds} rounds, "
        "median seconds:",
        times,
        baseline="no photos (baseline)",
    )
    extra = medians["photos, cold cache"] - medians["no photos (baseline)"]
    print(f"  cold: {extra / options.photos:.2f} s more per photo; "
          f"{len(derivatives) / len(sources):.0f} files per photo")
    print("  sources {:.1f} MB; all sizes {:.1f} MB; a phone's 360 px AVIF {:.1f} KB on average".format(*weights))


if __name__ == "__main__":
    main()
