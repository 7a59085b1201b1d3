"""`invoke check --article ARTICLE` speaks about the article the editor is working on first, counts the
other files' warnings instead of listing them, and calls a draft a draft."""

import shutil

import pytest
from support.project import PROJECT_ROOT, invoke

DRAFT = """---
title: Acupuncture for Stress
date: 2025-04-10
status: draft
---

Stress shows up in the body as well as the mind.
"""
CLINIC_ARTICLE = "articles/acupuncture-for-back-pain.md"


@pytest.fixture(scope="module")
def content(tmp_path_factory):
    """The clinic's content (whose article has warnings) and a new draft."""
    folder = tmp_path_factory.mktemp("check-article") / "content"
    shutil.copytree(PROJECT_ROOT / "content", folder)
    (folder / "articles/acupuncture-for-stress.md").write_text(DRAFT, encoding="utf-8")
    return folder


def test_a_draft_is_reported_as_a_draft_and_other_warnings_are_counted(content):
    draft = content / "articles/acupuncture-for-stress.md"
    result = invoke("check", "--article", draft, "--content", content)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if str(content) in line]
    assert not [line for line in lines if line.startswith(str(content / CLINIC_ARTICLE) + ":")]
    assert lines[0].startswith("Other files have 6 warnings (")
    assert lines[-1] == (f"{draft} has no problems, but it is a draft, so it is not published: "
                         "delete its `status: draft` line when it is ready.")
    assert "ready to publish" not in result.stderr


def test_the_article_s_own_problems_come_first(content, tmp_path):
    broken = tmp_path / "content"
    shutil.copytree(content, broken)
    (broken / "articles/zz-other.md").write_text("Title: Other\nDate: 2025-02-30\n\nText.\n", encoding="utf-8")
    draft = broken / "articles/acupuncture-for-stress.md"
    draft.write_text(DRAFT.replace("date: 2025-04-10", "date: yesterday"), encoding="utf-8")
    # Sorted by name, the other article's problem would come first.
    (broken / "articles/acupuncture-for-stress.md").rename(broken / "articles/zzz-stress.md")
    draft = broken / "articles/zzz-stress.md"
    result = invoke("check", "--article", draft, "--content", broken)
    assert result.returncode != 0
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(broken))]
    assert problems[0].startswith(f"{draft}: date: ")
    assert problems[1].startswith(f"{broken / 'articles/zz-other.md'}: date: ")


def test_checking_everything_names_the_drafts_left_out(content):
    result = invoke("check", "--content", content)
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "The content is ready to publish. 1 draft is left out until its `status: draft` line is "
        f"deleted: {content / 'articles/acupuncture-for-stress.md'}."
    )
