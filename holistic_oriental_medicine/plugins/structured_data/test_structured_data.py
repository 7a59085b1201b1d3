"""structured_data: the contact page describes the clinic, and no title can break the JSON-LD."""

from conftest import assert_describes_the_clinic, build_site, json_ld, page_at


def test_the_contact_page_describes_the_clinic_and_titles_cannot_break_the_script(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "articles").mkdir()
    (content / "pages/contact.md").write_text("Title: Contact\n\nCall us.\n", encoding="utf-8")
    (content / "pages/about.md").write_text("Title: About\n\nWho we are.\n", encoding="utf-8")
    hostile = """Don't </script><script>alert("x")</script> & 'quote'"""
    (content / "articles/hostile.md").write_text(
        f"Title: {hostile}\nSlug: hostile\nDate: 2025-01-01\n\nBody.\n", encoding="utf-8"
    )
    site = build_site(tmp_path / "output", PATH=str(content))
    assert_describes_the_clinic(json_ld(page_at(site, "contact/"))["MedicalClinic"])
    assert "MedicalClinic" not in json_ld(page_at(site, "about/"))
    article = page_at(site, "hostile/")
    assert json_ld(article)["BlogPosting"]["headline"] == hostile
    assert len(article.css("script")) == 1
