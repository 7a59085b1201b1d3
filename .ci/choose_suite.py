"""Choose how a push to main is checked before it goes live: `content` or `full`.

`content` (the content checks, then publish: about a minute) only when every file that changed
since the last commit that went live is under content/ or is clinic.toml; `full` (every test,
then publish) for anything else, and whenever the changes cannot be known for sure: a run not
started by a push, a forced push, no earlier deploy, a deployed commit missing from this clone
or no longer in the history, no file changed, or git failing.

Comparing with the last commit that went live, not with the previous push, matters: a push whose
tests failed never went live, so a content fix pushed after it still runs every test.

    python3 .ci/choose_suite.py --event=push --forced=false --deployed=SHA --head=SHA

writes `suite=content` or `suite=full` to $GITHUB_OUTPUT (when set) and prints the reason.
"""

import argparse
import os
import re
import subprocess
import sys

CONTENT_FOLDER = "content/"
CONTENT_FILES = {"clinic.toml"}
COMMIT = re.compile(r"[0-9a-f]{40}")


def is_content(path):
    return path.startswith(CONTENT_FOLDER) or path in CONTENT_FILES


def git(*arguments):
    return subprocess.run(["git", *arguments], capture_output=True, text=True, check=True).stdout


def changed_files(deployed, head):
    """Every path added, changed or deleted between the two commits; a renamed file counts at
    both its old and new path, so moving a file into content/ is a change where it came from."""
    listing = git("diff", "--name-only", "--no-renames", "-z", deployed, head)
    return [path for path in listing.split("\0") if path]


def choose(event, forced, deployed, head):
    """("content" or "full", why)."""
    if event != "push":
        return "full", f"a {event or 'manual'} run, not a push"
    if forced:
        return "full", "a forced push rewrote the history"
    if not deployed.strip("0"):
        return "full", "no commit has gone live yet"
    if not (COMMIT.fullmatch(deployed) and COMMIT.fullmatch(head)):
        return "full", f"not commit names: {deployed!r}, {head!r}"
    try:
        if subprocess.run(["git", "merge-base", "--is-ancestor", deployed, head], capture_output=True).returncode:
            return "full", f"the last commit that went live, {deployed[:12]}, is not in this push's history"
        changed = changed_files(deployed, head)
    except subprocess.CalledProcessError as error:
        return "full", f"git could not compare {deployed[:12]} with {head[:12]}: {error.stderr.strip()}"
    if not changed:
        return "full", f"no file changed since {deployed[:12]}"
    others = [path for path in changed if not is_content(path)]
    if others:
        return "full", f"{len(others)} file(s) outside content/ and clinic.toml changed, e.g. {others[0]}"
    return "content", f"only content changed since {deployed[:12]} ({len(changed)} file(s))"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--event", required=True, help="github.event_name")
    parser.add_argument("--forced", default="", help="github.event.forced: true for a forced push")
    parser.add_argument("--deployed", default="", help="the commit that last went live, if any")
    parser.add_argument("--head", required=True, help="the commit to publish")
    arguments = parser.parse_args(argv)
    suite, reason = choose(arguments.event, arguments.forced == "true", arguments.deployed, arguments.head)
    print(f"{suite}: {reason}")
    if os.environ.get("GITHUB_OUTPUT"):
        with open(os.environ["GITHUB_OUTPUT"], "a", encoding="utf-8") as output:
            output.write(f"suite={suite}\n")


if __name__ == "__main__":
    sys.exit(main())
