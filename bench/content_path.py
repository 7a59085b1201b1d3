"""The content path of a push, from a fresh clone on this machine, step by step: what the
publishing workflow's content job does after GitHub has started its runner.

    .venv/bin/python bench/content_path.py [--rounds 3]

Each round clones the committed project into a new folder and times, in order:
1. `python3.11 -m venv .venv && pip install -e .` (pip's download cache warm, as the workflow
   restores it), and unpacking the same .venv from a zstd tarball, as the workflow's cache of
   the installed packages does on later runs,
2. `invoke check` (no build caches yet),
3. `invoke publish` (installs Decap CMS's files first, then builds with the caches step 2 made),
4. a one-word edit of the article, then `invoke check` and `invoke publish` again: a push that
   restores the previous run's build caches, as the workflow does.
The baseline, in the same rounds: what `invoke publish` installed before, `npm ci` of every
pinned npm package on the declared Node, against the Decap install alone, in seconds and bytes.
Prints the medians.
"""

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from holistic_oriental_medicine import provision

PROJECT_ROOT = Path(__file__).resolve().parent.parent

PYTHON = f"python{(PROJECT_ROOT / '.python-version').read_text(encoding='utf-8').strip()}"
PUBLISH_ENVIRONMENT = {"PUBLISH_WITH_EXAMPLE_VALUES": "1", "SOURCE_DATE_EPOCH": "1696118400"}


def timed(command, clone, **environment):
    started = time.perf_counter()
    subprocess.run(command, cwd=clone, env={**os.environ, **environment}, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return time.perf_counter() - started


def folder_bytes(folder):
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file() and not p.is_symlink())


def one_round(scratch):
    clone = Path(scratch, "clinic-site")
    steps = {}
    steps["git clone"] = timed(["git", "clone", "--quiet", "--no-local", str(PROJECT_ROOT), str(clone)], scratch)
    steps["venv + pip install -e ."] = timed(
        ["bash", "-c", f"{PYTHON} -m venv .venv && .venv/bin/pip install --quiet -e ."], clone
    )
    # What the workflow's venv cache does instead on later runs: unpack the saved .venv.
    subprocess.run(["tar", "--zstd", "-cf", str(Path(scratch, "venv.tar.zst")), ".venv"], cwd=clone, check=True)
    shutil.rmtree(clone / ".venv")
    steps[".venv restored from its cache (tar --zstd)"] = timed(["tar", "--zstd", "-xf", str(Path(scratch, "venv.tar.zst"))], clone)
    invoke = [str(clone / ".venv/bin/invoke")]
    steps["Decap CMS install"] = timed(
        [str(clone / ".venv/bin/python"), "-c", "from holistic_oriental_medicine import provision; provision.install_admin_files()"], clone
    )
    decap_bytes = folder_bytes(clone / "node_modules")
    steps["invoke check (cold caches)"] = timed([*invoke, "check"], clone)
    steps["invoke publish"] = timed([*invoke, "publish"], clone, **PUBLISH_ENVIRONMENT)
    article = clone / "content/articles/acupuncture-for-back-pain.md"
    article.write_text(article.read_text(encoding="utf-8").replace(" the ", " The ", 1), encoding="utf-8")
    steps["after an edit: invoke check"] = timed([*invoke, "check"], clone)
    steps["after an edit: invoke publish"] = timed([*invoke, "publish"], clone, **PUBLISH_ENVIRONMENT)

    # The baseline: every pinned npm package, as publishing installed them before.
    shutil.rmtree(clone / "node_modules")
    steps["baseline: npm ci (all npm packages)"] = timed(
        ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], clone
    )
    return steps, decap_bytes, folder_bytes(clone / "node_modules")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    provision.use_declared_node()  # the baseline's npm ci runs on the Node the workflows run
    results, sizes = [], []
    for _ in range(rounds):
        with tempfile.TemporaryDirectory(prefix="content-path-") as scratch:
            steps, decap_bytes, npm_bytes = one_round(scratch)
        results.append(steps)
        sizes.append((decap_bytes, npm_bytes))

    medians = {step: statistics.median(r[step] for r in results) for step in results[0]}
    print(f"The content path from a fresh clone, {rounds} round(s), median seconds:")
    for step, value in medians.items():
        print(f"  {step:44} {value:7.1f} s")
    path = [s for s in medians if not s.startswith(("baseline", "after", "git", ".venv"))]
    print(f"  {'first publish, install to output/':44} {sum(medians[s] for s in path):7.1f} s")
    after_edit = medians["after an edit: invoke check"] + medians["after an edit: invoke publish"]
    print(f"  {'after an edit, check + publish':44} {after_edit:7.1f} s")
    cached = medians[".venv restored from its cache (tar --zstd)"] + medians["Decap CMS install"] + after_edit
    print(f"  {'with the workflow caches: venv, Decap, check, publish':44} {cached:7.1f} s")
    decap_bytes, npm_bytes = sizes[0]
    print(f"Installed for publishing: Decap CMS alone {decap_bytes / 1e6:.1f} MB in "
          f"{medians['Decap CMS install']:.1f} s; "
          f"npm ci (before) {npm_bytes / 1e6:.0f} MB in {medians['baseline: npm ci (all npm packages)']:.1f} s")


if __name__ == "__main__":
    main()
