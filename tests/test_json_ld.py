"""Each page carries one JSON-LD block: articles as BlogPosting with breadcrumbs on a
MedicalWebPage, the home and contact pages describe the clinic as a MedicalClinic, with the
properties Google reads. (Reviewers, credentials and citations: test_health_content.py.)"""

import re

import pytest
from support.pages import SEED_ARTICLE_URL, assert_describes_the_clinic, json_ld, page_at
from support.project import CLINIC

SITEURL = "https://www.holisticorientalmedicine.example"
TITLE = "Unlocking the Healing Power: Exploring Acupuncture as a Natural Solution for Back Pain"
ISO_8601_DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


@pytest.fixture(scope="module")
def article_graph(published_site):
    return json_ld(page_at(published_site, SEED_ARTICLE_URL))


def test_the_article_is_a_blog_posting_with_what_google_article_needs(article_graph):
    posting = article_graph["BlogPosting"]
    assert posting["headline"] == TITLE
    assert len(posting["headline"]) <= 110
    assert posting["description"].startswith("Back pain affects millions")
    assert posting["datePublished"].startswith("2025-02-16")
    assert posting["dateModified"].startswith("2025-03-31")
    assert ISO_8601_DATE_TIME.match(posting["datePublished"])
    assert ISO_8601_DATE_TIME.match(posting["dateModified"])
    (author,) = posting["author"]
    assert author["name"] == CLINIC["name"]
    assert author["url"] == f"{SITEURL}/author/holistic-oriental-medicine/"
    assert posting["publisher"]["@id"] == f"{SITEURL}/#clinic"
    assert posting["publisher"]["name"] == CLINIC["name"]
    assert posting["image"] == [
        f"{SITEURL}/social-cards/{SEED_ARTICLE_URL.rstrip('/')}.png"
    ]
    assert posting["wordCount"] > 600
    assert posting["timeRequired"] == "PT3M"
    assert posting["mainEntityOfPage"]["@id"] == f"{SITEURL}/{SEED_ARTICLE_URL}"


def test_the_article_is_the_main_entity_of_a_medical_web_page(article_graph):
    page = article_graph["MedicalWebPage"]
    assert page["@id"] == page["url"] == f"{SITEURL}/{SEED_ARTICLE_URL}"
    assert page["mainEntity"] == {"@id": article_graph["BlogPosting"]["@id"]}
    assert article_graph["BlogPosting"]["mainEntityOfPage"] == {"@id": page["@id"]}
    assert page["name"] == TITLE
    assert page["isPartOf"] == {"@id": article_graph["WebSite"]["@id"]}


def test_the_article_has_breadcrumbs_home_category_article(article_graph):
    items = article_graph["BreadcrumbList"]["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert [item["name"] for item in items] == [CLINIC["name"], "Pain Relief", TITLE]
    assert [item["item"] for item in items] == [
        f"{SITEURL}/",
        f"{SITEURL}/category/pain-relief/",
        f"{SITEURL}/{SEED_ARTICLE_URL}",
    ]


def test_the_home_page_describes_the_clinic(published_site):
    graph = json_ld(page_at(published_site, ""))
    assert_describes_the_clinic(graph["MedicalClinic"])
    assert graph["MedicalClinic"]["url"] == f"{SITEURL}/"
    assert "BlogPosting" not in graph


def test_lists_only_name_the_website(published_site):
    assert set(json_ld(page_at(published_site, "archives/"))) == {"WebSite"}
