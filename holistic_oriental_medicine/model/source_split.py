"""A Markdown source split into its raw front-matter fields and its body, in either style editors
write: YAML between `---` lines, or Pelican's `Key: value` header.

Front matter that cannot be read at all (YAML that does not parse, a field given twice, a
missing closing `---`) raises `FrontMatterSyntaxError` at the line of the file at fault.
"""

import re

import yaml
from markdown import Markdown
from pelican.plugins.yaml_metadata.yaml_metadata import HEADER_RE


class FrontMatterSyntaxError(Exception):
    """Front matter that cannot be read at all, at a line of the file."""

    def __init__(self, line, message):
        super().__init__(message)
        self.line = line
        self.message = message


def given_twice(field, first_line, second_line):
    return FrontMatterSyntaxError(
        second_line,
        f'the field "{field}" is given twice, on lines {first_line} and {second_line}. Keep one of them.',
    )


class _TextDatesLoader(yaml.SafeLoader):
    """YAML that leaves dates as written, so that every date is checked the same way. It
    refuses a field given twice (YAML would silently keep the last) and aliases (`*name`), which
    no front matter needs and which can grow a few lines into gigabytes."""

    def __init__(self, stream, first_line):
        super().__init__(stream)
        # The line of the file the YAML block starts on, to name lines as the editor sees them.
        self.first_line = first_line

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise FrontMatterSyntaxError(
                self.first_line + self.peek_event().start_mark.line,
                "uses a YAML alias (*…), which front matter does not need. Write the value out.",
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        first_lines = {}
        for key_node, _value_node in node.value:
            key = str(self.construct_object(key_node)).lower()
            line = self.first_line + key_node.start_mark.line
            if key in first_lines:
                raise given_twice(key, first_lines[key], line)
            first_lines[key] = line
        return super().construct_mapping(node, deep)


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [resolver for resolver in resolvers if resolver[0] != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class SourceParts:
    """The raw front-matter fields of a source file, and its body."""

    def __init__(self, fields, body):
        self.fields = fields
        self.body = body


# Lists and maps inside one another in the front matter: `references` is a list of maps (two);
# YAML's reader recurses for each level and stops with a traceback past about a thousand.
MAX_YAML_NESTING = 10
_BRACKET = re.compile(r"[\[\]{}]")


def _too_deep_yaml(metadata, first_line):
    depth = 0
    for bracket in _BRACKET.finditer(metadata):
        depth = depth + 1 if bracket[0] in "[{" else max(depth - 1, 0)
        if depth > MAX_YAML_NESTING:
            return FrontMatterSyntaxError(
                first_line + metadata.count("\n", 0, bracket.start()),
                f"the YAML front matter has lists or maps ([ ] or {{ }}) nested more than "
                f"{MAX_YAML_NESTING} deep; no field needs more than two. Remove the extra brackets.",
            )
    return None


def _yaml_parts(match, text):
    first_line = text[: match.start("metadata")].count("\n") + 1
    too_deep = _too_deep_yaml(match["metadata"], first_line)
    if too_deep:
        raise too_deep
    try:
        loader = _TextDatesLoader(match["metadata"], first_line)
        try:
            fields = loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        raise FrontMatterSyntaxError(
            line,
            f"the YAML front matter does not parse ({error.problem}). Check that each line is "
            '"field: value" and put quotes around a value that contains a colon.',
        ) from None
    except yaml.YAMLError as error:
        raise FrontMatterSyntaxError(first_line, f"the YAML front matter does not parse ({error}).") from None
    except RecursionError:
        raise FrontMatterSyntaxError(
            first_line, "the YAML front matter is nested too deeply to read (indented within "
            "itself hundreds of times). Write each field on a line of its own."
        ) from None
    if fields is None:
        fields = {}
    if not isinstance(fields, dict):
        raise FrontMatterSyntaxError(
            first_line, 'the front matter must be "field: value" lines, e.g. "title: My Article".'
        )
    return SourceParts({str(key).lower(): value for key, value in fields.items()}, match["content"])


# A `Key: value` line as the Markdown meta extension reads it.
_HEADER_KEY = re.compile(r"^[ ]{0,3}([A-Za-z0-9_-]+):")


def _refuse_repeated_header_keys(header_lines):
    first_lines = {}
    for number, line in enumerate(header_lines, start=1):
        key = _HEADER_KEY.match(line)
        if not key:
            continue
        name = key[1].lower()
        if name in first_lines:
            raise given_twice(name, first_lines[name], number)
        first_lines[name] = number


def _header_parts(text):
    markdown = Markdown(extensions=["meta"])
    lines = text.split("\n")
    body_lines = markdown.preprocessors["meta"].run(list(lines))
    _refuse_repeated_header_keys(lines[: len(lines) - len(body_lines)])
    fields = {}
    for key, values in markdown.Meta.items():
        if len(values) > 1 and key != "summary":
            raise FrontMatterSyntaxError(
                1, f'the field "{key}" is given more than once. Keep one line for it.'
            )
        fields[key] = " ".join(values)
    return SourceParts(fields, "\n".join(body_lines))


def split_source(text):
    """The raw front matter and body of a Markdown source, in either style."""
    match = HEADER_RE.fullmatch(text)
    if match:
        return _yaml_parts(match, text)
    if text.lstrip().startswith("---"):
        raise FrontMatterSyntaxError(
            1, 'the front matter starts with "---" but has no closing "---" line. Add one after it.'
        )
    return _header_parts(text)
