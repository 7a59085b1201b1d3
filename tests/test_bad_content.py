"""Bad content stops `invoke check` with one clear line per problem, and loses nothing.

Each folder in tests/bad_content/ is a tiny content tree with one kind of mistake. Checking it
into a folder that holds a previous good build must fail, print a line that names the file and
the field (or line) at fault, and leave the previous build and the content byte for byte as
they were.
"""

import shutil
import subprocess

import pytest
from support.builds import assert_failed_and_kept, check, snapshot
from support.project import CLINIC, PROJECT_ROOT

from holistic_oriental_medicine.builds.pelican_command import pelican_process

CORPUS = PROJECT_ROOT / "tests/bad_content"

# case: (the file at fault, the field or line named, words the message must contain)
EXPECTED = {
    "title_missing": ("articles/article.md", "title", "is missing"),
    "title_empty": ("articles/article.md", "title", "is empty"),
    "empty_file": ("articles/article.md", "file", "is empty"),
    "no_body": ("articles/article.md", "body", "no text after the front matter"),
    "date_not_a_calendar_day": ("articles/article.md", "date", '"2025-02-30" is not a real calendar date. Write it as YYYY-MM-DD, e.g. 2025-02-28.'),
    "date_not_iso": ("articles/article.md", "date", '"Feb 16" is not a date in the form YYYY-MM-DD'),
    "date_in_words": ("articles/article.md", "date", '"yesterday" is not a date in the form YYYY-MM-DD'),
    "modified_before_date": ("articles/article.md", "modified", "is earlier than the date"),
    "unknown_status": ("articles/article.md", "status", '"publish" is not a status'),
    "read_time_not_a_number": ("articles/article.md", "read_time", '"five" is not a whole number'),
    "unknown_field": ("articles/article.md", "sumary", "is not a front-matter field"),
    "not_utf8": ("articles/article.md", "line 1", "is not UTF-8 text"),
    "yaml_does_not_parse": ("articles/article.md", "line 5", "the YAML front matter does not parse"),
    "same_url": ("articles/first.md", "slug", "has the same address, /same-address/"),
    "missing_link_target": ("articles/article.md", "line 6", '"{filename}no-such-article.md"'),
    "misspelt_link_target": ("articles/article.md", "line 6", 'Did you mean "acupuncture-for-back-pain.md"?'),
    "missing_image": ("articles/article.md", "line 6", '"{static}/images/no-such-picture.jpg"'),
    "missing_cover_image": ("articles/article.md", "image", '"images/no-such-cover.jpg" is not a file'),
    "title_without_letters": ("articles/article.md", "title", "gives an empty address"),
    "slug_unsafe": ("articles/article.md", "slug", '"../../etc/passwd" is not a safe address'),
    "title_too_long": ("articles/article.md", "title", "makes an address 143 characters long"),
    "script_tag": ("articles/article.md", "line 6", "has a <script>"),
    "event_handler": ("articles/article.md", "line 6", 'inline event handler (onmouseover="…")'),
    "md_link_without_filename": ("articles/article.md", "line 6", 'without {filename}. Write "{filename}acupuncture-for-back-pain.md" instead'),
    "link_to_preview_address": ("articles/article.md", "line 6", 'the preview on your computer, which readers cannot reach. Write "{filename}acupuncture-for-back-pain.md"'),
    "link_to_site_address": ("articles/article.md", "line 6", 'the site\'s own address written out, which breaks in the preview and if the site moves. Write "{filename}acupuncture-for-back-pain.md"'),
    "link_to_misspelt_site_path": ("articles/article.md", "line 6", '"/acupuncture-for-bak-pain/", which is no page of this site. Did you mean "{filename}acupuncture-for-back-pain.md"?'),
    "link_to_unpublished_file": ("articles/article.md", "line 4", "a file the site does not publish"),
    "unknown_link_name": ("articles/article.md", "line 6", '"{phone}", a link name the site does not know'),
    "not_markdown": ("articles/article.txt", "file", "is not a Markdown file"),
    "tag_without_letters": ("articles/article.md", "tags", '"🌸" has no letters or digits'),
    "redirect_from_other_host": ("articles/article.md", "redirect_from", "without https:// or a host name"),
    "redirect_from_injection": ("articles/article.md", "redirect_from", 'has a double quote in it'),
    "redirect_from_loop": ("articles/article.md", "redirect_from", "is this article's own address"),
    "redirect_from_page_address": ("articles/article.md", "redirect_from", '"/tags/" is the address of the site\'s own tags page'),
    "redirects_file_to_no_page": ("redirects.toml", '"/blog/categories/nutrition"', 'leads to "/category/nutrition/", which is no page of this site'),
    "redirect_from_home_index": ("articles/article.md", "redirect_from", '"/index.html" is the address of the site\'s own index page'),
    "redirect_from_page_index": ("articles/article.md", "redirect_from", '"/Sleep-Better/index.html" is taken already by tests/bad_content/redirect_from_page_index/articles/other.md'),
    "redirect_from_percent_encoded": ("articles/article.md", "redirect_from", '"/%73leep-better" is taken already by tests/bad_content/redirect_from_percent_encoded/articles/other.md'),
    "redirect_from_site_file": ("articles/article.md", "redirect_from", '"/sitemap.xml" is the address of the site\'s own file sitemap.xml'),
    "redirect_from_site_folder": ("articles/article.md", "redirect_from", '"/theme/css/site.css" is the address of the site\'s own folder /theme/'),
    "redirects_file_to_another_site": ("redirects.toml", '"/blog"', 'leads to "https://evil.example/", which is no page of this site'),
    "redirects_file_over_the_home_page": ("redirects.toml", '"/Index.html"', "is taken already by the site's own index page"),
    "redirect_from_twice": ("articles/first.md", "redirect_from", '"/post/acupuncture" is taken already by'),
    "bare_cr_hides_script": ("articles/article.md", "line 5", "has a <script>"),
    "saved_as_utf16": ("articles/article.md", "file", 'is saved as UTF-16 ("Unicode" in Windows Notepad), not UTF-8'),
    "saved_as_windows_1252": ("articles/article.md", "line 4", '"’" in Windows-1252'),
    "yaml_key_twice": ("articles/article.md", "line 5", 'the field "date" is given twice, on lines 3 and 5'),
    "header_key_twice": ("articles/article.md", "line 4", 'the field "date" is given twice, on lines 2 and 4'),
    "yaml_nested_too_deep": ("articles/article.md", "line 4", "lists or maps ([ ] or { }) nested more than 10 deep"),
    "yaml_alias_bomb": ("articles/article.md", "line 5", "uses a YAML alias"),
    "control_character": ("articles/article.md", "line 6", "invisible character (U+001B)"),
    "noncharacter": ("articles/article.md", "line 4", "invisible character (U+FFFE)"),
    "meta_refresh": ("articles/article.md", "line 6", "has a <meta>, which an article may not contain"),
    "base_tag": ("articles/article.md", "line 6", "has a <base>"),
    "iframe_srcdoc": ("articles/article.md", "line 6", "has a <iframe>"),
    "form_tag": ("articles/article.md", "line 6", "has a <form>"),
    "object_tag": ("articles/article.md", "line 6", "has a <object>"),
    "embed_tag": ("articles/article.md", "line 6", "has a <embed>"),
    "noscript_tag": ("articles/article.md", "line 6", "has a <noscript>"),
    "javascript_scheme_hidden": ("articles/article.md", "line 6", "has a javascript: link on a <a>"),
    "link_out_of_content": ("images/env.txt", "file", "is a link to /proc/self/environ, outside the content folder"),
    "static_html": ("images/page.html", "file", "is not a kind of file the site publishes"),
    "static_js": ("images/tool.js", "file", "is not a kind of file the site publishes"),
    "static_svg": ("articles/article.md", "line 4", '"logo.svg" contains a <script>'),
    "static_link_to_html": ("files/tool.html", "file", "is not a kind of file the site publishes"),
    "too_many_tags": ("articles/article.md", "tags", "has 41 tags; an article may have at most 20"),
    "too_many_tags_on_the_site": ("articles/article-26.md", "tags", '"topic 501" would be tag number 501 of the site, which may have at most 500'),
    "title_over_the_limit": ("articles/article.md", "title", "is 499 characters long; at most 200 fit"),
    "nested_too_deep": ("articles/article.md", "line 18", "is nested 13 levels deep"),
    "link_to_draft": ("articles/article.md", "line 6", '"{filename}next.md", which is a draft'),
    "link_to_scheduled": ("articles/article.md", "line 6", "which is scheduled for 2099-01-01"),
    "link_to_hidden": ("articles/article.md", "line 6", "which is hidden"),
    "link_to_unpublished_tag": ("articles/article.md", "line 7", '"{tag}sleep", the page of a tag that no published article has'),
    "markdown_outside_articles": ("new-article.md", "file", "is outside content/articles/ and content/pages/"),
    "markdown_in_unread_folder": ("drafts/idea.md", "file", "is outside content/articles/ and content/pages/"),
    "markdown_extension_in_capitals": ("articles/Article.MD", "file", "ends in .MD"),
    "slug_of_a_site_folder": ("articles/article.md", "slug", "gives the address /theme/, a folder of the site's own"),
    "slug_feeds": ("articles/article.md", "slug", "gives the address /feeds/, a folder of the site's own"),
    "tel_link_with_more": ("articles/article.md", "line 6", '"{tel}x", but {tel} is a whole address'),
    "booking_link_with_query": ("articles/article.md", "line 6", '"{booking}?x=1", but {booking} is a whole address'),
    "picture_without_alt": ("articles/article.md", "line 6", "without a description"),
    "featured_image_without_alt": ("articles/article.md", "image_alt", "the featured image needs a description"),
    "picture_not_an_image": ("articles/article.md", "line 6", '"room.jpg" is not a picture Pillow can read'),
    "picture_damaged": ("articles/article.md", "line 6", '"room.jpg" is damaged and cannot be decoded'),
    "picture_unsupported_format": ("articles/article.md", "line 6", '"room.bmp" is a .bmp, a format the site does not publish'),
    "picture_over_pixel_limit": ("articles/article.md", "line 6", '"room.png" is 8000x8000 pixels (64 megapixels), over the limit of 50'),
    "svg_with_script": ("articles/article.md", "line 6", '"points.svg" contains a <script>'),
    "svg_with_event_handler": ("articles/article.md", "line 6", '"points.svg" has an event handler (onclick="…")'),
    "svg_with_external_reference": ("articles/article.md", "line 6", 'refers to "https://tracker.example/pixel.png" outside the file'),
    "reviewer_unknown": ("articles/article.md", "reviewed_by", '"Dr. Nobody" is not a practitioner in clinic.toml'),
    "reviewed_before_date": ("articles/article.md", "last_reviewed", "2025-02-01 is earlier than the date, 2025-03-01"),
    "reviewed_in_the_future": ("articles/article.md", "last_reviewed", "2999-01-01 is in the future"),
    "doi_malformed": ("articles/article.md", "references", 'source 1, doi: "https://doi.org/10.1001/archinternmed.2012.3654" is not a DOI'),
    "pmid_malformed": ("articles/article.md", "references", 'source 1, pmid: "PMID22965186" is not a PubMed ID'),
    "link_fragment_with_markup": ("articles/article.md", "line 6", 'whose address holds " < >: the published page would read it as HTML'),
    "link_query_with_markup": ("articles/article.md", "line 6", 'whose address holds " < >: the published page would read it as HTML'),
    "static_pdf_that_is_html": ("images/form.pdf", "file", "is named .pdf but is not a PDF file"),
    "static_file_name_with_markup": ("articles/article.md", "line 6", 'whose address holds " < >'),
    "text_closes_its_wrapper": ("articles/article.md", "line 6", "closes a <div> it never opened (a </div> too many)"),
    "unclosed_link_spills": ("articles/article.md", "line 6", "opens a <a> that is not closed before </p>, so it would spill into the page"),
}


def test_every_case_in_the_corpus_is_expected():
    assert sorted(path.name for path in CORPUS.iterdir()) == sorted(EXPECTED)


@pytest.mark.parametrize("case", EXPECTED)
def test_bad_content_fails_naming_file_and_field_and_keeps_the_previous_build(case, previous_output):
    source, where, words = EXPECTED[case]
    content = CORPUS / case
    output_before, content_before = snapshot(previous_output), snapshot(content)

    result = check(content, previous_output)

    assert_failed_and_kept(result, previous_output, output_before)
    assert snapshot(content) == content_before, "the build wrote in the content folder"
    shown_source = f"tests/bad_content/{case}/{source}"
    lines = [line for line in result.stderr.splitlines() if line.startswith(f"{shown_source}: ")]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"{shown_source}: {where}: "), lines[0]
    assert words in lines[0]


def test_two_sources_with_one_address_are_both_named(previous_output):
    result = check(CORPUS / "same_url", previous_output)
    [line] = [line for line in result.stderr.splitlines() if "same address" in line]
    assert "articles/first.md" in line and "articles/second.md" in line


def test_problems_in_many_files_are_all_reported_together(tmp_path, previous_output):
    content = tmp_path / "content"
    for case in ("date_not_iso", "unknown_status", "script_tag"):
        shutil.copytree(CORPUS / case / "articles", content / "articles" / case)
    before = snapshot(previous_output)

    result = check(content, previous_output)

    assert_failed_and_kept(result, previous_output, before)
    problems = [line for line in result.stderr.splitlines() if line.startswith(str(content))]
    assert len(problems) == 3, result.stderr
    assert "3 problems in the content" in result.stderr


def test_a_symlink_loop_in_content_is_reported_without_hanging(tmp_path, previous_output):
    content = tmp_path / "content"
    shutil.copytree(PROJECT_ROOT / "content", content)
    (content / "articles" / "again").symlink_to(content / "articles")
    (content / "articles" / "up").symlink_to(content)
    before = snapshot(previous_output)

    result = check(content, previous_output)

    assert_failed_and_kept(result, previous_output, before)
    problems = [
        line for line in result.stderr.splitlines()
        if line.startswith(str(content)) and ": warning: " not in line
    ]
    assert sorted(problems) == [
        f"{content}/articles/again: folder: is a link back to a folder that contains it, so its "
        "files would be read forever. Delete the link.",
        f"{content}/articles/up: folder: is a link back to a folder that contains it, so its "
        "files would be read forever. Delete the link.",
    ]


def test_the_real_content_passes_the_check_which_writes_nothing_in_content(tmp_path):
    before = snapshot(PROJECT_ROOT / "content")
    result = check(PROJECT_ROOT / "content", tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output" / "index.html").is_file()
    assert snapshot(PROJECT_ROOT / "content") == before


def test_a_javascript_booking_link_in_clinic_toml_stops_the_build(tmp_path):
    clinic = {**CLINIC, "booking_url": "javascript:alert(document.cookie)"}
    result = subprocess.run(
        pelican_process("pelicanconf.py", tmp_path / "output", PROJECT_ROOT / "content", CLINIC=clinic),
        cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode != 0
    assert "clinic.toml: booking_url: \"javascript:alert(document.cookie)\" is not a web address" in result.stderr
    assert not (tmp_path / "output").exists()


def test_the_site_may_have_as_many_tags_as_the_limit(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CORPUS / "too_many_tags_on_the_site", content)
    (content / "articles/article-26.md").unlink()
    result = check(content, tmp_path / "output")
    assert result.returncode == 0, result.stderr
    assert len(list((tmp_path / "output/tag").iterdir())) == 500
