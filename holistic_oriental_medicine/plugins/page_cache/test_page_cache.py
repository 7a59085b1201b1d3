"""page_cache: a page is rendered again only when something it shows changed, and a build that
takes pages from the cache writes the same files, byte for byte, as a clean build; each kind of
change (an article, a title, a new article, a link's target, a setting, the theme, the code, a
picture, the date) renders what it must."""

import ast
import datetime as datetime_module
import inspect
import shutil
from pathlib import Path

import jinja2
import pytest
from support.builds import snapshot
from support.plugin_builds import build

from holistic_oriental_medicine import PROJECT_ROOT
from holistic_oriental_medicine.caches import folders
from holistic_oriental_medicine.model import front_matter
from holistic_oriental_medicine.plugins import page_cache

from . import READ_BY_TEMPLATE_FUNCTIONS, Fingerprints, Unstable

ARTICLES = 14
# parallel_pages renders the pages through the cache; a page shows its neighbours' and related
# articles' titles and addresses (and the theme's plugins, each card's read time).
PLUGINS = ["parallel_pages", "pelican.plugins.neighbors", "pelican.plugins.related_posts"]


def write_article(content, number, title=None, text="", slug=None):
    previous = f" The one before is [here]({{filename}}article-{number - 1}.md)." if number else ""
    front_matter = f"Title: {title or f'Article {number}'}\nDate: 2025-01-{number + 1:02}\nTags: tag-{number % 3}\n"
    if slug:
        front_matter += f"Slug: {slug}\n"
    (content / "articles" / f"article-{number}.md").write_text(
        f"{front_matter}\n## Calm\n\nNeedles and calm, number {number}.{previous}{text}\n", encoding="utf-8"
    )


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "articles").mkdir(parents=True)
    for number in range(ARTICLES):
        write_article(folder, number)
    return folder


@pytest.fixture
def rendered(monkeypatch):
    """The pages rendered (not taken from the cache) since the test began, by file name."""
    names = []
    render = jinja2.Template.render

    def counted(self, *args, **kwargs):
        context = args[0] if args else kwargs
        names.append(context.get("output_file"))
        return render(self, *args, **kwargs)

    monkeypatch.setattr(jinja2.Template, "render", counted)
    return names


class Builds:
    """Builds of one content folder with one page cache, and clean builds to compare them to."""

    def __init__(self, tmp_path, content):
        self.tmp_path, self.content = tmp_path, content
        self.count = 0

    def build(self, cache=True, **settings):
        """A build with the page cache, or (`cache=False`) one with caches of its own."""
        self.count += 1
        output = self.tmp_path / f"site-{self.count}"
        caches = self.tmp_path / ("caches" if cache else f"caches-{self.count}")
        return snapshot(build(self.content, output, PLUGINS, caches=caches, WORKER_PROCESSES=1, **settings))

    def cached_equals_clean(self, rendered, **settings):
        """Build with the cache, then without it: the same files. The pages the cached build
        rendered."""
        rendered.clear()
        cached = self.build(**settings)
        done = [name for name in rendered if name]
        assert cached == self.build(cache=False, **settings)
        return done


@pytest.fixture
def builds(tmp_path, content):
    return Builds(tmp_path, content)


def article_pages(names):
    return {name for name in names if name.startswith("article-")}


def test_a_second_build_renders_nothing_and_writes_what_a_clean_build_writes(builds, rendered):
    first = builds.cached_equals_clean(rendered)
    assert len(article_pages(first)) == ARTICLES
    assert builds.cached_equals_clean(rendered) == []


def test_editing_an_article_renders_its_page_and_the_pages_that_show_it_only(builds, content, rendered):
    builds.build()
    write_article(content, 5, text=" A new sentence.")
    again = builds.cached_equals_clean(rendered)
    assert "article-5/index.html" in again
    # Its neighbours and related articles show it; the others do not.
    assert "article-12/index.html" not in again
    assert len(article_pages(again)) < ARTICLES / 2


def test_a_new_title_shows_on_the_neighbours_and_the_lists(builds, content, rendered):
    builds.build()
    write_article(content, 5, title="Sleep and needles")
    again = builds.cached_equals_clean(rendered)
    assert {"sleep-and-needles/index.html", "index.html", "tag/tag-2/index.html"} <= set(again)
    # Its neighbours (articles 4 and 6, by date) show its title.
    assert {"article-4/index.html", "article-6/index.html"} <= set(again)
    assert "article-12/index.html" not in again


def test_a_new_article_and_a_moved_link_target(builds, content, rendered):
    builds.build()
    write_article(content, ARTICLES)
    assert f"article-{ARTICLES}/index.html" in builds.cached_equals_clean(rendered)
    # Article 9 links to article 8, whose address changes: article 9's page shows the new one.
    write_article(content, 8, slug="needles-and-sleep")
    assert "article-9/index.html" in builds.cached_equals_clean(rendered)


@pytest.mark.parametrize("change", ["setting", "theme", "code", "picture", "date"])
def test_a_change_to_the_site_renders_every_page_again(builds, content, rendered, tmp_path, monkeypatch, change):
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT_ROOT / "theme", theme)
    settings = {"THEME": str(theme)}
    builds.build(**settings)
    if change == "setting":
        settings["MEDICAL_DISCLAIMER"] = "Talk to your doctor first."
    elif change == "theme":
        footer = theme / "templates/partials/site_footer.html"
        footer.write_text(footer.read_text(encoding="utf-8") + "<p>Open on Saturdays.</p>\n", encoding="utf-8")
    elif change == "code":
        monkeypatch.setattr(page_cache, "CODE_HASH", "changed")
    elif change == "picture":
        (content / "images").mkdir()
        (content / "images" / "map.pdf").write_bytes(b"%PDF-1.4\n")
    else:
        tomorrow = datetime_module.date.today() + datetime_module.timedelta(days=1)
        monkeypatch.setattr(front_matter, "clinic_today", lambda timezone: tomorrow)
    assert len(article_pages(builds.cached_equals_clean(rendered, **settings))) == ARTICLES


def test_the_cache_keeps_only_what_the_last_builds_used(builds, content, tmp_path):
    builds.build()
    pages = tmp_path / "caches/pages"
    [site] = folders.entries(pages)
    kept = {path.name for path in site.iterdir()}
    write_article(content, 5, text=" A new sentence.")
    builds.build()
    now = {path.name for path in site.iterdir()}
    # The edited article's page is kept under a new name; the old one stays while it is one of
    # the few pages last used.
    assert now - kept
    assert len(now) == len(kept) + min(len(now - kept), folders.KEPT_UNUSED)
    for number in range(folders.KEPT_UNUSED):
        write_article(content, 5, text=f" Sentence {number}.")
        builds.build()
    assert not kept <= {path.name for path in site.iterdir()}
    assert len({path.name for path in site.iterdir()}) == len(kept) + folders.KEPT_UNUSED
    for number in range(folders.KEPT_UNUSED + 2):
        builds.build(MEDICAL_DISCLAIMER=f"Version {number}.")
    assert len(folders.entries(pages)) == folders.KEPT_UNUSED + 1


def test_a_value_without_a_stable_description_is_rendered_and_not_kept():
    with pytest.raises(Unstable):
        Fingerprints().of(object())
    assert Fingerprints().of({"a": [1, "b"]}) == Fingerprints().of({"a": [1, "b"]})
    assert Fingerprints().of({"a": [1, "b"]}) != Fingerprints().of({"a": [1, "c"]})


def context_names_read(module):
    """The names a module's code reads from a template's context: context["x"], context.get("x")."""
    names = set()
    for node in ast.walk(ast.parse(inspect.getsource(module))):
        if isinstance(node, ast.Subscript) and getattr(node.value, "id", None) == "context":
            key = node.slice
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr == "get" and getattr(node.func.value, "id", None) == "context"):
            key = node.args[0]
        else:
            continue
        if isinstance(key, ast.Constant):
            names.add(key.value)
    return names


def test_template_functions_read_only_settings_and_the_names_the_cache_knows():
    from holistic_oriental_medicine.plugins import photos, structured_data

    for module in (structured_data, photos):
        read = {name for name in context_names_read(module) if not name.isupper()}
        assert read <= READ_BY_TEMPLATE_FUNCTIONS, f"{Path(module.__file__).name} reads {read}"
    assert context_names_read(structured_data) >= {"article", "page", "page_name"}
