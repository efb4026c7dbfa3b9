"""House rules checked on the source: keyword-only services and selectors, and modules under 400 lines."""

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED_FOLDERS = {".venv", "node_modules", "migrations", ".git", "var", "staticfiles"}
MAX_LINES = 400

# Modules whose public functions are services or selectors (and the service modules split from them).
SERVICE_MODULE_NAMES = {
    "services.py",
    "selectors.py",
    "workshops.py",
    "status_edits.py",
    "meeting_changes.py",
    "desk.py",
    "overrides.py",
    "invoicing.py",
    "participant_messages.py",
    "checkin.py",
    "planning.py",
    "group_space.py",
    "privacy.py",
    "waiting_list.py",
    "seats.py",
    "invitations.py",
    "groups.py",
}


def _python_files():
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED_FOLDERS & set(relative.parts):
            continue
        yield relative


def _service_modules():
    # Demo data is no service; template tags are called by the template engine, positionally.
    for relative in _python_files():
        parts = relative.parts
        if parts[0] in ("demo", "config", "bench", "scripts") or "tests" in parts or "templatetags" in parts:
            continue
        if relative.name in SERVICE_MODULE_NAMES:
            yield relative


def test_the_scan_finds_the_service_modules():
    found = {str(path) for path in _service_modules()}
    for expected in (
        "registration/services.py",
        "registration/waiting_list.py",
        "meetings/selectors.py",
        "accessibility/services.py",
        "api/selectors.py",
        "webhooks/services.py",
        "search/selectors.py",
        "members/group_space.py",
        "netvaerk/privacy.py",
        "registration/questions/services.py",
    ):
        assert expected in found


def test_public_services_and_selectors_take_keyword_arguments_only():
    offenders = []
    for relative in _service_modules():
        tree = ast.parse((ROOT / relative).read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) or node.name.startswith("_"):
                continue
            positional = [arg.arg for arg in node.args.posonlyargs + node.args.args]
            if positional or node.args.vararg:
                offenders.append(f"{relative}:{node.lineno} {node.name}({', '.join(positional)})")
    assert not offenders, "Make these keyword-only (def name(*, ...)):\n" + "\n".join(offenders)


def test_no_module_is_over_400_lines():
    offenders = []
    for relative in _python_files():
        if relative.parts[0] == "demo":
            continue
        lines = len((ROOT / relative).read_text(encoding="utf-8").splitlines())
        if lines > MAX_LINES:
            offenders.append(f"{relative}: {lines} lines")
    assert not offenders, "Split these by concern:\n" + "\n".join(offenders)


def test_every_test_folder_is_collected_by_the_suite():
    """`make test` and CI run pytest's testpaths: a tests folder left out of them never runs."""
    import configparser

    config = configparser.ConfigParser()
    config.read(ROOT / "pytest.ini")
    collected = set(config["pytest"]["testpaths"].split())
    folders = {
        path.parent.relative_to(ROOT).parts[0]
        for path in ROOT.glob("*/tests/__init__.py")
        if not SKIPPED_FOLDERS & set(path.relative_to(ROOT).parts)
    }
    assert folders - collected == set(), f"add to pytest.ini's testpaths: {sorted(folders - collected)}"
