"""content_checks: links and pictures in an article's rendered body."""

from .content_checks import (
    line_of,
    links_outside_the_site,
    missing_files,
    unknown_link_names,
)


def messages(found):
    return [message for _needle, message in found]


def test_links_and_pictures_must_name_files_in_the_content_folder(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "images").mkdir()
    (tmp_path / "articles/other.md").write_text("x", encoding="utf-8")
    (tmp_path / "images/needles.jpg").write_bytes(b"jpeg")
    source = tmp_path / "articles/this.md"
    good = (
        '<a href="{filename}other.md">o</a><a href="{filename}/articles/other.md#part">o</a>'
        '<img src="{static}/images/needles.jpg" alt="Needles">'
        '<a href="https://example.com/">e</a><a href="{tel}">call</a>'
    )
    assert missing_files(good, source, tmp_path) == []
    bad = '<a href="{filename}gone.md">g</a><img src="{static}/images/gone.jpg" alt="Gone">'
    assert [needle for needle, _ in missing_files(bad, source, tmp_path)] == [
        "{filename}gone.md",
        "{static}/images/gone.jpg",
    ]


def test_a_link_may_not_leave_the_content_folder(tmp_path):
    (tmp_path / "content").mkdir()
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    found = missing_files('<a href="{filename}../secret.md">s</a>', tmp_path / "content/a.md", tmp_path / "content")
    assert len(found) == 1


def test_a_picture_needs_a_description_and_a_file_beside_the_source_or_in_content(tmp_path):
    (tmp_path / "images").mkdir()
    (tmp_path / "images/a.jpg").write_bytes(b"jpeg")
    found = messages(missing_files('<img src="{static}/images/a.jpg" alt="">', tmp_path / "a.md", tmp_path))
    assert len(found) == 1 and "without a description" in found[0]
    assert not missing_files('<img src="images/a.jpg" alt="A">', tmp_path / "articles/a.md", tmp_path)
    for written in ("/images/a.jpg", "images/b.jpg", "../../a.jpg"):
        found = messages(missing_files(f'<img src="{written}" alt="A">', tmp_path / "a.md", tmp_path))
        assert len(found) == 1 and "no such file" in found[0]


def test_a_link_to_a_file_the_site_does_not_publish_is_found():
    html = '<a href="{filename}/notes.txt">n</a><a href="{filename}other.md">o</a>'
    found = links_outside_the_site(html, "articles", {"articles/other.md"})
    assert [needle for needle, _ in found] == ["{filename}/notes.txt"]


def test_an_unknown_link_name_is_found_and_the_known_ones_named():
    html = '<a href="{phone}">x</a><a href="{tel}">y</a><a href="{tag}acupuncture">z</a>'
    [(needle, message)] = unknown_link_names(html, {"tel", "booking"})
    assert needle == "{phone}"
    assert "{booking}, {tel}" in message


def test_the_line_of_a_problem_is_found_whatever_its_case():
    assert line_of("Title: x\n\nText\n<SCRIPT src=x>", "<script") == 4
    assert line_of("nothing here", "<script") is None
    assert line_of("a\n[x](&#x6A;avascript:alert(1))", "javascript:") == 2
