"""What the CMS at /admin/ costs the preview and weighs for editors, side by side in one run.

    .venv/bin/python bench/cms_admin.py [--articles 40] [--rounds 5]

Baseline: a preview build of generated articles without the decap_admin plugin. Against it: the
same build with the admin written into the output, as every rebuild of `invoke livereload` and
`invoke edit` does. The rounds interleave the two. Then the weight of the admin an editor's
browser downloads from the published site (brotli, as nginx sends it), beside the same files
plain; readers' pages load none of it (tests/test_cms_admin.py).
"""

import tempfile
from pathlib import Path

from generated_content import (
    PROJECT_ROOT,
    interleaved_rounds,
    pelican_command,
    plugins_without,
    print_medians,
    seconds,
    size_and_rounds,
    write_articles,
)
from pelican.plugins.precompress import compress_with_brotli
from pelican.settings import read_settings

from holistic_oriental_medicine.cms import DECAP_FILES

CMS_DECAP_DIST = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))["CMS_DECAP_DIST"]


def admin_weight():
    """(plain bytes, brotli bytes) of the admin's main file, and of every Decap file."""
    files = sorted({path for pattern in DECAP_FILES for path in Path(CMS_DECAP_DIST).glob(pattern)})
    main = Path(CMS_DECAP_DIST, "decap-cms.js").read_bytes()
    return len(main), len(compress_with_brotli(main)), sum(path.stat().st_size for path in files), len(files)


def main():
    options = size_and_rounds(__doc__)

    with tempfile.TemporaryDirectory() as scratch:
        content, output = Path(scratch, "content"), Path(scratch, "output")
        write_articles(content, options.articles)
        variants = {
            "preview without the admin": pelican_command(
                content, output, PLUGINS=plugins_without("cms")
            ),
            "preview with the admin": pelican_command(content, output),
        }
        seconds(variants["preview with the admin"])  # warm the share-card cache and the disk
        times, _ = interleaved_rounds(variants, options.rounds)

    print_medians(
        f"{options.articles} articles, {options.rounds} rounds, median seconds:",
        times,
        baseline="preview without the admin",
    )
    main_plain, main_brotli, all_plain, count = admin_weight()
    print(f"Admin: decap-cms.js {main_plain / 1e6:.2f} MB plain, {main_brotli / 1e6:.2f} MB brotli; "
          f"{count} Decap files, {all_plain / 1e6:.2f} MB plain in all (loaded as needed)")


if __name__ == "__main__":
    main()
