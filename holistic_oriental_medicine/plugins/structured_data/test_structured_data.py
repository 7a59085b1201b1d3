"""structured_data: the contact page describes the clinic, and no title can break the JSON-LD."""

from pathlib import Path

from support.pages import assert_describes_the_clinic, json_ld
from support.pages import page_at
from support.plugin_builds import build

TEST_DATA = Path(__file__).with_name("test_data")
HOSTILE_TITLE = """Don't </script><script>alert("x")</script> & 'quote'"""


def test_the_contact_page_describes_the_clinic_and_titles_cannot_break_the_script(tmp_path):
    site = build(TEST_DATA, tmp_path / "output", ["structured_data"])
    assert_describes_the_clinic(json_ld(page_at(site, "contact/"))["MedicalClinic"])
    assert "MedicalClinic" not in json_ld(page_at(site, "about/"))
    article = page_at(site, "hostile/")
    assert json_ld(article)["BlogPosting"]["headline"] == HOSTILE_TITLE
    assert len(article.css("script")) == 1
