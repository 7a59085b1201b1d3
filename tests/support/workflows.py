"""The repository's GitHub Actions workflows, as actionlint reads them."""

import subprocess
import sys
from pathlib import Path

ACTIONLINT = Path(sys.executable).parent / "actionlint"


def lint(workflow):
    """actionlint's verdict on a GitHub Actions workflow file."""
    if not ACTIONLINT.exists():
        raise FileNotFoundError(f"{ACTIONLINT} is missing: pip install -e '.[test]'")
    return subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True)
