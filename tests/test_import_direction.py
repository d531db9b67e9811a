"""Imports run one way: the public site and the admin above search, search above the content
models (docs/architecture.md, Layout).

Read from the source with ``ast``, so an import inside a function counts as much as one at the
top of a module.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PUBLIC_SITE = ("assembly.views", "assembly.templatetags", "assembly.feeds", "assembly.sitemaps")
ADMIN = ("assembly.admin",)
SEARCH = ("assembly.search",)

# Each package and what it must never import.
RULES = {
    "assembly/models": PUBLIC_SITE + ADMIN + SEARCH,
    "assembly/search": PUBLIC_SITE + ADMIN,
}


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path):
    """Every module ``path`` imports, relative imports resolved, with the line of each."""
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module
            yield module, node.lineno
            # ``from assembly import views`` imports the package assembly.views.
            for alias in node.names:
                yield f"{module}.{alias.name}", node.lineno


def is_under(module, packages):
    return any(module == package or module.startswith(package + ".") for package in packages)


def wrong_imports(directory, forbidden):
    found = []
    for path in sorted((ROOT / directory).rglob("*.py")):
        for module, line in imported_modules(path):
            if is_under(module, forbidden):
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return found


@pytest.mark.parametrize("directory", sorted(RULES))
def test_package_does_not_import_the_layers_above_it(directory):
    assert (ROOT / directory).is_dir()
    assert wrong_imports(directory, RULES[directory]) == []


def test_the_check_finds_a_planted_import_at_the_top_and_inside_a_function(tmp_path, monkeypatch):
    package = tmp_path / "assembly" / "models"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("from .news import NewsItem\n")
    (package / "news.py").write_text(
        "from django.db import models\n"
        "from assembly import search\n"
        "\n\n"
        "def url(self):\n"
        "    from ..views.pages import NewsDetailView\n"
        "    return NewsDetailView\n"
    )
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)

    assert wrong_imports("assembly/models", RULES["assembly/models"]) == [
        "assembly/models/news.py:2 imports assembly.search",
        "assembly/models/news.py:6 imports assembly.views.pages",
        "assembly/models/news.py:6 imports assembly.views.pages.NewsDetailView",
    ]
