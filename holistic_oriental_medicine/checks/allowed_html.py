"""What HTML an article may contain: an allow-list, decided by the nh3 sanitizer (Ammonia).

An article is words, headings, lists, tables, links and pictures. Anything else written as raw
HTML (a `<script>`, a `<meta http-equiv="refresh">`, an `<iframe>`, a `<form>`, an `on…=`
handler, a link whose scheme is `javascript:` however it is disguised) has no place in a clinic's
article. nh3 cleans the rendered body with the allow-list below; every element or attribute it
would remove is refused, with the line it is on, rather than silently dropped.
"""

import nh3

from .content_checks import elements

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
    "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr",
    "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span",
    "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time",
    "tr", "ul",
}
ALLOWED_ATTRIBUTES = {
    # Markdown's table of contents, footnotes and fenced code use ids and classes.
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "loading"},
    "blockquote": {"cite"},
    "q": {"cite"},
    "ol": {"start", "reversed"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
}
# Relative addresses (other pages, {filename} and {tel} links) always pass.
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The elements the parser adds around a fragment, which nh3 leaves out.
DOCUMENT_ELEMENTS = {"html", "head", "body"}


def _cleaned(html, tags, attributes):
    return nh3.clean(
        html,
        tags=tags,
        attributes=attributes,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,
    )


def _removed_element(tag):
    if tag == "script":
        return ("<script", "has a <script> in the text. Remove it: articles cannot run code "
                "(ask the developer to add a tool to the site instead).")
    return (f"<{tag}", f"has a <{tag}>, which an article may not contain. Remove it: write "
            "Markdown (text, headings, lists, tables, links and pictures).")


def _removed_attribute(tag, name, value, allowed_attributes):
    if name.startswith("on"):
        return (f"{name}=", f'has an inline event handler ({name}="…") on a <{tag}>. '
                "Remove the attribute: articles cannot run code.")
    if name in {"href", "src", "cite"} and name in allowed_attributes.get(tag, ()):
        if "javascript:" in "".join(value.lower().split()):
            return (value, f"has a javascript: link on a <{tag}>. Link to a page instead.")
        return (value, f'links to "{value}", an address of a kind articles may not link to. '
                "Link to a page (https://…), an email address (mailto:…) or a phone (tel:…).")
    return (f"{name}=", f'has the attribute {name}="…" on a <{tag}>, which an article may not '
            "use. Remove it.")


def html_outside_the_allow_list(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES):
    """(needle, message) for each element and attribute of `html` that nh3 would remove with
    the allow-list (that of articles unless `tags` and `attributes` are given)."""
    kept = [
        element for element in elements(_cleaned(html, tags, attributes))
        if element[0] not in DOCUMENT_ELEMENTS
    ]
    found = []
    for tag, element_attributes in elements(html):
        if tag in DOCUMENT_ELEMENTS and not element_attributes:
            continue
        if kept and kept[0][0] == tag:
            kept_attributes = kept.pop(0)[1]
        elif tag in DOCUMENT_ELEMENTS:
            kept_attributes = {}
        else:
            found.append(_removed_element(tag))
            continue
        found += [
            _removed_attribute(tag, name, value, attributes)
            for name, value in element_attributes.items()
            if kept_attributes.get(name) != value
        ]
    return found
