"""Personal data kept outside the registrations: one registry for data requests, erasure and retention.

An app that stores personal data (guest comments, requests for offers,
evaluations, member accounts) registers a source in its AppConfig.ready().
The staff data request and erasure by email address, the members' own data
export and the retention job (registration.privacy) go through every source,
so a new kind of personal data is covered in one place.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class PersonalDataSource:
    # Each function is called with keywords: export(email=...), erase(email=...), retain(before=...).
    name: str  # the key of its part in a data export
    export: Callable[[str], list[dict[str, Any]]]  # what is stored about an email address
    erase: Callable[[str], int]  # delete or anonymise it; returns the number of rows
    retain: Callable[[dt.datetime], int]  # anonymise what is older than the cutoff; returns the number of rows
    # Sources run in this order when erasing: a member account (which the
    # others find people by) goes last.
    order: int = 0


PERSONAL_DATA_SOURCES: dict[str, PersonalDataSource] = {}


def iso(*, value) -> str | None:
    """A date or time for a data export (None stays None)."""
    return value.isoformat() if value else None


def personal_data_source_register(*, source: PersonalDataSource) -> None:
    PERSONAL_DATA_SOURCES[source.name] = source


def personal_data_sources() -> list[PersonalDataSource]:
    return sorted(PERSONAL_DATA_SOURCES.values(), key=lambda source: (source.order, source.name))
