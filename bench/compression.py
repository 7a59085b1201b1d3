"""How many bytes readers download from the published site, with and without its precompressed
copies, side by side in one run.

Baselines: the plain files (a host that compresses nothing) and gzip at level 1, which is what
nginx's `gzip on` does by default when it compresses on the fly. Against them: the `.gz`
(gzip -9) and `.br` (brotli 11) copies `invoke publish` writes. Reports, per kind of file, the
median size as a share of the plain file, and the bytes of a first visit to the seed article
(its HTML and the stylesheet).

    .venv/bin/python bench/compression.py            # publishes into a temporary folder
    .venv/bin/python bench/compression.py output     # measures an existing published site
"""

import os
import statistics
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
SEED_ARTICLE = "unlocking-the-healing-power-exploring-acupuncture-as-a-natural-solution-for-back-pain/index.html"
KINDS = [".html", ".css", ".js", ".xml", ".json"]


def gzip_level_1(data):
    compressor = zlib.compressobj(level=1, wbits=16 + zlib.MAX_WBITS)
    return len(compressor.compress(data) + compressor.flush())


def sizes(path):
    """(plain, on-the-fly gzip -1, .gz copy, .br copy) sizes of one file; a missing copy (the
    file was too small to gain) counts as the plain file, as a server then sends it."""
    data = path.read_bytes()
    plain = len(data)
    copies = [path.with_name(path.name + suffix) for suffix in (".gz", ".br")]
    return plain, gzip_level_1(data), *[c.stat().st_size if c.exists() else plain for c in copies]


def publish(folder):
    environment = {**os.environ, "PUBLISH_WITH_EXAMPLE_VALUES": "1"}
    subprocess.run(
        [sys.executable, "-m", "invoke", "publish", "--output", str(folder)],
        cwd=PROJECT_ROOT, env=environment, check=True, capture_output=True,
    )


def report(site):
    print(f"{'kind':<6} {'files':>5} {'median plain':>13} {'gzip -1':>8} {'.gz':>6} {'.br':>6}")
    for kind in KINDS:
        files = [p for p in site.rglob(f"*{kind}")]
        if not files:
            continue
        measured = [sizes(p) for p in files]
        ratios = [[m[i] / m[0] for m in measured] for i in (1, 2, 3)]
        print(
            f"{kind:<6} {len(files):>5} {statistics.median(m[0] for m in measured):>11.0f} B"
            + "".join(f" {statistics.median(r):>7.1%}" for r in ratios)
        )
    stylesheet = next((site / "theme").rglob("*.css"))
    visit = [sizes(site / SEED_ARTICLE), sizes(stylesheet)]
    plain, level_1, gz, br = (sum(column) for column in zip(*visit))
    print(
        f"\nfirst visit to the seed article (HTML + CSS): plain {plain} B, gzip -1 {level_1} B, "
        f".gz {gz} B, .br {br} B; .br is {br / plain:.1%} of plain and {br / level_1:.1%} of gzip -1"
    )


def main():
    if len(sys.argv) > 1:
        report(Path(sys.argv[1]))
        return
    with tempfile.TemporaryDirectory() as folder:
        publish(Path(folder) / "site")
        report(Path(folder) / "site")


if __name__ == "__main__":
    main()
