"""Formulas hidden behind spaces, invisible or bidirectional characters are neutralised in CSV and XLSX alike."""

import pytest
from django.db import connection
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from meetings.tests.factories import MeetingFactory
from members.tests.factories import SecretariatUserFactory
from netvaerk.text import spreadsheet_safe
from registration.exports.writers import neutralise
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

from .exporting import body, export_url, read_csv, read_xlsx

# What may stand before the formula character and still leave a spreadsheet (or a person
# trimming the cell) looking at a formula: spaces of every kind, zero-width and joiners,
# the byte order mark, bidirectional marks, embeddings, overrides and isolates, fillers.
HIDERS = [
    " ",
    "  ",
    "\u00a0",
    "\u2007",
    "\u202f",
    "\u3000",
    "\n",
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u200f",
    "\u061c",
    *[chr(c) for c in range(0x202A, 0x202F)],
    *[chr(c) for c in range(0x2066, 0x206A)],
    "\u034f",
    "\u3164",
    "\U000e0041",
    " \u200b\u00a0\u202e",
]
FORMULAS = ["=1+1", "+45 12 34 56 78", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)", "＝1+1", "﹢1", "－1", "＠SUM(1)"]


@pytest.mark.parametrize("hider", HIDERS)
@pytest.mark.parametrize("formula", FORMULAS)
def test_a_formula_behind_invisible_characters_gets_the_apostrophe(hider, formula):
    assert spreadsheet_safe(hider + formula) == "'" + hider + formula


@pytest.mark.parametrize(
    "text", ["Åse Ærø", " Bo Holm", "\u200bAnna", "12 34 56 78", "Anna = Bo", "Bo-Jensen", "", "'=1"]
)
def test_ordinary_text_is_left_as_typed(text):
    assert spreadsheet_safe(text) == text


@given(
    st.lists(st.sampled_from(HIDERS), max_size=4).map("".join), st.sampled_from("=+-@＝＋－＠"), st.text(max_size=20)
)
def test_no_hidden_formula_slips_through(hiders, character, rest):
    assert spreadsheet_safe(hiders + character + rest).startswith("'")


def test_csv_and_xlsx_share_the_one_rule():
    assert neutralise is spreadsheet_safe


@pytest.mark.django_db
def test_exports_neutralise_hidden_formulas_also_in_rows_stored_before_the_cleaning():
    client = Client()
    client.force_login(SecretariatUserFactory())
    meeting = MeetingFactory()
    names = {}
    for index, hider in enumerate(HIDERS):
        registration = RegistrationFactory(meeting=meeting, email=f"x{index}@example.dk")
        names[registration.pk] = f'{hider}=HYPERLINK("https://evil.example/?{index}";"Klik")'
    # Rows written before invisible characters were removed on save: planted with plain SQL,
    # since every way through the model cleans them.
    with connection.cursor() as cursor:
        for pk, name in names.items():
            cursor.execute(
                f"UPDATE {Registration._meta.db_table} SET name = %s, organisation = %s WHERE id = %s", [name, name, pk]
            )
    assert set(Registration.objects.values_list("name", flat=True)) == set(names.values())

    expected = {"'" + name for name in names.values()}
    csv_rows = read_csv(body(client.get(export_url(meeting, "deltagere", "csv"))))
    assert {row[0] for row in csv_rows[1:]} == expected
    assert {row[1] for row in csv_rows[1:]} == expected
    ws = read_xlsx(body(client.get(export_url(meeting, "deltagere", "xlsx"))))
    cells = [ws.cell(row=r, column=c) for r in range(2, ws.max_row + 1) for c in (1, 2)]
    assert {cell.value for cell in cells} == {name.replace("\r", "\n") for name in expected}
    assert all(cell.data_type == "s" for cell in cells)
