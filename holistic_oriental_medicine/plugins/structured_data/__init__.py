"""schema.org structured data (JSON-LD) for each page, as a Python dict.

Templates call `structured_data(url=..., description=..., image=...)` and serialise the result
with Jinja's `tojson` filter, which escapes <, >, & and ' so no title can end the script block.
Articles describe themselves as a `BlogPosting` with a `BreadcrumbList`, on a `MedicalWebPage`
that says who reviewed it and when; a practitioner who writes or reviews is a `Person` with their
credentials and licence; the home page and the contact page (CONTACT_PAGE_SLUG) describe the
clinic as a `MedicalClinic` from clinic.toml; every page names the `WebSite` it belongs to.
"""

from jinja2 import pass_context
from pelican import signals
from pelican.generators import ArticlesGenerator

from holistic_oriental_medicine.plugins.medical_review import (
    footnote_text,
    practitioner_named,
    split_footnotes,
)

SCHEMA_ORG = "https://schema.org"


def site_root(context):
    return f"{context['SITEURL']}/"


def clinic_id(context):
    return f"{site_root(context)}#clinic"


def clinic_reference(context):
    """The clinic as publisher or author: its name, home page and the id of its full description."""
    return {
        "@type": "MedicalClinic",
        "@id": clinic_id(context),
        "name": context["CLINIC"]["name"],
        "url": site_root(context),
    }


def website(context):
    return {
        "@type": "WebSite",
        "@id": f"{site_root(context)}#website",
        "name": context["SITENAME"],
        "url": site_root(context),
        "inLanguage": context["DEFAULT_LANG"],
        "publisher": clinic_reference(context),
    }


def medical_clinic(context, image):
    clinic = context["CLINIC"]
    address = clinic["address"]
    return {
        "@type": "MedicalClinic",
        "@id": clinic_id(context),
        "name": clinic["name"],
        "description": clinic["description"],
        "url": site_root(context),
        "image": image,
        "telephone": clinic["phone_e164"],
        "email": clinic["email"],
        "address": {
            "@type": "PostalAddress",
            "streetAddress": address["street"],
            "addressLocality": address["locality"],
            "addressRegion": address["region"],
            "postalCode": address["postal_code"],
            "addressCountry": address["country"],
        },
        "openingHoursSpecification": [
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": hours["day_codes"],
                "opens": hours["opens"],
                "closes": hours["closes"],
            }
            for hours in clinic["hours"]
        ],
    }


def person(context, name, url=None):
    """A person by name; a practitioner with their credentials, licence, bio and photo."""
    described = {"@type": "Person", "name": name}
    if url:
        described["url"] = url
    practitioner = practitioner_named(context, name)
    if practitioner is None:
        return described
    described |= {
        "honorificSuffix": practitioner["credentials"],
        "description": practitioner["bio"],
        "hasCredential": {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": "license",
            "identifier": practitioner["licence_number"],
            "validIn": {"@type": "AdministrativeArea", "name": practitioner["licence_state"]},
        },
    }
    if practitioner.get("photo"):
        described["image"] = f"{context['SITEURL']}/{practitioner['photo']}"
    return described


def author(context, article):
    """The clinic itself when it signs the article, otherwise the person who wrote it."""
    url = f"{context['SITEURL']}/{article.author.url}"
    if article.author.name == context["CLINIC"]["name"]:
        return {**clinic_reference(context), "url": url}
    return person(context, article.author.name, url)


def citation(source):
    """A source of the article, with the address a reader follows to it."""
    cited = {"@type": "CreativeWork", "name": source.title, "datePublished": source.year}
    if source.authors:
        cited["author"] = source.authors
    if source.journal:
        cited["isPartOf"] = {"@type": "Periodical", "name": source.journal}
    if source.publisher:
        cited["publisher"] = {"@type": "Organization", "name": source.publisher}
    cited["url"] = source.links[0][1]
    if len(source.links) > 1:
        cited["sameAs"] = [href for _label, href in source.links[1:]]
    return cited


def medical_web_page(context, article, url):
    """The page the article is on, with who reviewed it medically and when."""
    page = {
        "@type": "MedicalWebPage",
        "@id": url,
        "url": url,
        "name": article.title,
        "inLanguage": article.lang,
        "isPartOf": {"@id": f"{site_root(context)}#website"},
        "mainEntity": {"@id": f"{url}#article"},
    }
    if getattr(article, "reviewer", None):
        reviewer = article.reviewer["name"]
        author = getattr(article, "reviewer_author", None)
        author_page = f"{context['SITEURL']}/{author.url}" if author else None
        page["reviewedBy"] = person(context, reviewer, author_page)
        page["lastReviewed"] = article.last_reviewed.isoformat()
    return page


def blog_posting(context, article, url, description, image):
    modified = getattr(article, "modified", article.date)
    _body, footnotes = split_footnotes(article.content)
    # Footnotes are free text; references are works with an address.
    citations = [footnote_text(note) for _id, note in footnotes] + [
        citation(source) for source in getattr(article, "sources", [])
    ]
    return {
        "@type": "BlogPosting",
        "@id": f"{url}#article",
        "headline": article.title,
        "description": description,
        "datePublished": article.date.isoformat(),
        "dateModified": modified.isoformat(),
        "author": [author(context, article)],
        "publisher": clinic_reference(context),
        "image": [image],
        "wordCount": article.word_count,
        "timeRequired": f"PT{article.read_time}M",
        "articleSection": article.category.name,
        "keywords": [tag.name for tag in getattr(article, "tags", [])],
        "inLanguage": article.lang,
        "mainEntityOfPage": {"@id": url},
        "isPartOf": {"@id": f"{site_root(context)}#website"},
    } | ({"citation": citations} if citations else {})


def breadcrumbs(context, article, url):
    trail = [
        (context["SITENAME"], site_root(context)),
        (article.category.name, f"{context['SITEURL']}/{article.category.url}"),
        (article.title, url),
    ]
    return {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }


def describes_the_clinic(context):
    page = context.get("page")
    is_contact_page = page is not None and getattr(page, "slug", None) == context.get(
        "CONTACT_PAGE_SLUG"
    )
    return context.get("page_name") == "index" or is_contact_page


@pass_context
def structured_data(context, url, description, image):
    """The page's JSON-LD graph: what it is, who publishes it and where the clinic is."""
    graph = [website(context)]
    article = context.get("article")
    if article is not None:
        graph += [
            medical_web_page(context, article, url),
            blog_posting(context, article, url, description, image),
            breadcrumbs(context, article, url),
        ]
    if describes_the_clinic(context):
        graph.append(medical_clinic(context, image))
    return {"@context": SCHEMA_ORG, "@graph": graph}


def link_reviewers(generators):
    """A reviewer who also writes for the site links to their author page: each article knows
    that page itself, so that its page depends on it alone (holistic_oriental_medicine/plugins/page_cache/)."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        author_pages = {author.name: author for author, _ in generator.authors}
        for article in (*generator.articles, *generator.translations, *generator.drafts,
                        *generator.drafts_translations, *generator.hidden_articles,
                        *generator.hidden_translations):
            reviewer = getattr(article, "reviewer", None)
            article.reviewer_author = author_pages.get(reviewer["name"]) if reviewer else None


def add_to_templates(generator):
    generator.env.globals["structured_data"] = structured_data


def register():
    signals.generator_init.connect(add_to_templates)
    signals.all_generators_finalized.connect(link_reviewers)
