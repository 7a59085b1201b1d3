"""readings: the whole reading of each clean source is kept between builds, read on every core
when missing, and never served stale: a cached or parallel build writes the same files as a
clean serial build, and any change a reading depends on makes the build read again."""

import datetime
import shutil

import markdown
import pytest
from pelican.settings import read_settings
from support import plugin_builds
from support.builds import snapshot
from support.project import CLINIC

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.caches import reading_fingerprint
from holistic_oriental_medicine.checks import claims
from holistic_oriental_medicine.model import front_matter
from holistic_oriental_medicine.plugins.validate_content import parallel_reading, reader
from holistic_oriental_medicine.plugins.validate_content.reader import CheckedMarkdownReader

from .conversions import conversion_cache
from .folders import KEPT_UNUSED
from .readings import reading_cache

# validate_content reads and checks the sources (through this cache, on every core);
# clinic_links resolves their {tel} links.
PLUGINS = ["validate_content", "clinic_links"]
ARTICLES = 8
# The day the reviewed article was checked by its practitioner.
REVIEW_DAY = datetime.date(2025, 6, 2)


def write_articles(content):
    """Articles in both front-matter styles, with tags and summaries; each links to the one
    before it, and article 1 names its reviewer."""
    (content / "articles").mkdir(parents=True)
    for number in range(ARTICLES):
        link = f"[the one before]({{filename}}article-{number - 1}.md)" if number else "First."
        if number % 2:
            review = f"reviewed_by: Jordan Example\nlast_reviewed: {REVIEW_DAY}\n" if number == 1 else ""
            front = (f"---\ntitle: 'Article {number}'\ndate: 2025-01-01\ntags: [stress, sleep]\n"
                     f"summary: 'Needles and *calm*, number {number}.'\n{review}---\n")
        else:
            front = (f"Title: Article {number}\nDate: 2025-01-01\nTags: stress\n"
                     f"Summary: Needles and calm, number {number}.\n")
        (content / "articles" / f"article-{number}.md").write_text(
            f"{front}\n## What it is\n\nNeedles and *calm*, number {number}.\n\n- one\n- two\n\n"
            f"{link} [Call us]({{tel}}).\n",
            encoding="utf-8",
        )


@pytest.fixture(autouse=True)
def read_in_workers_for_few_sources(monkeypatch):
    """A build that may use more than one process reads in worker processes for a site this
    small too."""
    monkeypatch.setattr(parallel_reading, "PARALLEL_THRESHOLD", 1)


@pytest.fixture
def content(tmp_path):
    write_articles(tmp_path / "content")
    return tmp_path / "content"


@pytest.fixture(autouse=True)
def review_day(monkeypatch):
    """Today, where the clinic is: the day of the review unless a test moves it."""
    monkeypatch.setattr(front_matter, "clinic_today", lambda timezone: REVIEW_DAY)


@pytest.fixture
def readings(monkeypatch):
    """The sources this process has read (parsed, checked, converted) since it was last asked."""
    read = []
    checked_reading = CheckedMarkdownReader.checked_reading
    monkeypatch.setattr(CheckedMarkdownReader, "checked_reading",
                        lambda self, path, raw: read.append(path) or checked_reading(self, path, raw))

    def taken():
        names = sorted(path.rsplit("/", 1)[-1] for path in read)
        read.clear()
        return names

    return taken


def build(tmp_path, name, content, caches="caches", processes=1, **settings):
    """The files of a preview build of `content` into tmp_path/name, with its Markdown and
    reading caches in tmp_path/`caches`, reading in `processes` processes (in this one only,
    unless told: `readings` counts the sources read here)."""
    site = snapshot(plugin_builds.build(
        content, tmp_path / name, PLUGINS, caches=tmp_path / caches, WORKER_PROCESSES=processes, **settings,
    ))
    return {path.as_posix(): data for path, data in site.items()}


def clean_serial_build(tmp_path, name, content, **settings):
    """A build with empty caches, reading in this process only."""
    return build(tmp_path, name, content, caches=f"{name}-caches", **settings)


def as_a_new_process():
    """Forget the caches this process holds in memory: the next build loads them from disk."""
    reading_cache.folder = conversion_cache.folder = None


def test_a_cached_and_a_parallel_build_write_the_same_files_as_a_clean_serial_build(
        tmp_path, content, readings):
    serial = clean_serial_build(tmp_path, "serial", content)
    assert len(readings()) == ARTICLES
    parallel = build(tmp_path, "parallel", content, processes=2)
    assert readings() == [], "the workers read every source; the build only recalls them"
    as_a_new_process()
    cached = build(tmp_path, "cached", content)
    assert readings() == []
    assert sorted(parallel) == sorted(serial) == sorted(cached)
    assert [name for name in serial if parallel[name] != serial[name]] == []
    assert [name for name in serial if cached[name] != serial[name]] == []


def test_a_second_build_with_nothing_changed_reads_no_source(tmp_path, content, readings):
    build(tmp_path, "first", content)
    readings()
    build(tmp_path, "second", content)
    assert readings() == []
    as_a_new_process()
    build(tmp_path, "third", content)
    assert readings() == []
    assert [path.name for path in (tmp_path / "caches/readings").iterdir()] == [
        f"{reading_cache.fingerprint}.pickle"
    ]


def test_an_edited_source_is_the_only_one_read_again(tmp_path, content, readings):
    build(tmp_path, "before", content)
    readings()
    article = content / "articles/article-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new *line*.\n", encoding="utf-8")
    again = build(tmp_path, "again", content)
    assert readings() == ["article-3.md"]
    assert b"A new <em>line</em>." in again["article-3/index.html"]
    assert again == clean_serial_build(tmp_path, "clean", content)


def test_a_changed_setting_reads_every_source_again(tmp_path, content, readings):
    build(tmp_path, "before", content)
    readings()
    # Pelican's YAML reader then converts the summaries' Markdown, which the readings hold.
    formatted = build(tmp_path, "formatted", content, FORMATTED_FIELDS=["summary"])
    assert len(readings()) == ARTICLES
    assert formatted == clean_serial_build(tmp_path, "clean", content, FORMATTED_FIELDS=["summary"])
    assert formatted != build(tmp_path, "unformatted", content)


def test_changed_clinic_facts_read_every_source_again(tmp_path, content, readings, capsys):
    build(tmp_path, "before", content)
    readings()
    renamed = {**CLINIC, "name": "Another Clinic of Needles"}
    after = build(tmp_path, "after", content, CLINIC=renamed)
    assert len(readings()) == ARTICLES
    assert after == clean_serial_build(tmp_path, "clean", content, CLINIC=renamed)
    # The reviewer of article 1 is no practitioner of this clinic.
    with pytest.raises(SystemExit):
        build(tmp_path, "without", content, CLINIC={**CLINIC, "practitioners": {}})
    assert '"Jordan Example" is not a practitioner in clinic.toml' in capsys.readouterr().err


def test_changed_plugin_code_reads_every_source_again(tmp_path, content, readings, monkeypatch):
    build(tmp_path, "before", content)
    readings()
    monkeypatch.setattr(reading_fingerprint, "CODE_AND_PACKAGES", "the plugins, changed")
    after = build(tmp_path, "after", content)
    assert len(readings()) == ARTICLES
    assert after == clean_serial_build(tmp_path, "clean", content)


def test_the_code_of_any_plugin_is_in_the_fingerprint(tmp_path, monkeypatch):
    plugins = tmp_path / "plugins"
    (plugins / "a_plugin").mkdir(parents=True)
    (plugins / "a_plugin/__init__.py").write_text("STEP = 1\n", encoding="utf-8")
    (plugins / "test_a_plugin.py").write_text("STEP = 1\n", encoding="utf-8")
    monkeypatch.setattr(reading_fingerprint, "PACKAGE_FOLDER", plugins)
    before = reading_fingerprint.plugins_code()
    (plugins / "test_a_plugin.py").write_text("STEP = 2\n", encoding="utf-8")
    assert reading_fingerprint.plugins_code() == before, "a plugin's tests are not what reads"
    (plugins / "a_plugin/__init__.py").write_text("STEP = 2\n", encoding="utf-8")
    assert reading_fingerprint.plugins_code() != before


def test_a_template_added_to_the_theme_reads_every_source_again(tmp_path, content, readings, capsys):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    (content / "pages").mkdir()
    (content / "pages/prices.md").write_text("Title: Prices\ntemplate: page\n\nWhat a visit costs.\n",
                                             encoding="utf-8")
    build(tmp_path, "before", content, THEME=str(theme))
    readings()
    shutil.copy(theme / "templates/page.html", theme / "templates/price-list.html")
    after = build(tmp_path, "after", content, THEME=str(theme))
    assert len(readings()) == ARTICLES + 1
    assert after == clean_serial_build(tmp_path, "clean", content, THEME=str(theme))
    # And the page's template removed is reported, not served from the cache.
    (theme / "templates/page.html").rename(theme / "templates/plain.html")
    with pytest.raises(SystemExit):
        build(tmp_path, "removed", content, THEME=str(theme))
    assert '"page" is not a template of the theme' in capsys.readouterr().err


def test_a_file_an_article_names_appearing_or_going_reads_every_source_again(
        tmp_path, content, readings, capsys):
    article = content / "articles/article-4.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n[Our form]({static}/images/form.pdf).\n",
                       encoding="utf-8")
    with pytest.raises(SystemExit):
        build(tmp_path, "before", content)
    assert 'links to "{static}/images/form.pdf", but there is no such file' in capsys.readouterr().err
    readings()
    (content / "images").mkdir()
    (content / "images/form.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    after = build(tmp_path, "after", content)
    assert len(readings()) == ARTICLES
    assert after == clean_serial_build(tmp_path, "clean", content)
    (content / "images/form.pdf").unlink()
    with pytest.raises(SystemExit):
        build(tmp_path, "gone", content)
    assert 'links to "{static}/images/form.pdf", but there is no such file' in capsys.readouterr().err


def test_another_day_reads_every_source_again(tmp_path, content, readings, monkeypatch, capsys):
    build(tmp_path, "before", content)
    readings()
    next_day = REVIEW_DAY + datetime.timedelta(days=1)
    monkeypatch.setattr(front_matter, "clinic_today", lambda timezone: next_day)
    after = build(tmp_path, "after", content)
    assert len(readings()) == ARTICLES
    assert after == clean_serial_build(tmp_path, "clean", content)
    # The day before the review, the review is in the future: reported, not recalled.
    monkeypatch.setattr(front_matter, "clinic_today", lambda timezone: REVIEW_DAY - datetime.timedelta(days=1))
    with pytest.raises(SystemExit):
        build(tmp_path, "day-before", content)
    assert f"last_reviewed: {REVIEW_DAY} is in the future" in capsys.readouterr().err


def problem_lines(capsys):
    return [line for line in capsys.readouterr().err.splitlines() if "article-3.md" in line]


def test_a_source_with_a_problem_is_reported_alike_by_a_cold_a_warm_and_a_parallel_build(
        tmp_path, content, capsys):
    build(tmp_path, "warm-up", content)
    article = content / "articles/article-3.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n<script>alert(1)</script>\n",
                       encoding="utf-8")
    reports = []
    for name, caches, processes in [("cold", "cold-caches", 1), ("warm", "caches", 1),
                                    ("again", "caches", 1), ("parallel", "parallel-caches", 2)]:
        with pytest.raises(SystemExit):
            build(tmp_path, name, content, caches=caches, processes=processes)
        reports.append(problem_lines(capsys))
    assert "has a <script>" in reports[0][0]
    assert reports == [reports[0]] * 4


def test_uncited_claims_are_kept_with_the_reading_and_warned_alike_cold_in_parallel_and_warm(
        tmp_path, content, readings, capsys, monkeypatch):
    searched, find = [], claims.uncited_claims
    for module in (claims, reader):
        monkeypatch.setattr(module, "uncited_claims",
                            lambda text, phrases: searched.append(text) or find(text, phrases))
    article = content / "articles/article-4.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nResearch shows 70% sleep better.\n",
                       encoding="utf-8")
    warnings, read = [], []
    for name, caches, processes in [("cold", "caches", 1), ("parallel", "parallel-caches", 2)]:
        build(tmp_path, name, content, caches=caches, processes=processes)
        warnings.append([line for line in capsys.readouterr().err.splitlines() if "warning:" in line])
        read.append(len(readings()))
    as_a_new_process()
    build(tmp_path, "new-process", content)
    warnings.append([line for line in capsys.readouterr().err.splitlines() if "warning:" in line])
    read.append(len(readings()))
    assert len(searched) == ARTICLES, "only the cold serial build looked for claims in this process"
    assert read == [ARTICLES, 0, 0], "the workers, then the cache, give the claims with the readings"
    assert [line.split("articles/", 1)[1] for line in warnings[0]] == [
        'article-4.md: line 15: warning: "Research shows" is a health claim with no source in its '
        "paragraph. Cite the source there with a footnote ([^1]) or a link, or reword it.",
        'article-4.md: line 15: warning: "70%" is a health claim with no source in its paragraph. '
        "Cite the source there with a footnote ([^1]) or a link, or reword it.",
    ]
    assert warnings == [warnings[0]] * 3
    # The phrases are a setting: new ones read every source again.
    build(tmp_path, "sleep", content, CLAIM_PHRASES=["sleep better"])
    assert 'article-4.md: line 15: warning: "sleep better"' in capsys.readouterr().err


def test_a_recalled_source_still_takes_its_address_in_the_check_for_duplicates(
        tmp_path, content, readings, capsys):
    build(tmp_path, "first", content)
    readings()
    article = content / "articles/article-0.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Article 0", "Article 6"),
                       encoding="utf-8")
    with pytest.raises(SystemExit):
        build(tmp_path, "second", content)
    assert readings() == ["article-0.md"]
    assert "article-0.md: slug: has the same address, /article-6/, as" in capsys.readouterr().err


def test_a_new_python_markdown_gives_new_readings(monkeypatch):
    settings = read_settings(str(PROJECT_ROOT / "pelicanconf.py"))
    before = reading_fingerprint.reading_fingerprint(settings)
    monkeypatch.setattr(markdown, "__version__", "99.0")
    assert reading_fingerprint.reading_fingerprint(settings) != before


def test_the_preview_and_the_published_site_keep_their_readings_side_by_side(tmp_path, content, readings):
    build(tmp_path, "preview", content)
    build(tmp_path, "published", content, SITEURL="https://clinic.example", RELATIVE_URLS=False)
    readings()
    build(tmp_path, "preview-again", content)
    build(tmp_path, "published-again", content, SITEURL="https://clinic.example", RELATIVE_URLS=False)
    assert readings() == []
    for number in range(KEPT_UNUSED):
        build(tmp_path, f"other-{number}", content, SITESUBTITLE=f"Subtitle {number}")
    # The latest build's and the four used before it: the first preview's is no longer kept.
    assert len(list((tmp_path / "caches/readings").iterdir())) == KEPT_UNUSED + 1
