"""A health article shows who wrote and medically reviewed it, with their credentials, and
numbered sources that link where readers can check them; search engines read the same as a
MedicalWebPage. Built with production settings from tests/data/reviewed_content/."""

import pytest
from support.browser import axe_violations, open_page
from support.builds import publish_content
from support.pages import SEED_ARTICLE_URL, json_ld, nu_html_errors, page_at
from support.project import CLINIC, PROJECT_ROOT

from holistic_oriental_medicine.hosting.nginx_server import free_port, nginx_serving

CONTENT = PROJECT_ROOT / "tests/data/reviewed_content"
ARTICLE_URL = "what-the-research-says-about-acupuncture-for-chronic-pain/"
SITEURL = "https://www.holisticorientalmedicine.example"
JORDAN = CLINIC["practitioners"]["Jordan Example"]
PHOTO = "images/jordan-example.png"


def words(node):
    """A node's text as a reader reads it: its words, single-spaced."""
    return " ".join(node.text().split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The reviewed article published, its author's photo added to clinic.toml's facts."""
    clinic = {**CLINIC, "practitioners": {"Jordan Example": {**JORDAN, "photo": PHOTO}}}
    return publish_content(CONTENT, tmp_path_factory.mktemp("reviewed"), CLINIC=clinic)


@pytest.fixture(scope="module")
def article(site):
    return page_at(site, ARTICLE_URL)


def test_the_byline_gives_the_authors_credentials(article):
    meta = article.css_first(".article-meta")
    byline = meta.css_first("span")
    assert byline.css_first("a[rel=author]").text(strip=True) == "Jordan Example"
    assert words(byline) == "By Jordan Example, L.Ac., MSOM"


def test_the_dates_say_who_reviewed_the_article_and_when(article):
    review = article.css_first(".article-meta .article-review")
    assert words(review) == "Medically reviewed by Jordan Example, L.Ac., MSOM on Apr 2, 2025"
    assert review.css_first("time").attributes["datetime"] == "2025-04-02"


def test_footnotes_then_references_make_one_numbered_sources_list(article):
    sources = article.css_first("section.sources")
    assert sources.css_first("h2").text(strip=True) == "Sources"
    items = sources.css("ol > li")
    assert [item.attributes["id"] for item in items] == [
        "fn:ipd", "fn:persist", "source-3", "source-4", "source-5",
    ]
    assert words(items[0]).startswith("Vickers AJ et al., The Journal of Pain, 2018.")
    assert items[2].css_first("cite").text() == (
        "Acupuncture for chronic pain: update of an individual patient data meta-analysis"
    )
    assert "The Journal of Pain, 2018." in items[2].text()
    assert "Vickers AJ, Vertosick EA, Lewith G, et al." in items[2].text()
    assert "National Center for Complementary and Integrative Health, 2022." in items[4].text()
    assert article.css(".prose .footnote") == []


def test_a_doi_links_to_doi_org_a_pmid_to_pubmed_and_a_url_to_itself(article):
    links = [
        [a.attributes["href"] for a in item.css("a")]
        for item in article.css("section.sources li[id^=source-]")
    ]
    assert links == [
        ["https://doi.org/10.1016/j.jpain.2017.11.005", "https://pubmed.ncbi.nlm.nih.gov/29198932/"],
        ["https://pubmed.ncbi.nlm.nih.gov/22965186/"],
        ["https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know"],
    ]


def test_each_footnote_mark_and_its_way_back_land_on_an_element_of_the_page(article):
    ids = {node.attributes["id"] for node in article.css("[id]")}
    marks = article.css(".prose sup a.footnote-ref")
    assert [a.text() for a in marks] == ["1", "2"]
    for link in marks + article.css("section.sources a.footnote-backref"):
        assert link.attributes["href"].removeprefix("#") in ids


def test_the_author_page_shows_credentials_licence_photo_and_bio(site):
    page = page_at(site, "author/jordan-example/")
    practitioner = page.css_first(".practitioner")
    assert words(practitioner.css_first(".practitioner__credentials")) == (
        "L.Ac., MSOM · Licensed in Oregon, licence AC-EXAMPLE-0000"
    )
    assert practitioner.css_first(".author-bio").text(strip=True) == JORDAN["bio"]
    photo = practitioner.css_first("img")
    assert photo.attributes["alt"] == "Jordan Example"
    assert (photo.attributes["width"], photo.attributes["height"]) == ("96", "96")
    # Published as a derivative without metadata, never as the source file.
    assert photo.attributes["src"].startswith(f"{SITEURL}/photos/jordan-example-")
    assert (site / photo.attributes["src"].removeprefix(f"{SITEURL}/")).is_file()
    assert not (site / PHOTO).exists()


def practitioner_in_json_ld(person):
    assert person["@type"] == "Person"
    assert person["name"] == "Jordan Example"
    assert person["honorificSuffix"] == "L.Ac., MSOM"
    assert person["url"] == f"{SITEURL}/author/jordan-example/"
    assert person["image"] == f"{SITEURL}/{PHOTO}"
    assert person["hasCredential"] == {
        "@type": "EducationalOccupationalCredential",
        "credentialCategory": "license",
        "identifier": "AC-EXAMPLE-0000",
        "validIn": {"@type": "AdministrativeArea", "name": "Oregon"},
    }
    return True


def test_search_engines_read_a_medical_web_page_reviewed_by_a_licensed_person(article):
    page = json_ld(article)["MedicalWebPage"]
    assert page["@id"] == page["url"] == f"{SITEURL}/{ARTICLE_URL}"
    assert page["mainEntity"] == {"@id": f"{SITEURL}/{ARTICLE_URL}#article"}
    assert page["lastReviewed"] == "2025-04-02"
    assert practitioner_in_json_ld(page["reviewedBy"])


def test_the_blog_posting_names_its_author_with_credentials_and_cites_its_sources(article):
    posting = json_ld(article)["BlogPosting"]
    (author,) = posting["author"]
    assert practitioner_in_json_ld(author)
    assert posting["mainEntityOfPage"] == {"@id": f"{SITEURL}/{ARTICLE_URL}"}
    footnotes, works = posting["citation"][:2], posting["citation"][2:]
    assert footnotes == [
        "Vickers AJ et al., The Journal of Pain, 2018.",
        "The same analysis, on the 12 months after treatment.",
    ]
    assert [(work["name"], work["datePublished"], work["url"]) for work in works] == [
        ("Acupuncture for chronic pain: update of an individual patient data meta-analysis", "2018",
         "https://doi.org/10.1016/j.jpain.2017.11.005"),
        ("Acupuncture for chronic pain: individual patient data meta-analysis", "2012",
         "https://pubmed.ncbi.nlm.nih.gov/22965186/"),
        ("Acupuncture: What You Need To Know", "2022",
         "https://www.nccih.nih.gov/health/acupuncture-what-you-need-to-know"),
    ]
    assert works[0]["isPartOf"] == {"@type": "Periodical", "name": "The Journal of Pain"}
    assert works[0]["sameAs"] == ["https://pubmed.ncbi.nlm.nih.gov/29198932/"]
    assert works[2]["publisher"] == {
        "@type": "Organization", "name": "National Center for Complementary and Integrative Health",
    }


def test_the_seed_article_claims_no_review_and_lists_no_sources(published_site):
    seed = page_at(published_site, SEED_ARTICLE_URL)
    assert seed.css(".article-review, section.sources") == []
    assert words(seed.css_first(".article-meta span")) == "By Holistic Oriental Medicine"
    page = json_ld(seed)["MedicalWebPage"]
    assert "reviewedBy" not in page and "lastReviewed" not in page
    assert "citation" not in json_ld(seed)["BlogPosting"]


def test_the_reviewed_article_and_its_authors_page_are_valid_html(site):
    assert nu_html_errors([site / ARTICLE_URL / "index.html", site / "author/jordan-example/index.html"]) == []


@pytest.fixture(scope="module")
def served_reviewed_site(tmp_path_factory):
    """The reviewed article published for, and served by, nginx on 127.0.0.1, as readers get it."""
    port = free_port()
    address = f"http://127.0.0.1:{port}"
    clinic = {**CLINIC, "practitioners": {"Jordan Example": {**JORDAN, "photo": PHOTO}}}
    site = publish_content(CONTENT, tmp_path_factory.mktemp("served-reviewed"), CLINIC=clinic, SITEURL=address)
    with nginx_serving(site, port, tmp_path_factory.mktemp("nginx-reviewed")):
        yield address


@pytest.mark.parametrize("url", [ARTICLE_URL, "author/jordan-example/"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_wcag_or_best_practice_violation_in_the_review_the_sources_or_the_practitioner(
    chromium_browser, served_reviewed_site, axe_script, url, scheme
):
    page = open_page(chromium_browser, f"{served_reviewed_site}/{url}", 390, scheme=scheme, init_script=axe_script)
    violations = axe_violations(page)
    page.context.close()
    assert violations == {}
