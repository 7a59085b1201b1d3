"""Bounded work on every input: a source or a picture just within each limit is built; one just
past it is refused by `invoke check`, with one line naming the file and the line, before the
step whose work it would make explode (Markdown's link reading, the HTML checks, decoding).
Past these limits the build took minutes (20,000 `[`), half a minute (30,000 nested <div>s) or
grew with every scan of a progressive JPEG."""

import io

import pytest
from pelican.settings import read_settings
from PIL import Image
from support.builds import check
from support.project import PROJECT_ROOT

from holistic_oriental_medicine.checks.nesting import MAX_BRACKETS_IN_A_PARAGRAPH, MAX_HTML_NESTING
from holistic_oriental_medicine.plugins.photos.sources import MAX_JPEG_SCANS, PhotoProblem, inspect_source

FRONT_MATTER = "Title: Limits\nDate: 2025-01-01\n\nText.\n\n"


def progressive_jpeg(scans):
    """A small progressive JPEG of exactly `scans` scans: Pillow's own, its smallest scan
    repeated (decoders read each again)."""
    picture = Image.effect_noise((320, 240), 60).convert("RGB")
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", progressive=True, quality=75)
    data = buffer.getvalue()
    starts = [index for index in range(len(data) - 1) if data[index:index + 2] == b"\xff\xda"]
    segments = [data[start:end] for start, end in zip(starts, [*starts[1:], len(data) - 2])]
    smallest = min(segments, key=len)
    return data[:-2] + smallest * (scans - len(starts)) + data[-2:]


def content_with(tmp_path, body, picture_scans=None):
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    if picture_scans:
        (content / "images").mkdir()
        (content / "images/room.jpg").write_bytes(progressive_jpeg(picture_scans))
        body += "\n\n![The treatment room](images/room.jpg)\n"
    (content / "articles/article.md").write_text(FRONT_MATTER + body + "\n", encoding="utf-8")
    return content


def nested_html(depth):
    return "<div>" * depth + "Deep." + "</div>" * depth


def test_an_article_and_a_picture_just_within_every_limit_are_built(tmp_path):
    body = "Brackets " + "[" * MAX_BRACKETS_IN_A_PARAGRAPH + "\n\n" + nested_html(MAX_HTML_NESTING)
    content = content_with(tmp_path, body, picture_scans=MAX_JPEG_SCANS)
    result = check(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output/limits/index.html").is_file()


@pytest.mark.parametrize(
    ("case", "where", "words"),
    [
        ("brackets", "line 6", "has 20,000 [ in one paragraph; at most 500 are read"),
        ("html", "line 6", "has HTML elements nested more than 20 deep"),
        ("scans", "line 8", '"room.jpg" is a JPEG of 3,000 scans'),
    ],
)
def test_an_input_past_a_limit_is_refused_before_the_work(case, where, words, tmp_path):
    body = {"brackets": "[" * 20_000, "html": nested_html(30_000), "scans": "Words."}[case]
    content = content_with(tmp_path, body, picture_scans=3_000 if case == "scans" else None)
    result = check(content, tmp_path / "output")
    assert result.returncode != 0
    [line] = [line for line in result.stderr.splitlines() if line.startswith(str(content))]
    assert line.startswith(f"{content}/articles/article.md: {where}: "), line
    assert words in line


def test_a_picture_far_larger_than_its_pixels_need_is_refused_from_its_header(tmp_path):
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    picture = tmp_path / "room.jpg"
    picture.write_bytes(progressive_jpeg(10) + b"\0" * 2_000_000)
    with pytest.raises(PhotoProblem, match="far more than a picture of that size needs"):
        inspect_source(picture, settings)
