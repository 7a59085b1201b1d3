"""Which encoder settings give readers the fewest bytes at the same perceived quality: real
photos, at every width the site makes of them, encoded as AVIF, WebP and JPEG over a range of
quality and speed settings and scored against the resized original with butteraugli.

    .venv/bin/python bench/photo_encoding.py            # encode, score, choose (about 10 minutes)
    .venv/bin/python bench/photo_encoding.py --reuse    # choose again from the last scores
    .venv/bin/python bench/photo_encoding.py --only speed=6 --width 720  # some settings, one width
    .venv/bin/python bench/photo_encoding.py --phone-photo 3  # one phone photo's files: earlier vs now

The photos are real photographs shipped inside packages (PHOTO_SET says which, and their
licences), fetched once with apt-get and pip into cache/bench-photos/. Each one is made upright
and sRGB and resized exactly as the build does (holistic_oriental_medicine/plugins/photos/derivatives.py); every setting
encodes that resized picture, the result is decoded, and butteraugli (libjxl's
`butteraugli_main`, Debian package libjxl-devtools) scores its difference from the resized
original: the 3-norm over the picture, 0 for identical, about 1 for a difference a careful eye
just sees at 1:1, lower is better.

The target score is that of today's WebP setting (`BASELINE`) on the whole set. For each format,
the setting chosen is the one with the fewest bytes in total whose mean score matches it or is
better (within MATCHED), among those that take at most TIME_BUDGET times as long as today's
setting of that format. Bytes at exactly the target
score are also interpolated along each setting's quality range, for the comparison of formats at
matched quality. The table goes to bench/results/photo_encoding.md, every score to
bench/results/photo_encoding.json.
"""

import argparse
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from pelican.settings import read_settings
from phone_photos import write_phone_photo
from PIL import Image

from holistic_oriental_medicine.plugins.photos.derivatives import in_srgb, plan, write_rasters
from holistic_oriental_medicine.plugins.photos.sources import inspect_source

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SETTINGS = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
PHOTO_ENCODING, PHOTO_WIDTHS = SETTINGS["PHOTO_ENCODING"], SETTINGS["PHOTO_WIDTHS"]
PHOTO_MAX_PIXELS, PHOTO_SOURCE_SUFFIXES = SETTINGS["PHOTO_MAX_PIXELS"], SETTINGS["PHOTO_SOURCE_SUFFIXES"]

PHOTOS = PROJECT_ROOT / "cache/bench-photos"
RESULTS = PROJECT_ROOT / "bench/results"
BUTTERAUGLI = "butteraugli_main"
# What one photo may cost the build in one format, all its widths, as a multiple of today's
# setting's time in the same run (a ratio, since a busy machine stretches every time alike):
# made once and cached, a new photo may cost a cold build a few seconds more, not a minute.
TIME_BUDGET = 3.0
# Scores within this fraction of the target count as matched: the quality steps tried are 5 apart.
MATCHED = 0.01


@dataclass(frozen=True)
class BenchPhoto:
    name: str
    shows: str
    package: str  # "deb:NAME" or "pypi:NAME==VERSION"
    member: str  # the file's path inside the package
    licence: str


PHOTO_SET = (
    BenchPhoto("astronaut", "portrait, a face, lettering on patches", "pypi:scikit-image==0.26.0",
               "skimage/data/astronaut.png", "public domain (NASA, Eileen Collins)"),
    BenchPhoto("chelsea", "a face (a cat's), fur", "pypi:scikit-image==0.26.0",
               "skimage/data/chelsea.png", "CC0 (Stefan van der Walt)"),
    BenchPhoto("coffee", "close-up, wood grain, glossy china", "pypi:scikit-image==0.26.0",
               "skimage/data/coffee.png", "CC0 (Rachel Michetti)"),
    BenchPhoto("evening-glow", "landscape: boats on a shore, sunset sky", "deb:plasma-workspace-wallpapers",
               "usr/share/wallpapers/EveningGlow/contents/images/2560x1600.jpg", "LGPL-3 (Ian Hex)"),
    BenchPhoto("path", "landscape: forest, fine detail", "deb:plasma-workspace-wallpapers",
               "usr/share/wallpapers/Path/contents/images/2560x1600.jpg", "LGPL-3 (Risto Saukonpää)"),
    BenchPhoto("kite", "smooth blue sky, clouds, a small kite", "deb:plasma-workspace-wallpapers",
               "usr/share/wallpapers/Kite/contents/images/2560x1600.jpg", "LGPL-3 (Risto Saukonpää)"),
    BenchPhoto("summer-night", "smooth gradient sky over water", "deb:plasma-workspace-wallpapers",
               "usr/share/wallpapers/summer_1am/contents/images/2560x1600.jpg", "LGPL-3 (Risto Saukonpää)"),
    BenchPhoto("garden", "a flower before a soft, blurred garden", "deb:mate-backgrounds",
               "usr/share/backgrounds/mate/nature/Garden.jpg", "GPL-2+ (Charles Barbin)"),
)

# Today's settings (what the site wrote before this bench chose), and the range tried.
BASELINE = {
    "avif": {"quality": 55, "speed": 8},
    "webp": {"quality": 75, "method": 4},
    "jpeg": {"quality": 78, "optimize": True, "progressive": True},
}
TRIED = (
    [("avif", {"quality": q, "speed": s}) for s in (8, 6, 5) for q in (35, 40, 45, 50, 55, 60, 65)]
    # Beyond quality and speed, libaom's options (Pillow's `advanced`; libavif already has libaom
    # tune for still images, `tune=iq`): other metrics to tune for, full-resolution colour (4:4:4) and
    # a bias towards sharp edges, since butteraugli weighs the colour edges and fine texture that
    # 4:2:0 and the deblocking filter soften.
    + [("avif", {"quality": q, "speed": 6, **extra}) for q in (50, 55, 60)
       for extra in ({"advanced": {"tune": "ssim"}}, {"advanced": {"tune": "ssimulacra2"}},
                     {"subsampling": "4:4:4"}, {"subsampling": "4:4:4", "advanced": {"sharpness": "1"}},
                     {"subsampling": "4:4:4", "advanced": {"sharpness": "2"}})]
    + [("avif", {"quality": q, "speed": 5, "subsampling": "4:4:4"}) for q in (50, 55, 60)]
    + [("webp", {"quality": q, "method": m}) for m in (4, 6) for q in (60, 65, 70, 75, 80, 85, 90)]
    + [("jpeg", {"quality": q, "optimize": True, "progressive": True}) for q in (60, 65, 70, 75, 78, 80, 85, 90)]
)


# The widths and settings the build used before the ones in pelicanconf.py, for --phone-photo.
EARLIER = {"PHOTO_WIDTHS": [360, 480, 720, 960, 1200],
           "PHOTO_ENCODING": {"avif": {"quality": 55, "speed": 6}, "webp": {"quality": 75, "method": 4},
                              "jpeg": {"quality": 75, "optimize": True, "progressive": True}}}


def label(image_format, options):
    flat = {**{key: value for key, value in options.items() if key != "advanced"}, **options.get("advanced", {})}
    return image_format + " " + " ".join(f"{key}={value}" for key, value in sorted(flat.items())
                                         if value is not True) + "".join(
        f" {key}" for key, value in sorted(flat.items()) if value is True)


SETTINGS = list({label(*setting): setting for setting in TRIED + list(BASELINE.items())}.values())


def fetch(photo):
    """The photo's file, taken out of its package the first time."""
    kind, package = photo.package.split(":", 1)
    target = PHOTOS / f"{photo.name}{Path(photo.member).suffix}"
    if target.is_file():
        return target
    PHOTOS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        if kind == "deb":
            subprocess.run(["apt-get", "download", package], cwd=scratch, check=True, capture_output=True)
            (deb,) = Path(scratch).glob("*.deb")
            subprocess.run(["dpkg-deb", "-x", deb, Path(scratch, "tree")], check=True)
            shutil.copyfile(Path(scratch, "tree", photo.member), target)
        else:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                            "-d", scratch, package], check=True, capture_output=True)
            (wheel,) = Path(scratch).glob("*.whl")
            with zipfile.ZipFile(wheel) as archive:
                target.write_bytes(archive.read(photo.member))
    return target


def widths_of(width):
    """The widths the build makes of a photo this wide (holistic_oriental_medicine/plugins/photos/derivatives.plan)."""
    largest = min(width, max(PHOTO_WIDTHS))
    return sorted({w for w in PHOTO_WIDTHS if w < largest} | {largest})


def butteraugli(reference, distorted):
    finished = subprocess.run([BUTTERAUGLI, reference, distorted], capture_output=True, text=True, check=True)
    return float(finished.stdout.split("3-norm:")[1].split()[0])


def score_width(name, path, width, settings):
    """Each setting's bytes, encoding seconds and score for `path` resized to `width`."""
    with Image.open(path) as opened:
        upright = in_srgb(opened)
    resized = upright.resize((width, max(1, round(upright.height * width / upright.width))),
                             Image.Resampling.LANCZOS)
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        reference, distorted = Path(scratch, "reference.png"), Path(scratch, "distorted.png")
        resized.save(reference)
        for image_format, options in settings:
            encoded = io.BytesIO()
            started = time.perf_counter()
            resized.save(encoded, image_format.upper(), **options)
            seconds = time.perf_counter() - started
            Image.open(encoded).convert("RGB").save(distorted)
            rows.append({"photo": name, "width": width, "setting": label(image_format, options),
                         "format": image_format, "options": options, "bytes": encoded.tell(),
                         "seconds": seconds, "score": butteraugli(reference, distorted)})
    return rows


def measure(jobs, settings, only_width=None):
    if not shutil.which(BUTTERAUGLI):
        sys.exit(f"{BUTTERAUGLI} is missing: install Debian's libjxl-devtools (apt-get install libjxl-devtools)")
    work = []
    for photo in PHOTO_SET:
        path = fetch(photo)
        with Image.open(path) as opened:
            widths = [min(only_width, opened.width)] if only_width else widths_of(opened.width)
            work += [(photo.name, path, width, settings) for width in widths]
    rows = []
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for done, result in enumerate(pool.map(score_width, *zip(*work, strict=True)), 1):
            rows += result
            print(f"  {done} of {len(work)} photo sizes scored", file=sys.stderr)
    return rows


def summary(rows):
    """Per setting: total bytes, mean score and seconds per photo (all its widths, mean)."""
    settings = {}
    for row in rows:
        entry = settings.setdefault(row["setting"], {"format": row["format"], "options": row["options"],
                                                     "bytes": 0, "scores": [], "seconds": {}})
        entry["bytes"] += row["bytes"]
        entry["scores"].append(row["score"])
        entry["seconds"][row["photo"]] = entry["seconds"].get(row["photo"], 0) + row["seconds"]
    for entry in settings.values():
        entry["score"] = statistics.mean(entry.pop("scores"))
        # Every width of one photo, the mean over the photos: steadier on a busy machine than one.
        entry["seconds"] = statistics.mean(entry["seconds"].values())
    return settings


def speed_group(entry):
    return json.dumps({key: value for key, value in entry["options"].items() if key != "quality"}, sort_keys=True)


def bytes_at(entries, target):
    """Total bytes at exactly the `target` score, interpolated between the two qualities of one
    speed setting that score either side of it; None out of the range tried."""
    ordered = sorted(entries, key=lambda entry: entry["options"]["quality"])
    for lower, higher in zip(ordered, ordered[1:]):
        if higher["score"] <= target <= lower["score"]:
            part = (lower["score"] - target) / ((lower["score"] - higher["score"]) or 1)
            return lower["bytes"] + part * (higher["bytes"] - lower["bytes"])
    return None


def choose(settings, target):
    """Per format tried beyond today's setting: the fewest bytes at a score matching `target` or
    better, within the time budget, and the bytes at exactly `target` of its best speed setting."""
    chosen = {}
    for image_format, options in BASELINE.items():
        if sum(entry["format"] == image_format for entry in settings.values()) == 1:
            continue
        budget = TIME_BUDGET * settings[label(image_format, options)]["seconds"]
        affordable = [(name, entry) for name, entry in settings.items()
                      if entry["format"] == image_format and entry["seconds"] <= budget]
        name, entry = min(((name, entry) for name, entry in affordable if entry["score"] <= target * (1 + MATCHED)),
                          key=lambda item: item[1]["bytes"])
        groups = {}
        for _, other in affordable:
            groups.setdefault(speed_group(other), []).append(other)
        matched = [value for value in (bytes_at(group, target) for group in groups.values()) if value]
        matched += [other["bytes"] for _, other in affordable if other["score"] == target]  # the target itself
        # None when no setting's qualities lie either side of the target (one quality tried).
        chosen[image_format] = {"setting": name, **entry, "bytes_at_target": min(matched, default=None)}
    return chosen


def report(rows, settings, chosen, target):
    baseline = {fmt: settings[label(fmt, options)] for fmt, options in BASELINE.items()}
    lines = [
        f"{len(PHOTO_SET)} photos, {len(rows) // len(settings)} photo sizes; butteraugli 3-norm "
        f"(lower is better), mean over every size; bytes in total; seconds: every width of one "
        f"photo, mean over the photos.",
        "",
        "| format | setting | bytes | x today | butteraugli | seconds a photo, x today |",
        "|---|---|---|---|---|---|",
    ]
    for image_format in chosen:
        for kind, entry in (("today", baseline[image_format]), ("chosen", chosen[image_format])):
            lines.append(f"| {image_format} ({kind}) | {label(image_format, entry['options'])} "
                         f"| {entry['bytes'] / 1024:.0f} KB | {entry['bytes'] / baseline[image_format]['bytes']:.2f} "
                         f"| {entry['score']:.3f} | {entry['seconds']:.2f}, "
                         f"x{entry['seconds'] / baseline[image_format]['seconds']:.1f} |")
    webp = chosen["webp"] if "webp" in chosen else {**baseline["webp"], "bytes_at_target": baseline["webp"]["bytes"]}
    at_target = ", ".join(f"{fmt} {chosen[fmt]['bytes_at_target'] / 1024:.0f} KB "
                          f"(x{chosen[fmt]['bytes_at_target'] / webp['bytes_at_target']:.2f} WebP)"
                          for fmt in chosen if chosen[fmt]["bytes_at_target"]) or "none (too few qualities tried)"
    lines += [
        "",
        f"Target score {target:.3f} (today's WebP, {webp['bytes_at_target'] / 1024:.0f} KB). Bytes at exactly "
        f"that score, interpolated: {at_target}.",
        f"Chosen settings, AVIF / WebP bytes: {chosen['avif']['bytes'] / webp['bytes']:.2f}.",
        "",
        "Every setting tried:",
        "",
        "| setting | bytes | butteraugli | seconds a photo |",
        "|---|---|---|---|",
    ]
    for name, entry in settings.items():
        lines.append(f"| {name} | {entry['bytes'] / 1024:.0f} KB | {entry['score']:.3f} | {entry['seconds']:.2f} |")
    lines += ["", "| photo | shows | package | licence |", "|---|---|---|---|"]
    for photo in PHOTO_SET:
        lines.append(f"| {photo.name} | {photo.shows} | {photo.package} `{photo.member}` | {photo.licence} |")
    return "\n".join(lines)


def phone_photo_seconds(rounds):
    """Seconds to make every file of one 4,032x3,024 phone photo with the earlier widths and
    settings and with today's, in alternated rounds: the files made and the median seconds."""
    variants = {"earlier": EARLIER, "now": {"PHOTO_WIDTHS": PHOTO_WIDTHS, "PHOTO_ENCODING": PHOTO_ENCODING}}
    times = {name: [] for name in variants}
    with tempfile.TemporaryDirectory() as scratch:
        settings = {"PHOTO_MAX_PIXELS": PHOTO_MAX_PIXELS, "PHOTO_SOURCE_SUFFIXES": PHOTO_SOURCE_SUFFIXES}
        source = inspect_source(write_phone_photo(Path(scratch, "phone.jpg")), settings)
        for round_number in range(rounds):
            for name, chosen in variants.items():
                folder = Path(scratch, f"{name}-{round_number}")
                folder.mkdir()
                photo = plan(source, "phone", {**settings, **chosen})
                started = time.perf_counter()
                write_rasters(photo, folder, chosen["PHOTO_ENCODING"])
                times[name].append(time.perf_counter() - started)
        for name, values in times.items():
            print(f"{name}: {len(list(Path(scratch, f'{name}-0').iterdir()))} files, "
                  f"{statistics.median(values):.2f} s (rounds: {', '.join(f'{value:.2f}' for value in values)}), "
                  f"x{statistics.median(values) / statistics.median(times['earlier']):.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2, help="photo sizes scored at once (default 2)")
    parser.add_argument("--reuse", action="store_true", help="choose again from the last run's scores")
    parser.add_argument("--only", action="append", metavar="TEXT",
                        help="score only the settings whose name holds TEXT (e.g. 'speed=6'), beside today's")
    parser.add_argument("--width", type=int, help="score each photo at this width only (or its own, if narrower)")
    parser.add_argument("--phone-photo", type=int, metavar="ROUNDS",
                        help="only time making one phone photo's files, earlier settings against today's")
    arguments = parser.parse_args()
    if arguments.phone_photo:
        return phone_photo_seconds(arguments.phone_photo)
    settings = [setting for setting in SETTINGS if not arguments.only or setting in BASELINE.items()
                or any(text in label(*setting) for text in arguments.only)]
    RESULTS.mkdir(parents=True, exist_ok=True)
    scores = RESULTS / "photo_encoding.json"
    if arguments.reuse:
        rows = json.loads(scores.read_text(encoding="utf-8"))
    else:
        rows = measure(arguments.jobs, settings, arguments.width)
        scores.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    settings = summary(rows)
    target = settings[label("webp", BASELINE["webp"])]["score"]
    result = report(rows, settings, choose(settings, target), target)
    (RESULTS / "photo_encoding.md").write_text(result + "\n", encoding="utf-8")
    print(result)


if __name__ == "__main__":
    main()
