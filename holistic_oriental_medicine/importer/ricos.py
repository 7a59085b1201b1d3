"""Wix's rich content ("Ricos") as clean Markdown.

A post is a list of nodes: PARAGRAPH, HEADING (`headingData.level`), BULLETED_LIST and
ORDERED_LIST of LIST_ITEMs, BLOCKQUOTE, CODE_BLOCK, DIVIDER, IMAGE and VIDEO, whose text is in
TEXT nodes with `decorations` (BOLD, ITALIC, LINK; UNDERLINE, COLOR and fonts have no Markdown
and are dropped). Empty paragraphs, which Wix uses as spacing, are left out. Headings move to
`##` and below, as the article's title is its only `#`. Whatever has no Markdown form (a
gallery, an embedded widget), a link without a valid address (kept as its text) and a video
that stays on Wix are named in `changes`, for a person to look at.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .fetch import WIX_MEDIA_HOSTS

# Characters Markdown would read as formatting inside a line of text.
INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>])")
# What would start a heading (Python-Markdown needs no space after #), a list or a rule at the
# start of a line; a number's dot or bracket is what makes a list, so it gets the backslash.
LINE_START_SPECIAL = re.compile(r"^(\s*)(?:(#)|([+-])(?=\s|$)|(\d+)([.)])(?=\s|$))")
WIX_VIDEO = "https://video.wixstatic.com/video/"
BLOCKS_WITHOUT_MARKDOWN = {
    "GALLERY": "a gallery", "HTML": "an embedded widget", "TABLE": "a table",
    "BUTTON": "a button", "FILE": "a file to download", "POLL": "a poll", "EMBED": "an embed",
    "AUDIO": "an audio player", "MAP": "a map", "COLLAPSIBLE_LIST": "a collapsible list",
}


@dataclass
class Conversion:
    """What the conversion needs from outside: where links and pictures go."""

    link_for: callable  # the URL to write for a link's URL; None if it is no valid address
    image_for: callable  # the Markdown path of a picture, from its Wix media id
    notes: list = field(default_factory=list)  # what must change before the article is published
    changes: list = field(default_factory=list)  # what differs from Wix; publishable as it is

    def link(self, text, url):
        """The Markdown of a link, or its text alone (named in `changes`) if `url` is no address."""
        target = self.link_for(url)
        if target is None:
            self.changes.append(f'the link "{text}" had no valid address ("{url}"), so it is plain '
                                "text now. Add the right address if it matters.")
            return text
        return f"[{text}]({target})"


def video_markdown(url, title, conversion):
    """A video as a link; one that Wix keeps (video.wixstatic.com) is named in `changes`: it
    stops playing the day the Wix site closes."""
    title = " ".join(str(title or "").split())
    if (urlsplit(url).hostname or "") in WIX_MEDIA_HOSTS:
        conversion.changes.append(
            (f'the video "{title}"' if title else "a video") + f" is kept on Wix ({url}) and stops "
            "playing when the Wix site closes. Download it from that address now, put it on "
            "YouTube or Vimeo, and change the link to its new address.")
    return conversion.link(escape(title or "Watch the video"), url)


def escape(text):
    text = INLINE_SPECIAL.sub(r"\\\1", text)
    return LINE_START_SPECIAL.sub(_escape_line_start, text)


def _escape_line_start(match):
    indent, hash_sign, bullet, number, number_end = match.groups()
    if number:
        return f"{indent}{number}\\{number_end}"
    return f"{indent}\\{hash_sign or bullet}"


def _decorated(node, conversion, in_heading):
    data = node.get("textData") or {}
    raw = (data.get("text") or "").replace("\u00a0", " ")
    if not raw.strip():
        return raw
    kinds = {d.get("type"): d for d in data.get("decorations") or []}
    core = raw.strip()
    lead, trail = raw[: len(raw) - len(raw.lstrip())], raw[len(raw.rstrip()):]
    text = escape(core)
    if "ITALIC" in kinds and (kinds["ITALIC"].get("italicData") is not False):
        text = f"*{text}*"
    if "BOLD" in kinds and not in_heading and (kinds["BOLD"].get("fontWeightValue") or 700) >= 600:
        text = f"**{text}**"
    if "LINK" in kinds:
        url = ((kinds["LINK"].get("linkData") or {}).get("link") or {}).get("url")
        if url:
            text = conversion.link(text, url)
    return lead + text + trail


def inline(nodes, conversion, in_heading=False):
    """The Markdown of a block's TEXT nodes, on one line."""
    parts = [_decorated(n, conversion, in_heading) for n in nodes or [] if n.get("type") == "TEXT"]
    text = "".join(parts)
    # Line breaks inside a paragraph (Shift+Enter in Wix) become Markdown hard breaks.
    return "  \n".join(" ".join(line.split()) for line in text.split("\n")).strip()


def _list(node, conversion, depth):
    lines = []
    for number, item in enumerate(node.get("nodes") or [], start=1):
        marker = f"{number}." if node["type"] == "ORDERED_LIST" else "-"
        first = True
        for child in item.get("nodes") or []:
            if child.get("type") in ("BULLETED_LIST", "ORDERED_LIST"):
                lines += _list(child, conversion, depth + 1)
                continue
            text = inline(child.get("nodes"), conversion)
            if not text:
                continue
            prefix = f"{marker} " if first else " " * (len(marker) + 1)
            lines.append("    " * depth + prefix + text)
            first = False
    return lines


def heading_shift(nodes):
    """How many levels to move headings so the highest becomes `##`."""
    levels = [(n.get("headingData") or {}).get("level", 2) for n in nodes if n.get("type") == "HEADING"]
    return 2 - min(levels) if levels else 0


def to_markdown(nodes, conversion):
    """The Markdown of a post's rich-content nodes."""
    shift = heading_shift(nodes)
    blocks = []
    for node in nodes:
        kind = node.get("type")
        if kind == "PARAGRAPH":
            blocks.append(inline(node.get("nodes"), conversion))
        elif kind == "HEADING":
            level = min(6, max(2, (node.get("headingData") or {}).get("level", 2) + shift))
            blocks.append("#" * level + " " + inline(node.get("nodes"), conversion, in_heading=True))
        elif kind in ("BULLETED_LIST", "ORDERED_LIST"):
            blocks.append("\n".join(_list(node, conversion, 0)))
        elif kind == "BLOCKQUOTE":
            quoted = [inline(p.get("nodes"), conversion) for p in node.get("nodes") or []]
            blocks.append("\n>\n".join("> " + text for text in quoted if text))
        elif kind == "CODE_BLOCK":
            code = "".join((n.get("textData") or {}).get("text", "") for n in node.get("nodes") or [])
            blocks.append("```\n" + code.rstrip("\n") + "\n```")
        elif kind == "DIVIDER":
            blocks.append("***")
        elif kind == "IMAGE":
            blocks.append(_image(node, conversion))
        elif kind == "VIDEO":
            blocks.append(_video(node, conversion))
        else:
            conversion.changes.append(f"{BLOCKS_WITHOUT_MARKDOWN.get(kind, f'a {kind} block')} was "
                                      "left out: it has no Markdown form. Add it by hand if it matters.")
    return "\n\n".join(block for block in blocks if block.strip()) + "\n"


def _image(node, conversion):
    data = node.get("imageData") or {}
    media_id = ((data.get("image") or {}).get("src") or {}).get("id")
    if not media_id:
        conversion.notes.append("a picture without a file was left out.")
        return ""
    path = conversion.image_for(media_id)
    alt = " ".join(str(data.get("altText") or "").split())
    if not alt:
        conversion.notes.append(f"the picture {path.rsplit('/', 1)[-1]} has no description (alt "
                                "text). Write what it shows between the brackets of ![...].")
    image = f"![{escape(alt)}]({path})"
    caption = " ".join(str(data.get("caption") or "").split())
    return image + (f"\n*{escape(caption)}*" if caption else "")


def _video(node, conversion):
    data = node.get("videoData") or {}
    source = (data.get("video") or {}).get("src") or {}
    # A video uploaded to Wix is named by its id; Wix serves it from video.wixstatic.com.
    url = source.get("url") or (f"{WIX_VIDEO}{source['id']}/file" if source.get("id") else None)
    if not url:
        conversion.changes.append("a video without an address was left out. Add it by hand if it matters.")
        return ""
    return video_markdown(url, data.get("title"), conversion)
