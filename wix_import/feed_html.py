"""Wix's HTML (an older feed's `content:encoded`, or a post page's rendered article) as clean
Markdown (markdownify), once Wix's quirks are cleaned away: empty paragraphs (`<p> </p>`, `<p><br /></p>`), headings wrapped in
`<strong>`, `<span>`s that carry only theme colours, links without a scheme, pictures on Wix's
resizing addresses."""

from markdownify import ATX, MarkdownConverter
from selectolax.lexbor import LexborHTMLParser

from .ricos import Conversion, heading_shift, video_markdown

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


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

    def convert_video(self, el, text, parent_tags):
        return "\n\n" + video_markdown(el.get("src") or "", el.get("title"), self.conversion) + "\n\n"

    def convert_img(self, el, text, parent_tags):
        source = el.get("src")
        if not source:
            return ""
        el["src"] = self.conversion.image_for_url(source)
        if not (el.get("alt") or "").strip():
            name = el["src"].rsplit("/", 1)[-1]
            self.conversion.notes.append(f"the picture {name} has no description (alt text). "
                                         "Write what it shows between the brackets of ![...].")
        return "\n\n" + super().convert_img(el, text, parent_tags) + "\n\n"


def cleaned(html):
    """The feed HTML without Wix's empty paragraphs, wrappers and theme tokens."""
    tree = LexborHTMLParser(f"<div id=post>{html}</div>")
    root = tree.css_first("#post")
    for paragraph in root.css("p"):
        if not paragraph.text().replace("\u00a0", " ").strip() and not paragraph.css("img"):
            paragraph.decompose()
    for wrapper in root.css(", ".join(f"{h} strong, {h} b" for h in HEADINGS) + ", span, font"):
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
