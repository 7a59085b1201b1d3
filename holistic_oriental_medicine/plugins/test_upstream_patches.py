"""upstream_patches: what the plugins do past the public hooks still works with the upstream
code installed, and an upgrade that changes that code stops here until someone checks it."""

import ast
import gzip
import hashlib
import inspect
import logging
from importlib.metadata import version

import blinker
import brotli
import jinja2
import pytest
from markdown import Markdown
from pelican.contents import Content
from pelican.generators import Generator
from pelican.log import FatalLogger
from pelican.plugins import precompress
from pelican.plugins.yaml_metadata import YAMLMetadataReader
from pelican.readers import Readers
from pelican.settings import read_settings
from pelican.writers import Writer

from holistic_oriental_medicine import PACKAGE_FOLDER, PROJECT_ROOT
from holistic_oriental_medicine.plugins.upstream_patches import precompress_folder, use_environment_class

# The upstream code each patch relies on, with the hash of its source as last checked, and what
# to check again when it changes.
RELIED_ON = {
    "Generator.__init__": (
        "pelican", Generator.__init__,
        "d04d97193f6681102f4df0757f5830dad74fe1e23590f76dab20b54ad818589e",
        "that a generator still makes its Jinja environment there from its loader, "
        "JINJA_ENVIRONMENT, the filters, globals and tests, then sends generator_init, so that "
        "use_environment_class makes the same environment again",
    ),
    "Generator.get_template": (
        "pelican", Generator.get_template,
        "e35d7e44243855eccae3be0f76d7f6fbd3824f8f0caec88ca65247c398dcad2f",
        "that templates are still loaded through `generator.env`",
    ),
    "precompress.compress_files": (
        "pelican-precompress", precompress.compress_files,
        "376ba92f20b1cf8fac0e470b0e99b076549a27c8643f74ff3488680082883b1f",
        "that it still compresses the files under OUTPUT_PATH of the settings it is given and "
        "reads nothing else of the Pelican object, so that precompress_folder may give it a folder",
    ),
    "precompress.get_settings": (
        "pelican-precompress", precompress.get_settings,
        "02d50bd06f297a29db504ba7f51de08065b91d01fa381767f35ccb60c9044bd3",
        "that it still reads only `instance.settings` of the Pelican object",
    ),
    "YAMLMetadataReader.__init__": (
        "pelican-yaml-metadata", YAMLMetadataReader.__init__,
        "007dc689d3698682a0d56861bd189b93c76d2be74b11d50afb27e54cb8f40d31",
        "that it still makes `self._md`, the Markdown converter of the MARKDOWN settings without "
        "the meta extension, which validate_content's reader converts bodies with",
    ),
    "YAMLMetadataReader._parse_yaml_metadata": (
        "pelican-yaml-metadata", YAMLMetadataReader._parse_yaml_metadata,
        "067dbbf13141ff8dc4e87f3a4d8bea00cebdc7fb1c392e0537789a35fa7da3ac",
        "that it still turns loaded YAML fields into Pelican's metadata, as validate_content's "
        "reader gives Pelican for a YAML front matter",
    ),
    "precompress.get_paths_to_compress": (
        "pelican-precompress", precompress.get_paths_to_compress,
        "8e6f57fe3efe05571eb3bbe5c3fe8e5bab48410494ad9df283fe08b710f0e533",
        "that the files it compresses are still those under settings['OUTPUT_PATH']",
    ),
}


def source_hash(function):
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


@pytest.mark.parametrize("name", RELIED_ON)
def test_the_upstream_code_a_patch_relies_on_is_the_code_last_checked(name):
    package, function, recorded, what = RELIED_ON[name]
    assert source_hash(function) == recorded, (
        f"{name} of {package} {version(package)} is not the code upstream_patches.py was checked "
        f"against. Check {what}; then record its new hash here: {source_hash(function)}"
    )


class NotedEnvironment(jinja2.Environment):
    pass


def test_a_generator_given_another_environment_class_renders_as_with_its_own(tmp_path, monkeypatch):
    # Pelican's warnings about these bare settings (no feed address, no time zone) as warnings,
    # even in a process that read publishconf.py, which makes every warning fatal.
    monkeypatch.setattr(FatalLogger, "fatal_lvl", logging.CRITICAL + 1)
    settings = read_settings(override={
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True,
                              "extensions": ["jinja2.ext.loopcontrols"]},
        "JINJA_FILTERS": {"shout": str.upper},
        "JINJA_GLOBALS": {"clinic": "Holistic Oriental Medicine"},
        "JINJA_TESTS": {"long": lambda text: len(text) > 3},
    })
    generator = Generator({}, settings, str(tmp_path), settings["THEME"], str(tmp_path))
    plain = generator.env
    use_environment_class(generator, NotedEnvironment)
    environment = generator.env
    assert type(environment) is NotedEnvironment and environment.loader is plain.loader
    for part in ("filters", "globals", "tests", "policies", "extensions"):
        assert set(getattr(environment, part)) == set(getattr(plain, part)), part
    for option in ("trim_blocks", "lstrip_blocks", "autoescape", "undefined", "finalize"):
        assert getattr(environment, option) == getattr(plain, option), option
    source = ("{% for word in ['calm', 'needles', 'tea'] %}\n  {% if word is long %}{{ word | shout }}"
              "{% else %}{% continue %}{% endif %}\n{% endfor %}{{ clinic }} {{ '<b>' }}"
              "{{ [1] | strftime('%Y') if false else '' }}{{ 'plugin' is plugin_enabled }}")
    assert environment.from_string(source).render() == plain.from_string(source).render()
    assert generator.get_template("article").environment is environment


def test_pelican_precompress_compresses_the_folder_it_is_given_and_nothing_else(tmp_path):
    output, folder = tmp_path / "output", tmp_path / "links"
    for place in (output, folder):
        place.mkdir()
        (place / "index.html").write_text("<p>Needles and calm.</p>" * 40, encoding="utf-8")
    settings = {"OUTPUT_PATH": str(output), "PRECOMPRESS_BROTLI": True, "PRECOMPRESS_GZIP": True,
                "PRECOMPRESS_ZOPFLI": False, "PRECOMPRESS_ZSTANDARD": False,
                "PRECOMPRESS_TEXT_EXTENSIONS": {".html"}}
    precompress_folder(settings, folder)
    page = (folder / "index.html").read_bytes()
    assert brotli.decompress((folder / "index.html.br").read_bytes()) == page
    assert gzip.decompress((folder / "index.html.gz").read_bytes()) == page
    assert sorted(path.name for path in output.iterdir()) == ["index.html"]


# The packages whose code the project builds on, and the classes of theirs whose methods a
# plugin could replace on one of their objects.
UPSTREAM_PACKAGES = {"pelican", "jinja2", "markdown", "markupsafe", "blinker", "yaml"}
UPSTREAM_CLASSES = [jinja2.Environment, jinja2.Template, Generator, Writer, Content, Readers, Markdown,
                    blinker.Signal]
UPSTREAM_METHODS = {name for cls in UPSTREAM_CLASSES for name, value in inspect.getmembers(cls)
                    if inspect.isfunction(value) and not name.startswith("__")}
PATCHES_MODULE = PACKAGE_FOLDER / "plugins" / "upstream_patches.py"


def imported_upstream_names(tree):
    """The names a module binds to other projects' modules, classes and functions."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names
                      if alias.name.split(".")[0] in UPSTREAM_PACKAGES}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in UPSTREAM_PACKAGES:
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def patches_in(path):
    """(line, what) of each place `path` changes other projects' code: an attribute set on
    something imported from them, a method of their classes replaced on an object, or an
    object of theirs stood in for by a namespace."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upstream = imported_upstream_names(tree)
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            for target in getattr(node, "targets", None) or [node.target]:
                targets += target.elts if isinstance(target, ast.Tuple) else [target]
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in {"setattr", "delattr"}:
            targets.append(ast.Attribute(value=node.args[0], attr=ast.unparse(node.args[1])))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            if getattr(node.func.value, "id", None) in upstream and any(
                    isinstance(argument, ast.Call) and getattr(argument.func, "id", None) == "SimpleNamespace"
                    for argument in node.args):
                found.append((node.lineno, f"{ast.unparse(node.func)} given a stand-in object"))
        for target in targets:
            if not isinstance(target, ast.Attribute):
                continue
            owner = target.value
            while isinstance(owner, ast.Attribute):
                owner = owner.value
            if getattr(owner, "id", None) in upstream:
                found.append((target.lineno, f"{ast.unparse(target)} set"))
            elif target.attr in UPSTREAM_METHODS:
                found.append((target.lineno, f"{ast.unparse(target)} replaced"))
    return found


def test_other_projects_code_is_patched_only_in_upstream_patches():
    modules = [path for path in PACKAGE_FOLDER.rglob("*.py") if not path.name.startswith("test_")]
    settings = [PROJECT_ROOT / name for name in ("pelicanconf.py", "publishconf.py", "tasks.py")]
    patched = [f"{path.relative_to(PROJECT_ROOT)}:{line}: {what}"
               for path in [*modules, *settings] if path != PATCHES_MODULE
               for line, what in patches_in(path)]
    assert patched == [], (
        "Use a public hook, or move the patch into upstream_patches.py with a test of the upstream "
        "code it relies on:\n" + "\n".join(patched))


def test_the_production_settings_make_every_warning_fatal(monkeypatch):
    monkeypatch.setattr(FatalLogger, "fatal_lvl", FatalLogger.fatal_lvl)
    logger = logging.getLogger("pelican.production_check")
    assert isinstance(logger, FatalLogger)
    read_settings(str(PROJECT_ROOT / "publishconf.py"))
    with pytest.raises(RuntimeError, match="Warning or error encountered"):
        logger.warning("A tag without articles")
