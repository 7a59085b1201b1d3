"""Wix's HTML (an older feed's `content:encoded`, or a post page's rendered article) as clean
Markdown (markdownify), once Wix's quirks are cleaned away: empty paragraphs (`<p> </p>`, `<p><br /></p>`), headings wrapped in
`<strong>`, `<span>`s that carry only theme colours (a span's bold or italic style is kept as
`<strong>` or `<em>`), links without a scheme, pictures on Wix's resizing addresses."""

import re

from markdownify import ATX, MarkdownConverter
from selectolax.lexbor import LexborHTMLParser

from .ricos import Conversion, heading_shift, video_markdown

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# Wix's viewer writes bold and italic as a span's style.
BOLD_STYLE = re.compile(r"font-weight:\s*(bold|[6-9]00)")
ITALIC_STYLE = re.compile(r"font-style:\s*italic")


class _Converter(MarkdownConverter):
    def __init__(self, conversion, shift, **options):
        super().__init__(**options)
        self.conversion = conversion
        self.shift = shift

    def convert_hN(self, n, el, text, parent_tags):
        return super().convert_hN(min(6, max(2, n + self.shift)), el, text, parent_tags)

    def convert_a(self, el, text, parent_tags):
        if el.get("href"):
            target = self.conversion.link_for(el["href"])
            if target is None:
                return self.conversion.link(text, el["href"])
            el["href"] = target
        return super().convert_a(el, text, parent_tags)

    def convert_span(self, el, text, parent_tags):
        """A span left by `cleaned` is bold or italic; in a heading, bold is the heading's own."""
        style = el.get("style") or ""
        if ITALIC_STYLE.search(style):
            text = self.convert_em(el, text, parent_tags)
        if BOLD_STYLE.search(style) and not set(HEADINGS) & set(parent_tags):
            text = self.convert_strong(el, text, parent_tags)
        return text

    def convert_video(self, el, text, parent_tags):
        return "\n\n" + video_markdown(el.get("src") or "", el.get("title"), self.conversion) + "\n\n"

    def convert_img(self, el, text, parent_tags):
        source = el.get("src")
        if not source:
            return ""
        el["src"] = self.conversion.image_for_url(source)
        if el["src"] is None:
            return ""
        if not (el.get("alt") or "").strip():
            name = el["src"].rsplit("/", 1)[-1]
            self.conversion.notes.append(f"the picture {name} has no description (alt text). "
                                         "Write what it shows between the brackets of ![...].")
        return "\n\n" + super().convert_img(el, text, parent_tags) + "\n\n"


def _styled(span):
    """Whether a span carries bold or italic, which Wix's viewer writes as a style."""
    style = span.attributes.get("style") or ""
    return bool(BOLD_STYLE.search(style) or ITALIC_STYLE.search(style))


def cleaned(html):
    """The feed HTML without Wix's empty paragraphs, wrappers and theme tokens."""
    tree = LexborHTMLParser(f"<div id=post>{html}</div>")
    root = tree.css_first("#post")
    for paragraph in root.css("p"):
        if not paragraph.text().replace("\u00a0", " ").strip() and not paragraph.css("img, video"):
            paragraph.decompose()
    for wrapper in root.css(", ".join(f"{h} strong, {h} b, {h} span" for h in HEADINGS) + ", span, font"):
        if wrapper.tag != "span" or not _styled(wrapper):
            wrapper.unwrap()
    return root.inner_html


def to_markdown(html, conversion: Conversion):
    html = cleaned(html)
    levels = [int(h.tag[1]) for h in LexborHTMLParser(html).css(", ".join(HEADINGS))]
    shift = heading_shift([{"type": "HEADING", "headingData": {"level": level}} for level in levels])
    converter = _Converter(conversion, shift, heading_style=ATX, bullets="-")
    markdown = converter.convert(html)
    lines = [line.rstrip() for line in markdown.strip().splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text + "\n"
