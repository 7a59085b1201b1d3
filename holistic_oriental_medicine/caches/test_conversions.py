"""conversions: each Markdown source is converted once and kept between builds in a cache that a
change to the source, the Markdown settings or the code never serves stale. (Whole readings,
and reading on every core: test_readings.py.)"""

import shutil

import markdown
import pytest
from support import plugin_builds

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.caches import conversions as conversions_module
from holistic_oriental_medicine.plugins.validate_content import parallel_reading

from .conversions import fingerprint

# validate_content reads the sources (through this cache, on every core) and checks the whole
# site; clinic_links resolves their {tel} links.
PLUGINS = ["validate_content", "clinic_links"]
ARTICLES = 8


def write_articles(content, count=ARTICLES):
    (content / "articles").mkdir(parents=True)
    for number in range(count):
        link = f"[the one before]({{filename}}article-{number - 1}.md)" if number else "First."
        (content / "articles" / f"article-{number}.md").write_text(
            f"Title: Article {number}\nDate: 2025-01-01\nTags: stress\n\n"
            f"## What it is\n\nNeedles and *calm*, number {number}.\n\n- one\n- two\n\n"
            f"{link} [Call us]({{tel}}).\n",
            encoding="utf-8",
        )


def files_of(site):
    return {
        path.relative_to(site).as_posix(): path.read_bytes()
        for path in sorted(site.rglob("*"))
        if path.is_file()
    }


def build(tmp_path, name, content, cache, **settings):
    """A preview build of `content` into tmp_path/name, with its caches in `cache`."""
    return files_of(plugin_builds.build(content, tmp_path / name, PLUGINS, caches=cache, **settings))


def clean_serial_build(tmp_path, name, content, **settings):
    """A build with an empty cache, converting in this process only."""
    return build(tmp_path, name, content, tmp_path / f"{name}-cache", WORKER_PROCESSES=1, **settings)


@pytest.fixture(autouse=True)
def read_in_workers_for_few_sources(monkeypatch):
    """A build that may use more than one process reads in worker processes for a site this
    small too."""
    monkeypatch.setattr(parallel_reading, "PARALLEL_THRESHOLD", 1)


@pytest.fixture
def content(tmp_path):
    write_articles(tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture
def conversion_count(monkeypatch):
    """How many times this process has converted Markdown to HTML since the test began."""
    calls = []
    convert = markdown.Markdown.convert
    monkeypatch.setattr(
        markdown.Markdown, "convert", lambda self, text: calls.append(1) or convert(self, text)
    )
    return lambda: len(calls)


def test_each_source_is_converted_once_and_not_again_while_unchanged(tmp_path, content, conversion_count):
    build(tmp_path, "first", content, tmp_path / "cache", WORKER_PROCESSES=1)
    assert conversion_count() == ARTICLES
    build(tmp_path, "second", content, tmp_path / "cache", WORKER_PROCESSES=1)
    assert conversion_count() == ARTICLES


def test_an_edited_source_is_converted_again(tmp_path, content):
    build(tmp_path, "before", content, tmp_path / "cache")
    article = content / "articles/article-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new *line*.\n", encoding="utf-8")
    incremental = build(tmp_path, "incremental", content, tmp_path / "cache")
    assert b"A new <em>line</em>." in incremental["article-3/index.html"]
    assert incremental == clean_serial_build(tmp_path, "clean", content)


def test_a_changed_markdown_setting_converts_everything_again(tmp_path, content):
    before = build(tmp_path, "before", content, tmp_path / "cache")
    plain_headings = {"extension_configs": {"markdown.extensions.extra": {}}, "output_format": "html5"}
    after = build(tmp_path, "after", content, tmp_path / "cache", MARKDOWN=plain_headings)
    assert b'class="heading-link"' in before["article-3/index.html"]
    assert b'class="heading-link"' not in after["article-3/index.html"]
    assert after == clean_serial_build(tmp_path, "clean", content, MARKDOWN=plain_headings)


def test_settings_clinic_facts_and_the_theme_reach_pages_whose_sources_are_cached(tmp_path, content):
    build(tmp_path, "before", content, tmp_path / "cache")
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    base = theme / "templates/base.html"
    base.write_text(base.read_text(encoding="utf-8").replace("</body>", "<!-- new theme -->\n</body>"),
                    encoding="utf-8")
    changed = {"THEME": str(theme), "CLINIC_LINKS": {"tel": "tel:+15550100999", "booking": "https://example.org/book"},
               "MEDICAL_DISCLAIMER": "A new disclaimer."}
    cached = build(tmp_path, "cached", content, tmp_path / "cache", **changed)
    page = cached["article-3/index.html"]
    assert b"<!-- new theme -->" in page and b"tel:+15550100999" in page and b"A new disclaimer." in page
    assert cached == clean_serial_build(tmp_path, "clean", content, **changed)


def test_a_change_to_the_code_or_to_python_markdown_gives_a_new_cache(tmp_path, monkeypatch):
    settings = {"MARKDOWN": {"extension_configs": {"markdown.extensions.extra": {}}}}
    before = fingerprint(settings)
    changed_reader = tmp_path / "reader.py"
    changed_reader.write_text("# the reader, changed\n", encoding="utf-8")
    sources = [*conversions_module.PACKAGE_SOURCES, changed_reader]
    monkeypatch.setattr(conversions_module, "CODE_HASH", conversions_module.code_hash(sources))
    after_code = fingerprint(settings)
    monkeypatch.setattr(markdown, "__version__", "99.0")
    after_upgrade = fingerprint(settings)
    assert len({before, after_code, after_upgrade}) == 3


def test_cached_sources_still_take_part_in_the_checks_of_the_whole_site(tmp_path, content, capsys):
    build(tmp_path, "first", content, tmp_path / "cache")
    (content / "articles/article-0.md").unlink()
    (content / "articles/copy.md").write_text(
        "Title: Article 5\nDate: 2025-01-01\n\nThe same address as article 5.\n", encoding="utf-8"
    )
    with pytest.raises(SystemExit):
        build(tmp_path, "second", content, tmp_path / "cache")
    problems = capsys.readouterr().err
    assert 'links to "{filename}article-0.md", but there is no such file' in problems
    assert "content/articles/article-1.md: line" in problems
    assert "has the same address, /article-5/, as" in problems


def test_a_change_to_the_code_of_a_markdown_extension_of_our_own_gives_a_new_cache(tmp_path, monkeypatch):
    extension = tmp_path / "our_extension.py"
    extension.write_text("def makeExtension(**kwargs): ...\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    settings = {"MARKDOWN": {"extension_configs": {"our_extension": {}}}}
    before = fingerprint(settings)
    extension.write_text("def makeExtension(**kwargs): ...  # changed\n", encoding="utf-8")
    assert fingerprint(settings) != before
