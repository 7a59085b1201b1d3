"""`invoke check` lists the seed article's health claims that cite no source, as warnings that
leave the build going; `invoke check --strict` makes them problems that stop it."""

from support.builds import assert_failed_and_kept, check, snapshot
from support.project import PROJECT_ROOT

SEED = "content/articles/acupuncture-for-back-pain.md"
ADVICE = "is a health claim with no source in its paragraph. Cite the source there with a " \
    "footnote ([^1]) or a link, or reword it."
SEED_LINES = (PROJECT_ROOT / SEED).read_text(encoding="utf-8").splitlines()


def line_with(words):
    """The number of the seed's one line that holds `words`."""
    [number] = [number for number, line in enumerate(SEED_LINES, start=1) if words in line]
    return number


# The seed's own words, where the clinic states findings without naming the studies.
PAIN_RELIEF = line_with("approximately 70% of participants")
INFLAMMATION = line_with("a 30% reduction in inflammation")
SEED_CLAIMS = [
    (PAIN_RELIEF, "Research demonstrates"),
    (PAIN_RELIEF, "A study"),
    (PAIN_RELIEF, "70%"),
    (INFLAMMATION, "proven"),
    (INFLAMMATION, "A study"),
    (INFLAMMATION, "30%"),
]


def test_check_warns_about_each_uncited_claim_of_the_seed_and_still_passes(tmp_path):
    result = check(PROJECT_ROOT / "content", tmp_path / "output")

    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if ": warning: " in line]
    assert warnings == [
        f'{SEED}: line {line}: warning: "{phrase}" {ADVICE}' for line, phrase in SEED_CLAIMS
    ]
    assert "6 warnings (listed above)" in result.stderr
    assert (tmp_path / "output/index.html").is_file()


def test_each_warning_points_at_the_line_that_holds_the_phrase():
    for line, phrase in SEED_CLAIMS:
        assert phrase in SEED_LINES[line - 1]


def test_the_readme_shows_the_warnings_check_prints_on_the_seed():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    for line, phrase in SEED_CLAIMS:
        assert f'{SEED}: line {line}: warning: "{phrase}" {ADVICE}' in readme


def test_strict_check_fails_on_the_same_claims_and_keeps_the_previous_build(
    previous_output, tmp_path
):
    before = snapshot(previous_output)

    result = check(PROJECT_ROOT / "content", previous_output, "--strict")

    assert_failed_and_kept(result, previous_output, before)
    problems = [line for line in result.stderr.splitlines() if line.startswith(f"{SEED}: ")]
    assert problems == [f'{SEED}: line {line}: "{phrase}" {ADVICE}' for line, phrase in SEED_CLAIMS]
    assert "6 problems in the content" in result.stderr
