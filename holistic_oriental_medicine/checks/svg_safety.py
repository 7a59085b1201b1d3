"""SVG diagrams that are safe however they are opened: shown in a page by <img> (where browsers
run nothing) or opened directly, on a host that sends no Content-Security-Policy, where an SVG is
a document of the site's own origin and could run script as the site.

A source SVG is held to a strict allow-list (`svg_problems`): drawing elements of the SVG
namespace only; no script, no foreign content (an XHTML <iframe srcdoc> is HTML inside the
picture), no animation (a <set> can turn a link into `javascript:`), no event handler, no link
or reference out of the file (a picture inside it may be a data: PNG, JPEG, GIF or WebP), no
style that loads anything (`url()` of another file, `@import` however it is spelt: CSS escapes
and at-rules are refused altogether), no processing instruction (`<?xml-stylesheet?>` loads a
stylesheet), no DOCTYPE or entity. What editors' drawing programs add besides (Inkscape's and
Sodipodi's attributes, RDF metadata, comments) is dropped when it is published (`sanitised`):
the published file holds nothing but the allow-listed elements and attributes.
"""

import re

from lxml import etree

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"
# Namespaces drawing programs write their own data in: dropped on publishing.
EDITOR_NAMESPACES = {
    "http://www.inkscape.org/namespaces/inkscape",
    "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://creativecommons.org/ns#",
    "http://purl.org/dc/elements/1.1/",
    "http://ns.adobe.com/AdobeIllustrator/10.0/",
    "http://ns.adobe.com/Graphs/1.0/",
    "http://ns.adobe.com/SaveForWeb/1.0/",
    "http://ns.adobe.com/Extensibility/1.0/",
}
# Static drawing: shapes, text, paint servers, clipping, markers, filters, in-file links.
ELEMENTS = {
    "svg", "g", "defs", "symbol", "use", "title", "desc", "metadata", "style", "switch",
    "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "image",
    "text", "tspan", "textPath", "a",
    "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "marker",
    "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feFlood",
    "feFuncA", "feFuncB", "feFuncG", "feFuncR", "feGaussianBlur", "feMerge", "feMergeNode",
    "feMorphology", "feOffset", "feDropShadow", "feTile",
}
ANIMATION = {"animate", "set", "animateTransform", "animateMotion", "animateColor", "discard", "mpath"}
LINK_ATTRIBUTES = {"href", f"{{{XLINK}}}href"}
# A picture embedded in the file: raster data only (an embedded SVG would be checked by no one).
EMBEDDED_PICTURE = re.compile(r"data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*", re.IGNORECASE)
# In CSS: a backslash (escapes spell any word: `@\69mport`), an at-rule, a url() of anything but
# a fragment of the file, and the old script-running properties.
UNSAFE_CSS = re.compile(r"\\|@|url\s*\(\s*['\"]?\s*(?!#)|expression\s*\(|-moz-binding|behavior\s*:",
                        re.IGNORECASE)
# The largest SVG read: a diagram is a few dozen KB; the parser's work grows with the size.
MAX_SVG_BYTES = 2_000_000

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parsed(data):
    """The lxml tree of `data`; ValueError with the reason if it is no well-formed XML."""
    if len(data) > MAX_SVG_BYTES:
        raise ValueError(f"is {len(data) / 1e6:.1f} MB, more than the {MAX_SVG_BYTES / 1e6:.0f} MB "
                         "a diagram may have. Simplify it, or save it as PNG")
    try:
        return etree.fromstring(data, _PARSER).getroottree()
    except etree.XMLSyntaxError as error:
        raise ValueError(f"is not a well-formed SVG ({error}). Export it again") from None


def _local(name):
    return etree.QName(name).localname


def _namespace(name):
    return etree.QName(name).namespace


def svg_problems(data):
    """An editor's message (without the file's name) for each thing in the SVG `data` that is
    outside the allow-list, and is not dropped on publishing."""
    try:
        tree = parsed(data)
    except ValueError as error:
        return [str(error) + "."]
    if tree.docinfo.doctype or b"<!ENTITY" in data:
        return ["has a DOCTYPE or defines XML entities. Export it again as plain SVG."]
    root = tree.getroot()
    if root.tag != f"{{{SVG}}}svg":
        return ["is not an SVG image. Export it again as SVG."]
    found = []
    outside = [*root.itersiblings(preceding=True), *root.itersiblings()]
    for node in [*outside, *tree.iter()]:
        found += _node_problems(node)
    return found


def _node_problems(node):
    if isinstance(node, etree._ProcessingInstruction):
        return [f"has a processing instruction (<?{node.target} …?>), which can load a style from "
                "elsewhere. Remove it."]
    if not isinstance(node.tag, str):
        return []  # A comment: dropped on publishing.
    namespace, name = _namespace(node.tag), _local(node.tag)
    if namespace in EDITOR_NAMESPACES or _inside_editor_data(node):
        return []
    if namespace != SVG:
        return [f"contains a <{name}> that is not SVG ({namespace or 'no namespace'}), e.g. HTML "
                "inside the picture. Remove it: a diagram holds only drawing."]
    if name == "script" or name == "foreignObject":
        return [f"contains a <{name}>. Remove it: pictures on the site cannot run code."]
    if name in ANIMATION:
        return [f"contains an animation (<{name}>), which can change a link into code. Remove it: "
                "diagrams on the site are still."]
    if name not in ELEMENTS:
        return [f"contains a <{name}>, which a diagram on the site may not have. Remove it."]
    found = []
    for attribute, value in node.attrib.items():
        found += _attribute_problems(name, attribute, value)
    if name == "style" and UNSAFE_CSS.search(node.text or ""):
        found.append("has a <style> that loads a file or uses an at-rule or an escape (url(), "
                     "@import). Remove it: a diagram must stand on its own.")
    return found


def _inside_editor_data(node):
    return any(_namespace(parent.tag) in EDITOR_NAMESPACES
               for parent in node.iterancestors() if isinstance(parent.tag, str))


def _attribute_problems(element, attribute, value):
    name = _local(attribute).lower()
    namespace = _namespace(attribute)
    if namespace in EDITOR_NAMESPACES:
        return []
    if name.startswith("on"):
        return [f'has an event handler ({_local(attribute)}="…") on a <{element}>. Remove it: '
                "pictures on the site cannot run code."]
    if attribute in LINK_ATTRIBUTES:
        target = value.strip()
        if target.startswith("#") or (element == "image" and EMBEDDED_PICTURE.fullmatch(target)):
            return []
        return [f'refers to "{value[:80]}" outside the file. Embed or remove it: a diagram must '
                "stand on its own."]
    if namespace not in (None, XML):
        return [f"has the attribute {attribute} of another language on a <{element}>. Remove it."]
    if "javascript:" in "".join(value.lower().split()) or UNSAFE_CSS.search(value) and (
        name == "style" or "url" in value.lower()
    ):
        return [f'loads a style or picture from outside the file ({_local(attribute)}="'
                f'{value[:60]}"). Remove it: a diagram must stand on its own.']
    return []


def sanitised(data):
    """The SVG `data` as published: only the allow-listed elements and attributes, without the
    drawing programs' own data, comments, processing instructions and DOCTYPE. The content
    checks have refused what `svg_problems` finds; this holds even for what they missed."""
    root = parsed(data).getroot()
    for node in list(root.iter()):
        if _dropped(node):
            if node.getparent() is not None:
                node.getparent().remove(node)
            continue
        for attribute, value in list(node.attrib.items()):
            if _namespace(attribute) not in (None, XML, XLINK) or _attribute_problems(
                _local(node.tag), attribute, value
            ):
                del node.attrib[attribute]
    etree.cleanup_namespaces(root, top_nsmap={None: SVG})
    return etree.tostring(root, encoding="utf-8")


def _dropped(node):
    if not isinstance(node.tag, str) or _namespace(node.tag) != SVG:
        return True
    name = _local(node.tag)
    return name not in ELEMENTS or (name == "style" and UNSAFE_CSS.search(node.text or ""))
