"""Links to clinic facts that editors can write in Markdown.

`[Call us today]({tel})` becomes a tap-to-call link to the clinic's phone number and
`[Book online]({booking})` a link to the booking page, both taken from CLINIC_LINKS in the
settings, so an article never repeats a phone number that may change.
"""

import re
from html import escape

from pelican import signals

_PLACEHOLDER = re.compile(r'(?P<attr>href=["\']){(?P<name>\w+)}(?P<quote>["\'])')


def replace_clinic_links(content):
    links = content.settings.get("CLINIC_LINKS", {})
    if not content._content or not links:
        return

    def substitute(match):
        target = links.get(match["name"])
        if target is None:
            # Leave it for Pelican's own {filename}/{static}/{tag}… link handling.
            return match[0]
        return f"{match['attr']}{escape(target)}{match['quote']}"

    content._content = _PLACEHOLDER.sub(substitute, content._content)


def register():
    signals.content_object_init.connect(replace_clinic_links)
