"""The Danish translation is complete, compiled and actually used.

The tests read whatever locale/da/LC_MESSAGES/django.po holds, so they keep
working when makemessages adds or removes strings: a new string fails the
suite until it has a Danish translation and the .mo has been recompiled
(`manage.py compilemessages --ignore=.venv --ignore=node_modules`).

A string added to the code but never extracted fails too: one test runs
makemessages on a temporary copy of the project and checks the result. To fix
it, run `manage.py makemessages -l da --ignore=.venv --ignore=static
--ignore=node_modules --no-obsolete --no-location`, translate, and compile.
"""

from __future__ import annotations

import ast
import gettext
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.BASE_DIR) / "locale" / "da" / "LC_MESSAGES"
PO_FILE = LC_MESSAGES / "django.po"
MO_FILE = LC_MESSAGES / "django.mo"

_KEYWORD = re.compile(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(\".*\")\s*$")
_NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[sdifr]")


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt is not None else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def _unquote(literal: str) -> str:
    # PO strings use C escapes, which a Python string literal reads the same way.
    return ast.literal_eval(literal)


def parse_po(path: Path) -> list[Entry]:
    """A small PO reader: flags, context, plurals, multi-line strings.

    Obsolete entries (#~) and comments are skipped. The header (empty msgid)
    is returned as the first entry.
    """
    entries: list[Entry] = []
    entry: Entry | None = None
    target: tuple[str, int | None] | None = None

    def finish():
        nonlocal entry, target
        if entry is not None and (entry.msgid or entry.msgstr):
            entries.append(entry)
        entry, target = None, None

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.strip()
        if not line:
            finish()
            continue
        if line.startswith("#~"):
            continue
        if line.startswith("#,"):
            if entry is not None and target is not None:
                finish()
            entry = entry or Entry(line=number)
            entry.flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            continue
        if line.startswith("#"):
            if entry is not None and target is not None:
                finish()
            continue
        match = _KEYWORD.match(line)
        if match:
            keyword, index, literal = match.groups()
            if keyword in ("msgctxt", "msgid") and entry is not None and target and target[0] == "msgstr":
                finish()
            entry = entry or Entry(line=number)
            entry.line = entry.line or number
            value = _unquote(literal)
            if keyword == "msgctxt":
                entry.msgctxt, target = value, ("msgctxt", None)
            elif keyword == "msgid":
                entry.msgid, target = value, ("msgid", None)
                entry.line = number
            elif keyword == "msgid_plural":
                entry.msgid_plural, target = value, ("msgid_plural", None)
            else:
                position = int(index) if index is not None else 0
                entry.msgstr[position], target = value, ("msgstr", position)
            continue
        if line.startswith('"') and entry is not None and target is not None:
            value = _unquote(line)
            kind, position = target
            if kind == "msgstr":
                entry.msgstr[position] += value
            elif kind == "msgid_plural":
                entry.msgid_plural += value
            else:
                setattr(entry, kind, getattr(entry, kind) + value)
            continue
        raise AssertionError(f"{path.name} line {number}: cannot read {raw!r}")
    finish()
    return entries


def _header(entries: list[Entry]) -> dict[str, str]:
    header = next((e for e in entries if e.msgid == "" and e.msgctxt is None), None)
    assert header is not None, "django.po has no header entry"
    fields = {}
    for row in header.msgstr.get(0, "").splitlines():
        name, _sep, value = row.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def _messages(entries: list[Entry]) -> list[Entry]:
    return [e for e in entries if e.msgid != "" or e.msgctxt is not None]


def _translated(entries: list[Entry]) -> list[Entry]:
    # Untranslated and fuzzy entries are reported by their own test.
    return [
        e
        for e in _messages(entries)
        if "fuzzy" not in e.flags and e.msgstr and all(text.strip() for text in e.msgstr.values())
    ]


@pytest.fixture(scope="module")
def po_entries() -> list[Entry]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing; run makemessages -l da"
    return parse_po(PO_FILE)


def test_po_header_is_danish(po_entries):
    header = _header(po_entries)
    assert header.get("Language") == "da"
    assert header.get("Plural-Forms", "").replace(" ", "") == "nplurals=2;plural=(n!=1);"
    assert "charset=UTF-8" in header.get("Content-Type", "")


def test_po_has_messages(po_entries):
    assert _messages(po_entries), "django.po holds no messages"


def _incomplete(entries: list[Entry]) -> list[str]:
    """Fuzzy entries and empty translations (every plural form must be filled)."""
    problems = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy: {entry.label}")
    for entry in _messages(entries):
        forms = 2 if entry.msgid_plural is not None else 1
        for position in range(forms):
            if not entry.msgstr.get(position, "").strip():
                problems.append(f"untranslated (msgstr[{position}]): {entry.label}")
    return problems


def test_every_message_is_translated_and_not_fuzzy(po_entries):
    problems = _incomplete(po_entries)
    assert not problems, "Danish translation is incomplete:\n" + "\n".join(problems)


# The same command as in the module docstring (and the one developers run).
MAKEMESSAGES = [
    "makemessages",
    "-l",
    "da",
    "--ignore=.venv",
    "--ignore=static",
    "--ignore=node_modules",
    "--no-obsolete",
    "--no-location",
]
GETTEXT_TOOLS = ("xgettext", "msguniq", "msgmerge", "msgattrib")
# Not needed by makemessages, and big or machine-local: left out of the copy.
_NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "venv",
    "node_modules",
    "static",
    "staticfiles",
    "media",
    "var",
    "test-artifacts",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
    "*.pyc",
    "*.mo",
)


def test_code_has_no_msgids_missing_from_the_po(tmp_path):
    """makemessages on a copy of the project finds nothing new to translate.

    Catches a string marked for translation in Python or a template that was
    never extracted into django.po, which the tests above cannot see.
    """
    missing = [tool for tool in GETTEXT_TOOLS if shutil.which(tool) is None]
    if missing:
        message = (
            f"GNU gettext is not installed ({', '.join(missing)} missing): run `make test` as root, "
            "or sudo apt-get install -y gettext"
        )
        if settings.REQUIRE_SERVICES:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)

    base_dir = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    shutil.copytree(base_dir, copy, ignore=_NOT_COPIED, symlinks=True)
    copied_po = copy / PO_FILE.relative_to(base_dir)
    assert copied_po.exists(), f"{copied_po} was not copied"

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.test_settings")
    result = subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"makemessages failed:\n{result.stdout}\n{result.stderr}"

    problems = _incomplete(parse_po(copied_po))
    assert not problems, (
        "The code has strings that locale/da/LC_MESSAGES/django.po lacks or has only fuzzily. Run\n"
        f"  manage.py {' '.join(MAKEMESSAGES)}\n"
        "translate the new entries, then compilemessages:\n" + "\n".join(problems)
    )


def test_placeholders_are_kept(po_entries):
    problems = []
    for entry in _messages(po_entries):
        if "python-format" not in entry.flags:
            continue
        source = set(_NAMED_PLACEHOLDER.findall(entry.msgid))
        if entry.msgid_plural is not None:
            source |= set(_NAMED_PLACEHOLDER.findall(entry.msgid_plural))
        for position, text in entry.msgstr.items():
            found = set(_NAMED_PLACEHOLDER.findall(text))
            if found - source:
                problems.append(f"unknown placeholder {sorted(found - source)} in msgstr[{position}]: {entry.label}")
            if entry.msgid_plural is None and found != source:
                problems.append(f"placeholders {sorted(found)} != {sorted(source)}: {entry.label}")
    assert not problems, "\n".join(problems)


def _catalog_key(entry: Entry, msgid: str) -> str:
    return f"{entry.msgctxt}\x04{msgid}" if entry.msgctxt is not None else msgid


def test_mo_is_compiled_from_current_po(po_entries):
    """Every translation in the .po is in the committed .mo, unchanged."""
    assert MO_FILE.exists(), f"{MO_FILE} is missing; run compilemessages --ignore=.venv"
    with MO_FILE.open("rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    stale = []
    for entry in _translated(po_entries):
        key = _catalog_key(entry, entry.msgid)
        if entry.msgid_plural is None:
            if catalog.get(key) != entry.msgstr.get(0):
                stale.append(entry.label)
        else:
            for position, text in entry.msgstr.items():
                if catalog.get((key, position)) != text:
                    stale.append(f"{entry.label} (form {position})")
    assert not stale, "django.mo is older than django.po; run compilemessages:\n" + "\n".join(stale)


def test_django_uses_the_project_catalog(po_entries):
    """Our translations win over Django's own ones (LOCALE_PATHS come first)."""
    wrong = []
    with translation.override("da"):
        for entry in _translated(po_entries):
            if entry.msgid_plural is None:
                if entry.msgctxt is None:
                    got = translation.gettext(entry.msgid)
                else:
                    got = translation.pgettext(entry.msgctxt, entry.msgid)
                if got != entry.msgstr.get(0):
                    wrong.append(f"{entry.label} -> {got!r}")
            else:
                for n, position in ((1, 0), (2, 1)):
                    if entry.msgctxt is None:
                        got = translation.ngettext(entry.msgid, entry.msgid_plural, n)
                    else:
                        got = translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if got != entry.msgstr.get(position):
                        wrong.append(f"{entry.label} (n={n}) -> {got!r}")
    assert not wrong, "\n".join(wrong)


def test_parser_reads_plurals_context_and_flags(tmp_path):
    po = tmp_path / "sample.po"
    po.write_text(
        'msgid ""\n'
        'msgstr ""\n'
        '"Language: da\\n"\n'
        "\n"
        "#: x.py:1\n"
        "#, python-format\n"
        'msgid "%(n)s seat"\n'
        'msgid_plural "%(n)s seats"\n'
        'msgstr[0] "%(n)s plads"\n'
        'msgstr[1] "%(n)s "\n'
        '"pladser"\n'
        "\n"
        "#, fuzzy\n"
        '#| msgid "Old"\n'
        'msgctxt "menu"\n'
        'msgid "Say \\"hi\\""\n'
        'msgstr ""\n'
        "\n"
        '#~ msgid "gone"\n'
        '#~ msgstr "væk"\n',
        encoding="utf-8",
    )
    header, plural, fuzzy = parse_po(po)
    assert _header([header]) == {"Language": "da"}
    assert plural.msgstr == {0: "%(n)s plads", 1: "%(n)s pladser"}
    assert plural.msgid_plural == "%(n)s seats" and "python-format" in plural.flags
    assert fuzzy.msgctxt == "menu" and fuzzy.msgid == 'Say "hi"' and "fuzzy" in fuzzy.flags


@pytest.mark.django_db
def test_front_page_is_danish_by_default(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="da">' in html
    assert ">Netværk</a>" in html
    assert ">Møder</a>" in html
    assert response["Content-Language"] == "da"


@pytest.mark.django_db
def test_language_switch_to_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert ">Networks</a>" in html
    assert ">Meetings</a>" in html
    assert ">Møder</a>" not in html

    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert '<html lang="da">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_admin_is_danish(client, django_user_model):
    admin = django_user_model.objects.create_superuser(email="sekretariat@example.dk", password="x")
    client.force_login(admin)
    index = client.get("/admin/").content.decode()
    assert '<html lang="da"' in index
    assert "Log ud" in index  # Django's own Danish catalog
    for model in ("meetings.Meeting", "netvaerk.Network"):
        opts = apps.get_model(model)._meta
        with translation.override("en"):
            english = str(opts.verbose_name)
        with translation.override("da"):
            danish = str(opts.verbose_name)
        assert danish != english, f"{model} verbose_name is not translated"
        page = client.get(f"/admin/{opts.app_label}/{opts.model_name}/add/")
        assert page.status_code == 200
        assert f"Tilføj {danish}" in page.content.decode()
