"""front_matter: one schema for both front-matter styles, with messages that say how to fix."""

import pytest

from holistic_oriental_medicine import PROJECT_ROOT

from .field_table import field_table
from .front_matter import ArticleFrontMatter, PageFrontMatter, check_front_matter
from .source_split import FrontMatterSyntaxError, split_source

VALID = {"title": "Acupuncture for Stress", "date": "2025-04-10"}


def problems(content_root=PROJECT_ROOT / "content", **fields):
    return check_front_matter({**VALID, **fields}, content_root)


def test_the_readme_table_of_fields_is_the_schema():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert field_table() in readme, "update the README's table to:\n" + field_table()


def test_a_title_and_a_date_are_enough():
    assert problems() == []


def test_title_and_date_are_required_but_a_page_needs_no_date():
    assert [field for field, _ in check_front_matter({}, PROJECT_ROOT)] == ["title", "date"]
    assert check_front_matter({"title": "About"}, PROJECT_ROOT, PageFrontMatter) == []


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2025-02-30", '"2025-02-30" is not a real calendar date. Write it as YYYY-MM-DD, e.g. 2025-02-28.'),
        ("2024-02-30", '"2024-02-30" is not a real calendar date. Write it as YYYY-MM-DD, e.g. 2024-02-29.'),
        ("2025-13-01", '"2025-13-01" is not a real calendar date: months run from 01 to 12.'),
        ("2025-02-16 25:00", '"2025-02-16 25:00" is not a real time of day.'),
        ("Feb 16", '"Feb 16" is not a date in the form YYYY-MM-DD.'),
        ("yesterday", '"yesterday" is not a date in the form YYYY-MM-DD.'),
        ("16/02/2025", '"16/02/2025" is not a date in the form YYYY-MM-DD.'),
    ],
)
def test_a_date_must_be_a_real_iso_date(date, message):
    [(field, text)] = problems(date=date)
    assert field == "date"
    assert text.startswith(message)


def test_a_message_quotes_the_value_as_written():
    [(_field, text)] = problems(date="{yesterday}")
    assert text.startswith('"{yesterday}" is not a date')


@pytest.mark.parametrize("date", ["2025-02-16", "2025-02-16 09:30", "2025-02-16T09:30:15"])
def test_iso_dates_with_or_without_a_time_pass(date):
    assert problems(date=date) == []


def test_modified_may_not_be_earlier_than_date():
    [(field, text)] = problems(date="2025-03-01", modified="2025-02-01")
    assert field == "modified"
    assert "2025-02-01 is earlier than the date, 2025-03-01" in text
    assert problems(date="2025-03-01", modified="2025-03-01") == []


@pytest.mark.parametrize("status", ["published", "draft", "hidden", "Draft"])
def test_the_three_statuses_pass_in_any_case(status):
    assert problems(status=status) == []


def test_an_unknown_status_names_the_allowed_ones():
    assert problems(status="publish") == [
        ("status", '"publish" is not a status. Use one of: published, draft, hidden.')
    ]


@pytest.mark.parametrize("read_time", ["five", "2.5", "0", "-3"])
def test_read_time_is_a_positive_whole_number(read_time):
    [(field, _text)] = problems(read_time=read_time)
    assert field == "read_time"


def test_an_unknown_field_is_named_with_the_known_ones():
    [(field, text)] = problems(sumary="A typo")
    assert field == "sumary"
    assert "is not a front-matter field" in text and "summary" in text


@pytest.mark.parametrize("slug", ["Acupuncture", "two words", "../up", "a--b", "-a", "ü"])
def test_a_slug_must_be_safe_in_an_address(slug):
    [(field, _text)] = problems(slug=slug)
    assert field == "slug"


def test_a_cover_image_must_exist_in_the_content_folder(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images/cover.jpg").write_bytes(b"jpeg")
    alt = {"image_alt": "Needles on a tray"}
    assert problems(tmp_path, image="images/cover.jpg", **alt) == []
    assert [field for field, _ in problems(tmp_path, image="images/other.jpg", **alt)] == ["image"]
    assert [field for field, _ in problems(tmp_path, image="../../etc/hostname", **alt)] == ["image"]


def test_a_featured_image_needs_its_alt_text(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images/cover.jpg").write_bytes(b"jpeg")
    assert [field for field, _ in problems(tmp_path, image="images/cover.jpg")] == ["image_alt"]
    assert problems(tmp_path, image="images/cover.jpg", image_alt="decorative") == []


def test_tags_may_be_text_or_a_yaml_list():
    assert ArticleFrontMatter.model_validate(
        {**VALID, "tags": "a, b ,"}, context={"content_root": "."}
    ).tags == ["a", "b"]
    assert problems(tags=["a", "b"]) == []


def test_both_styles_give_the_same_fields_and_body():
    header = split_source("Title: Stress\nDate: 2025-04-10\nTags: a, b\n\nBody text.\n")
    yaml_style = split_source('---\ntitle: Stress\ndate: 2025-04-10\ntags: a, b\n---\n\nBody text.\n')
    assert header.fields == yaml_style.fields == {"title": "Stress", "date": "2025-04-10", "tags": "a, b"}
    assert header.body.strip() == yaml_style.body.strip() == "Body text."


def test_yaml_that_does_not_parse_names_its_line():
    with pytest.raises(FrontMatterSyntaxError) as error:
        split_source("---\ntitle: One\ndate: [2025\nsummary: x\n---\n\nBody.\n")
    assert error.value.line == 4


def test_an_unclosed_yaml_block_is_reported():
    with pytest.raises(FrontMatterSyntaxError, match='no closing "---"'):
        split_source("---\ntitle: One\n\nBody.\n")


@pytest.mark.parametrize(
    "old_address",
    [
        "/post/acupuncture-for-stress",
        "/post/caf%C3%A9-au-lait",
        "/single-post/2019/05/01/Café-Au-Lait",
        "/blog/old-page.html",
        "/blog/categories/pain-relief/",
        ["/post/a", "/post/b"],
    ],
)
def test_an_old_address_is_a_path_of_this_site(old_address):
    assert problems(redirect_from=old_address) == []


@pytest.mark.parametrize(
    ("old_address", "message"),
    [
        ("https://clinic.wixsite.com/post/a", "without https:// or a host name"),
        ("//clinic.example/post/a", "without https:// or a host name"),
        ("post/a", "starting with /"),
        ("/post/a b", '"/post/a b" has a space in it'),
        ('/post/a"b', "has a double quote in it"),
        ("/post/a'b", "has a quote in it"),
        ("/post/a;b", "has a semicolon in it"),
        ("/post/{a}", "has a brace in it"),
        ("/post/a\nb", "has a line break in it"),
        ("/post/a%20b", '"/post/a%20b" has a space in it'),
        ("/post/a%3Bb", "has a semicolon in it"),
        ("/post/$host", 'has "$" in it'),
        ("/post/*", 'has "*" in it'),
        ("/post/a?b=1", 'has "?" in it'),
        ("/post/a%zz", "a % that is not followed by two hex digits"),
        ("/post/%ff", "not UTF-8 text"),
        ("/post/../a", 'has a "." or ".." folder'),
        ("/post//a", "two slashes in a row"),
        ("/", "the home page's address"),
        ("/post/" + "é" * 200, "is too long: an old address may have at most 400 bytes"),
    ],
)
def test_an_old_address_that_is_not_a_safe_site_path_is_refused(old_address, message):
    [(field, text)] = problems(redirect_from=old_address)
    assert field == "redirect_from"
    assert message in text


PRACTITIONERS = {"Jordan Example": {"credentials": "L.Ac."}}
VICKERS = {
    "title": "Acupuncture for chronic pain: individual patient data meta-analysis",
    "journal": "Archives of Internal Medicine",
    "year": 2012,
    "doi": "10.1001/archinternmed.2012.3654",
}


def review_problems(**fields):
    return check_front_matter(
        {**VALID, **fields}, PROJECT_ROOT, practitioners=PRACTITIONERS, timezone="America/Los_Angeles"
    )


def test_a_review_names_a_practitioner_of_the_clinic_and_a_day():
    assert review_problems(reviewed_by="Jordan Example", last_reviewed="2025-04-20") == []
    [(field, text)] = review_problems(reviewed_by="Jordan Exampel", last_reviewed="2025-04-20")
    assert field == "reviewed_by"
    assert text.startswith('"Jordan Exampel" is not a practitioner in clinic.toml (they are: "Jordan Example")')


def test_a_reviewer_needs_a_day_and_a_day_needs_a_reviewer():
    assert review_problems(reviewed_by="Jordan Example") == [
        ("last_reviewed", 'is missing: the article names its reviewer. Add the day of the review, '
         'e.g. "last_reviewed: 2025-04-20".')
    ]
    [(field, text)] = review_problems(last_reviewed="2025-04-20")
    assert (field, text.split(".")[0]) == ("last_reviewed", "names no reviewer")


def test_the_review_is_not_before_the_date_nor_in_the_future():
    [(field, text)] = review_problems(reviewed_by="Jordan Example", last_reviewed="2025-04-09")
    assert (field, text.split(".")[0]) == ("last_reviewed", "2025-04-09 is earlier than the date, 2025-04-10")
    [(field, text)] = review_problems(reviewed_by="Jordan Example", last_reviewed="2999-01-01")
    assert (field, text.split(".")[0]) == ("last_reviewed", "2999-01-01 is in the future")
    assert review_problems(reviewed_by="Jordan Example", last_reviewed="2025-04-10") == []


def test_a_reference_with_a_doi_pmid_or_url_passes():
    assert review_problems(references=[VICKERS, {**VICKERS, "doi": None, "pmid": "22965186"}]) == []
    book = {"title": "The Web That Has No Weaver", "publisher": "McGraw-Hill", "year": "2000",
            "url": "https://archive.org/details/webthathasnoweav00kapt"}
    assert review_problems(references=[book]) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"doi": "10.1001"}, 'source 1, doi: "10.1001" is not a DOI.'),
        ({"doi": "doi:10.1001/archinternmed.2012.3654"}, 'source 1, doi: "doi:10.1001/archinternmed.2012.3654" is not a DOI.'),
        ({"doi": None, "pmid": "PMID: 22965186"}, 'source 1, pmid: "PMID: 22965186" is not a PubMed ID.'),
        ({"doi": None, "pmid": "0123"}, 'source 1, pmid: "0123" is not a PubMed ID.'),
        ({"doi": None, "url": "www.example.org"}, 'source 1, url: "www.example.org" is not a web address.'),
        ({"doi": None}, f'source 1: "{VICKERS["title"]}" has no DOI, PMID or URL'),
        ({"journal": None}, f'source 1: "{VICKERS["title"]}" names no journal or publisher.'),
        ({"year": "2012b"}, 'source 1, year: "2012b" is not a year.'),
        ({"volume": 172}, "source 1, volume: is not a field of a source."),
    ],
)
def test_a_malformed_reference_says_which_source_and_what_to_write(change, message):
    reference = {key: value for key, value in {**VICKERS, **change}.items() if value is not None}
    [(field, text)] = review_problems(references=[reference])
    assert field == "references"
    assert text.startswith(message)


def test_references_must_be_a_yaml_list_of_sources():
    [(field, text)] = review_problems(references="Vickers 2012")
    assert (field, text.split(".")[0]) == ("references", "is not a list of sources")
