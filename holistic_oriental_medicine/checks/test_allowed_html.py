"""allowed_html: whatever the sanitizer would remove from an article is refused, not dropped."""

import pytest
from markdown import Markdown
from pelican.settings import read_settings

from holistic_oriental_medicine import PROJECT_ROOT

from .allowed_html import html_outside_the_allow_list


def needles(html):
    return [needle for needle, _message in html_outside_the_allow_list(html)]


def test_a_script_an_event_handler_and_a_javascript_link_are_refused():
    html = (
        '<p onclick="track()">Hi</p><script>alert(1)</script>'
        '<a href="JavaScript:alert(1)">x</a><img src="a.png" alt="a" onerror="x()">'
    )
    assert needles(html) == ["onclick=", "<script", "JavaScript:alert(1)", "onerror="]


@pytest.mark.parametrize(
    ("html", "needle"),
    [
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "<meta"),
        ('<base href="https://evil.example/">', "<base"),
        ('<iframe srcdoc="&lt;script&gt;x()&lt;/script&gt;"></iframe>', "<iframe"),
        ('<form action="https://evil.example/"><input name="card"></form>', "<form"),
        ('<object data="x.swf"></object>', "<object"),
        ('<embed src="x.swf">', "<embed"),
        ("<noscript><p>Hi</p></noscript>", "<noscript"),
        ("<style>body{display:none}</style>", "<style"),
        ('<link rel="stylesheet" href="https://evil.example/x.css">', "<link"),
        ('<svg><script>x()</script></svg>', "<svg"),
        ('<p style="color:red">x</p>', "style="),
        ('<img src="x.png" alt="x" srcset="https://evil.example/x.png 2x">', "srcset="),
    ],
)
def test_html_with_no_place_in_an_article_is_refused(html, needle):
    assert needle in needles(html)


@pytest.mark.parametrize(
    "href",
    ["java&#09;script:alert(1)", "&#x6A;avascript:alert(1)", " javascript:alert(1)",
     "java\nscript:alert(1)"],
)
def test_a_javascript_link_is_refused_however_its_scheme_is_hidden(href):
    [(_needle, message)] = html_outside_the_allow_list(f'<a href="{href}">x</a>')
    assert message.startswith("has a javascript: link")


def test_a_link_of_another_scheme_is_refused():
    [(needle, message)] = html_outside_the_allow_list('<a href="data:text/html,x">x</a>')
    assert needle == "data:text/html,x"
    assert "https://" in message


def test_everything_markdown_writes_is_allowed():
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    markdown = Markdown(**settings["MARKDOWN"])
    html = markdown.convert(
        "## Section\n\nText with *em*, **strong**, `code`, a [link](https://example.org/), "
        "[mail](mailto:a@example.org), [call]({tel}), an [article]({filename}other.md) and a "
        "footnote.[^1]\n\n![Needles]({static}/images/a.jpg)\n\n> Quote\n\n1. one\n2. two\n\n"
        "| a | b | c |\n|---|:-:|--:|\n| 1 | 2 | 3 |\n\nTerm\n:   Definition\n\n*[HTML]: Hyper Text\n\n"
        "```python\nprint(1)\n```\n\n---\n\n[^1]: The note.\n"
    )
    assert html_outside_the_allow_list(html) == []
