"""schema.org structured data (JSON-LD) for each page, as a Python dict.

Templates call `structured_data(url=..., description=..., image=...)` and serialise the result
with Jinja's `tojson` filter, which escapes <, >, & and ' so no title can end the script block.
Articles describe themselves as a `BlogPosting` with a `BreadcrumbList`; the home page and the
contact page (CONTACT_PAGE_SLUG) describe the clinic as a `MedicalClinic` from clinic.toml; every
page names the `WebSite` it belongs to.
"""

from jinja2 import pass_context
from pelican import signals

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


def author(context, article):
    """The clinic itself when it signs the article, otherwise the person who wrote it."""
    url = f"{context['SITEURL']}/{article.author.url}"
    if article.author.name == context["CLINIC"]["name"]:
        return {**clinic_reference(context), "url": url}
    return {"@type": "Person", "name": article.author.name, "url": url}


def blog_posting(context, article, url, description, image):
    modified = getattr(article, "modified", article.date)
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
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "isPartOf": {"@id": f"{site_root(context)}#website"},
    }


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
            blog_posting(context, article, url, description, image),
            breadcrumbs(context, article, url),
        ]
    if describes_the_clinic(context):
        graph.append(medical_clinic(context, image))
    return {"@context": SCHEMA_ORG, "@graph": graph}


def add_to_templates(generator):
    generator.env.globals["structured_data"] = structured_data


def register():
    signals.generator_init.connect(add_to_templates)
