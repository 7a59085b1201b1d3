"""Theme files get names that change whenever their content changes, in production only."""

import pytest

from . import asset_path, hashed_name


@pytest.fixture
def theme(tmp_path):
    (tmp_path / "static/css").mkdir(parents=True)
    stylesheet = tmp_path / "static/css/site.css"
    stylesheet.write_text("body { color: black; }", encoding="utf-8")
    return tmp_path


def settings_for(theme, hashing):
    return {
        "THEME": str(theme),
        "THEME_STATIC_PATHS": ["static"],
        "THEME_STATIC_DIR": "theme",
        "ASSET_HASHING": hashing,
    }


def test_a_changed_file_gets_a_new_name(theme):
    stylesheet = theme / "static/css/site.css"
    before = hashed_name(stylesheet)
    stylesheet.write_text("body { color: navy; }", encoding="utf-8")
    after = hashed_name(stylesheet)
    assert before != after
    assert before.startswith("site.") and before.endswith(".css")


def test_the_same_content_keeps_its_name(theme):
    stylesheet = theme / "static/css/site.css"
    assert hashed_name(stylesheet) == hashed_name(stylesheet)


def test_production_links_the_hashed_name(theme):
    expected = "theme/css/" + hashed_name(theme / "static/css/site.css")
    assert asset_path(settings_for(theme, hashing=True), "css/site.css") == expected


def test_the_preview_links_the_plain_name(theme):
    assert asset_path(settings_for(theme, hashing=False), "css/site.css") == "theme/css/site.css"


def test_a_missing_theme_file_names_itself(theme):
    with pytest.raises(FileNotFoundError, match="css/missing.css"):
        asset_path(settings_for(theme, hashing=True), "css/missing.css")
