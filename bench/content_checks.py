"""What checking the content costs, and how long `invoke check` (the pre-commit hook) takes,
side by side in one run.

    .venv/bin/python bench/content_checks.py [--articles 40] [--rounds 5]

Baseline: a preview build of generated articles without the validate_content plugin (Pelican
reads them unchecked). Against it: the same build with the checks, and `invoke check` as an
editor's hook runs it (a new process, checks, warnings as errors, a throw-away output folder).
The rounds interleave the variants so that machine noise hits them alike. Prints the median
seconds of each and the ratios, then the median of `invoke check` on the real content.
"""

import statistics
import sys
import tempfile
from pathlib import Path

from generated_content import (
    interleaved_rounds,
    pelican_command,
    plugins_without,
    print_medians,
    seconds,
    size_and_rounds,
    write_articles,
)

# Timed in the same rounds, shown apart: its content is not the generated articles.
REAL_CONTENT = "invoke check, real content"


def invoke_check(content=None):
    return [sys.executable, "-m", "invoke", "check", *(["--content", str(content)] if content else [])]


def main():
    options = size_and_rounds(__doc__)

    with tempfile.TemporaryDirectory() as scratch:
        content, output = Path(scratch, "content"), Path(scratch, "output")
        write_articles(content, options.articles)
        variants = {
            "unchecked build (baseline)": pelican_command(
                content, output, PLUGINS=plugins_without("validate_content")
            ),
            "checked build": pelican_command(content, output),
            "invoke check": invoke_check(content),
            REAL_CONTENT: invoke_check(),
        }
        seconds(variants["checked build"])  # warm the share-card cache and the disk
        times, _ = interleaved_rounds(variants, options.rounds)
        real_content = times.pop(REAL_CONTENT)

    print_medians(
        f"{options.articles} articles, {options.rounds} rounds, median seconds:",
        times,
        baseline="unchecked build (baseline)",
    )
    print(f"  {REAL_CONTENT:28} {statistics.median(real_content):6.2f} s")


if __name__ == "__main__":
    main()
