"""Migrations are history: none runs application code.

A field definition may name a custom field class, an upload_to function or a validator by its
path, as Django writes them; such a name must still exist at that path. Nothing else of the
app is imported, and no function in a migration (a RunPython step) touches the app's code.
"""

import ast
import importlib
from pathlib import Path

import pytest

import assembly

MIGRATIONS = sorted((Path(assembly.__file__).parent / "migrations").glob("0*.py"))
# Modules whose classes and functions field definitions may name.
FIELD_REFERENCE_MODULES = {
    "assembly.languages",
    "assembly.models.fields",
    "assembly.models.images",
    "assembly.uploads",
}


def dotted(node):
    """ "assembly.models.images.image_upload_to" for that attribute chain, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        return ".".join([node.id, *reversed(parts)])
    return None


def app_names(tree):
    """Every dotted name of the app that ``tree`` spells out ("assembly.uploads.X")."""
    for node in ast.walk(tree):
        outermost = not isinstance(getattr(node, "parent", None), ast.Attribute)
        if isinstance(node, ast.Attribute) and outermost:
            name = dotted(node)
            if name and name.split(".")[0] == "assembly":
                yield name


def parsed(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node
    return tree


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: path.stem)
def test_migration_imports_only_field_references_of_the_app(path):
    tree = parsed(path)
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            # Django writes field references as ``import assembly.x``, never ``from``.
            assert node.level == 0, f"{path.name} imports relatively"
            assert node.module.split(".")[0] != "assembly", f"{path.name}: from {node.module}"
            imported.add(node.module)

    app_modules = {name for name in imported if name.split(".")[0] == "assembly"}
    assert app_modules <= FIELD_REFERENCE_MODULES, path.name
    assert "importlib" not in imported, f"{path.name} loads other modules at run time"


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: path.stem)
def test_no_migration_function_touches_the_apps_code(path):
    tree = parsed(path)
    for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
        names = list(app_names(function))
        assert not names, f"{path.name}: {function.name}() uses {names}"


@pytest.mark.parametrize("path", MIGRATIONS, ids=lambda path: path.stem)
def test_field_references_of_a_migration_still_exist_at_their_path(path):
    for name in app_names(parsed(path)):
        module_name, _dot, attribute = name.rpartition(".")
        assert module_name in FIELD_REFERENCE_MODULES, f"{path.name}: {name}"
        assert hasattr(importlib.import_module(module_name), attribute), f"{path.name}: {name}"
