"""The code is one installed package whose parts build on each other in one order (its
`__init__.py` names them): a part imports only the parts before it, so the model stands alone and
nothing imports upward; and no module edits `sys.path` to find another."""

import ast
from pathlib import Path

import holistic_oriental_medicine

PACKAGE = Path(holistic_oriental_medicine.__file__).parent
PROJECT_ROOT = PACKAGE.parent
PARTS = ["model", "checks", "caches", "builds", "plugins", "hosting", "cms", "preview", "importer",
         "provision", "clean_photos"]


def modules():
    return sorted(path for path in PACKAGE.rglob("*.py") if not path.name.startswith("test_"))


def part_of(path):
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def imported_parts(path):
    """(line, part) for each import of another part of the package in the module at `path`."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = node.module.split(".")
            if names[0] != PACKAGE.name:
                continue
            for name in names[1:2] or [alias.name for alias in node.names]:
                if name in PARTS:
                    yield node.lineno, name
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names = alias.name.split(".")
                if names[0] == PACKAGE.name and len(names) > 1:
                    yield node.lineno, names[1]


def test_every_part_of_the_package_is_named_in_its_order():
    parts = {part_of(path) for path in modules()} - {"__init__"}
    assert parts == set(PARTS)


def test_each_part_imports_only_the_parts_before_it():
    upward = [
        f"{path.relative_to(PROJECT_ROOT)}:{line}: {part_of(path)} imports {imported}"
        for path in modules() if part_of(path) in PARTS
        for line, imported in imported_parts(path)
        if PARTS.index(imported) > PARTS.index(part_of(path))
    ]
    assert upward == []


def test_the_model_imports_no_other_part():
    model = [path for path in modules() if part_of(path) == "model"]
    assert model
    assert [(path.name, part) for path in model for _line, part in imported_parts(path) if part != "model"] == []


def test_no_code_edits_the_import_path():
    code = [*modules(), PROJECT_ROOT / "tasks.py", PROJECT_ROOT / "pelicanconf.py",
            *sorted((PROJECT_ROOT / "bench").glob("*.py"))]
    editing = [str(path.relative_to(PROJECT_ROOT)) for path in code if "sys.path" in path.read_text(encoding="utf-8")]
    assert editing == []
