"""The CMS's form is the front-matter schema: the same fields, the same required ones, widgets
that write what the checks read; a field the form cannot show stops the build."""

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated

import pytest
import yaml
from pelican.settings import read_settings
from pydantic import AfterValidator, BaseModel, Field
from support.plugin_builds import build

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.model.field_values import STATUSES, parse_date
from holistic_oriental_medicine.model.front_matter import ArticleFrontMatter, PageFrontMatter
from holistic_oriental_medicine.model.slugs import SAFE_SLUG

from . import DecapMissing
from .cms_config import ARTICLE_FORMAT, UnknownFieldType, cms_config, form_fields

# Named as the site's content folder is, which the CMS names in its paths.
TEST_DATA = Path(__file__).with_name("test_data") / "content"
CMS = ["holistic_oriental_medicine.cms"]
SETTINGS = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
# moment.js tokens of Decap's date formats, as strftime writes them.
MOMENT_TO_STRFTIME = {"YYYY": "%Y", "MM": "%m", "DD": "%d", "HH": "%H", "mm": "%M"}


@pytest.fixture(scope="module")
def preview_site(tmp_path_factory):
    return build(TEST_DATA, tmp_path_factory.mktemp("preview") / "output", CMS)


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    return build(TEST_DATA, tmp_path_factory.mktemp("published") / "output", CMS, production=True)


def written_config(site):
    return yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))


def collection_fields(config, name):
    (collection,) = [c for c in config["collections"] if c["name"] == name]
    return {field["name"]: field for field in collection["fields"]}


@pytest.mark.parametrize("collection, schema", [("articles", ArticleFrontMatter), ("pages", PageFrontMatter)])
def test_the_form_has_every_schema_field_required_as_the_schema_says(preview_site, collection, schema):
    fields = collection_fields(written_config(preview_site), collection)
    assert list(fields) == [*schema.model_fields, "body"]
    for name, field in schema.model_fields.items():
        assert fields[name].get("required", True) == field.is_required(), name
    assert fields["body"]["widget"] == "markdown"


def test_dates_are_written_as_the_checks_read_them(preview_site):
    fields = collection_fields(written_config(preview_site), "articles")
    dates = [field for field in fields.values() if field["widget"] == "datetime"]
    assert {field["name"] for field in dates} == {"date", "modified", "last_reviewed"}
    for field in dates:
        strftime = field["format"]
        for token, directive in MOMENT_TO_STRFTIME.items():
            strftime = strftime.replace(token, directive)
        written = datetime(2025, 4, 10, 9, 30).strftime(strftime)
        assert parse_date(written) == datetime(2025, 4, 10, 9, 30), field["name"]
        assert field["picker_utc"] is False


def test_the_widgets_follow_the_field_types(preview_site):
    fields = collection_fields(written_config(preview_site), "articles")
    assert fields["title"]["widget"] == "string"
    assert fields["tags"]["widget"] == "list"
    assert fields["summary"]["widget"] == "text"
    assert fields["status"]["options"] == list(STATUSES)
    assert fields["read_time"] == {**fields["read_time"], "widget": "number", "value_type": "int", "min": 1}
    assert fields["image"]["widget"] == "image"
    assert (fields["image"]["media_folder"], fields["image"]["public_folder"]) == ("/content/images", "images")


def test_categories_are_offered_from_the_site(preview_site):
    fields = collection_fields(written_config(preview_site), "articles")
    assert fields["category"]["widget"] == "category"
    assert fields["category"]["options"] == ["Articles", "Pain Relief"]


def test_the_slug_pattern_accepts_what_the_checks_accept():
    pattern = collection_fields(cms_config(SETTINGS, []), "articles")["slug"]["pattern"][0]
    for slug in ["acupuncture-for-stress", "qi", "a" * 100, "a" * 101, "Back-Pain", "a--b", "-a", "a_b"]:
        expected = bool(SAFE_SLUG.fullmatch(slug)) and len(slug) <= 100
        assert bool(re.search(pattern, slug)) == expected, slug


def test_pictures_and_files_go_to_the_content_folders(preview_site):
    config = written_config(preview_site)
    assert config["media_folder"] == "content/images"
    assert config["public_folder"] == "images"
    folders = {c["name"]: c["folder"] for c in config["collections"]}
    assert folders == {"articles": "content/articles", "pages": "content/pages"}


def test_the_preview_of_invoke_edit_saves_through_its_own_address_into_the_content_folder(tmp_path):
    backend = "http://127.0.0.1:8000/admin/api/v1/the-key-of-this-run"
    config = written_config(build(TEST_DATA, tmp_path / "output", CMS, CMS_LOCAL_BACKEND_URL=backend))
    assert config["local_backend"]["url"] == backend
    assert "publish_mode" not in config
    # The local backend's root is the content folder itself.
    assert config["media_folder"] == "images"
    assert {c["name"]: c["folder"] for c in config["collections"]} == {"articles": "articles", "pages": "pages"}
    assert collection_fields(config, "articles")["image"]["media_folder"] == "/images"


def test_a_preview_without_invoke_edit_has_no_local_backend(preview_site):
    assert "local_backend" not in written_config(preview_site)


def test_the_published_cms_saves_to_github_through_pull_requests(published_site):
    config = written_config(published_site)
    assert config["backend"]["name"] == "github"
    assert config["publish_mode"] == "editorial_workflow"
    assert "local_backend" not in config


class Reference(BaseModel):
    title: Annotated[str, Field(min_length=1)]
    year: Annotated[int, Field(ge=1800, le=2100)]
    url: str | None = None


def test_new_schema_fields_reach_the_form_with_their_limits():
    class Extended(ArticleFrontMatter):
        image_credit: Annotated[str | None, Field(description="who took the picture")] = None
        last_reviewed: date | None = None
        redirect_from: list[Annotated[str, AfterValidator(str.strip)]] | None = None
        keywords: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=5)] = []
        headline: Annotated[str, Field(min_length=1, max_length=70)]
        references: list[Reference] | None = None

    fields = {field["name"]: field for field in form_fields(Extended)}
    assert fields["image_credit"] == {
        "label": "Image credit", "name": "image_credit", "widget": "string", "required": False,
        "hint": "who took the picture",
    }
    assert fields["last_reviewed"]["widget"] == "datetime"
    assert fields["last_reviewed"]["time_format"] is False
    assert fields["redirect_from"]["widget"] == "list"
    assert fields["keywords"] == {**fields["keywords"], "widget": "list", "max": 5}
    headline = re.compile(fields["headline"]["pattern"][0])
    assert headline.search("x" * 70) and not headline.search("x" * 71)
    assert "required" not in fields["headline"]
    (title, year, url) = fields["references"]["fields"]
    assert (title["name"], title["widget"], title.get("required", True)) == ("title", "string", True)
    assert (year["min"], year["max"]) == (1800, 2100)
    assert url["required"] is False


def test_a_field_type_without_a_widget_stops_the_build():
    class Priced(ArticleFrontMatter):
        price: Decimal

    with pytest.raises(UnknownFieldType, match="'price'.*no widget"):
        form_fields(Priced)


def test_a_preview_without_the_npm_packages_has_no_admin_and_production_stops(tmp_path):
    missing = str(tmp_path / "node_modules/decap-cms/dist")
    preview = build(TEST_DATA, tmp_path / "preview", CMS, CMS_DECAP_DIST=missing)
    assert (preview / "index.html").is_file() and not (preview / "admin").exists()
    with pytest.raises(DecapMissing, match="npm ci"):
        build(TEST_DATA, tmp_path / "production", CMS, CMS_DECAP_DIST=missing, CMS_LOCAL_BACKEND=False)


def test_building_again_into_the_same_folder_replaces_the_linked_files(tmp_path):
    decap = PROJECT_ROOT / "node_modules/decap-cms/dist/decap-cms.js"
    before = decap.read_bytes()
    build(TEST_DATA, tmp_path / "output", CMS)
    assert (tmp_path / "output/admin/decap-cms.js").samefile(decap)
    build(TEST_DATA, tmp_path / "output", CMS)
    build(TEST_DATA, tmp_path / "output", CMS, CMS_LINK_DECAP_FILES=False)
    copied = tmp_path / "output/admin/decap-cms.js"
    assert not copied.samefile(decap) and copied.read_bytes() == before == decap.read_bytes()


def test_the_picture_s_description_is_required_with_the_picture():
    fields = {field["name"]: field for field in form_fields(ArticleFrontMatter)}
    assert fields["image_alt"]["widget"] == "required_with"
    assert fields["image_alt"]["required_with"] == "image"
    assert "Describe the picture" in fields["image_alt"]["required_message"]


def test_the_form_reads_articles_in_either_style_of_front_matter(preview_site):
    config = written_config(preview_site)
    assert {c["format"] for c in config["collections"]} == {ARTICLE_FORMAT}
    page = (preview_site / "admin/index.html").read_text(encoding="utf-8")
    assert f'src="front_matter_format.js" data-format-name="{ARTICLE_FORMAT}"' in page
    assert (preview_site / "admin/js-yaml.min.js").is_file()
