"""read_time: whole minutes from the words a reader sees, at least 1, overridable per article."""

from pathlib import Path

import pytest
from support.pages import page_at
from support.plugin_builds import build

from . import count_words, minutes_to_read


def test_words_are_counted_in_text_not_markup():
    assert count_words('<p>One <a href="x">two</a></p>\n<h2 id="a-b">three four</h2>') == 4


@pytest.mark.parametrize(
    ("words", "minutes"), [(0, 1), (50, 1), (357, 2), (709, 3), (2380, 10)]
)
def test_minutes_are_rounded_and_never_below_one(words, minutes):
    assert minutes_to_read(words, 238) == minutes


TEST_DATA = Path(__file__).with_name("test_data")


def test_an_editor_can_override_the_estimate(tmp_path):
    site = build(TEST_DATA, tmp_path / "output", ["read_time"])
    minutes = {
        name: page_at(site, f"{name}/").css_first(".article-meta").text()
        for name in ("short", "long", "told")
    }
    assert "1 min read" in minutes["short"]
    assert "4 min read" in minutes["long"]
    assert "7 min read" in minutes["told"]
