"""No link, stylesheet, script or image anywhere in the output points at a missing file."""

from support.pages import REFERENCES, local_target, parse_html


def test_every_local_reference_points_at_a_file_that_exists(preview_site, html_pages):
    missing = []
    for page in html_pages:
        tree = parse_html(page)
        for tag, attribute in REFERENCES.items():
            for node in tree.css(f"{tag}[{attribute}]"):
                target = local_target(page, node.attributes[attribute], preview_site)
                if target is not None and not target.is_file():
                    missing.append(f"{page.relative_to(preview_site)}: {node.attributes[attribute]}")
    assert missing == []


def test_the_check_finds_a_broken_reference(tmp_path):
    (tmp_path / "page.html").write_text('<a href="missing/">x</a>', encoding="utf-8")
    assert not local_target(tmp_path / "page.html", "missing/", tmp_path).is_file()
    assert local_target(tmp_path / "page.html", "tel:+15035550142", tmp_path) is None


def test_every_in_page_anchor_exists(preview_site, html_pages):
    missing = []
    for page in html_pages:
        tree = parse_html(page)
        ids = {node.attributes["id"] for node in tree.css("[id]")}
        for link in tree.css('a[href^="#"]'):
            if link.attributes["href"][1:] not in ids:
                missing.append(f"{page.relative_to(preview_site)}: {link.attributes['href']}")
    assert missing == []
