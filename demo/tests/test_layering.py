"""The demo sits at the top of the house: nothing imports it, and its loaders stay small and independent."""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
DEMO = BASE / "demo"
SKIPPED = {".venv", "node_modules", "var", "static", "staticfiles", ".git", "test-artifacts"}
# Allowed to load the demo: the test fixture and the benchmarks, which build on the demo site.
MAY_IMPORT_DEMO = {BASE / "conftest.py", BASE / "bench"}


def python_files(root: Path):
    for path in sorted(root.rglob("*.py")):
        if not SKIPPED.intersection(path.relative_to(BASE).parts):
            yield path


def imported_modules(source: str, package: str) -> set[str]:
    """Absolute module names a module of `package` imports (relative imports resolved against the package)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = parts[: len(parts) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def imports_of(path: Path) -> set[str]:
    package = ".".join(path.relative_to(BASE).parts[:-1])
    return imported_modules(path.read_text(encoding="utf-8"), package)


def is_demo(module: str) -> bool:
    return module == "demo" or module.startswith("demo.")


def test_no_module_outside_the_demo_imports_it():
    offenders = [
        str(path.relative_to(BASE))
        for path in python_files(BASE)
        if not path.is_relative_to(DEMO)
        and not any(path == allowed or path.is_relative_to(allowed) for allowed in MAY_IMPORT_DEMO)
        and any(is_demo(module) for module in imports_of(path))
    ]
    assert offenders == []


def test_the_import_check_sees_every_way_of_importing_the_demo():
    # The check above must be able to fail.
    for source, package in [
        ("import demo.load", "members"),
        ("from demo.load import load_demo", "members.tests"),
        ("from demo import logins", "registration"),
        ("from .. import load", "demo.loaders"),
        ("def f():\n    from demo.logins import ADMIN_EMAIL", "content"),
    ]:
        assert any(is_demo(module) for module in imported_modules(source, package)), source
    assert not any(is_demo(module) for module in imported_modules("import demography", "members"))
    assert "demo.helpers" in imported_modules("from ..helpers import at", "demo.loaders")


def test_loaders_import_no_other_loader():
    loaders = {path.stem for path in (DEMO / "loaders").glob("*.py")} - {"__init__"}
    for path in (DEMO / "loaders").glob("*.py"):
        imported = {module.split(".")[2] for module in imports_of(path) if module.startswith("demo.loaders.")}
        assert not imported & loaders, f"{path.name} imports {sorted(imported & loaders)}"


def test_every_demo_module_is_under_200_lines():
    lengths = {
        str(path.relative_to(BASE)): len(path.read_text(encoding="utf-8").splitlines()) for path in DEMO.rglob("*.py")
    }
    assert {name: lines for name, lines in lengths.items() if lines >= 200} == {}


def test_every_loader_runs_in_the_orchestrator():
    from demo.load import LOADERS

    modules = {loader.__module__.rsplit(".", 1)[-1] for loader in LOADERS}
    assert modules == {path.stem for path in (DEMO / "loaders").glob("*.py")} - {"__init__"}
