import pytest

from meetings.tests.factories import MeetingFactory, WorkshopFactory

# The real worker, broker and SMTP sink (test_participant_messages_worker.py).
from netvaerk.tests.conftest import (  # noqa: F401
    broker,
    real_services,
    settle,
    smtp_sink,
    start_worker,
    started_workers,
    worker_settings,
)


@pytest.fixture
def meeting(db):
    return MeetingFactory(capacity=2)


@pytest.fixture
def workshop_meeting(db):
    meeting = MeetingFactory(capacity=20)
    WorkshopFactory(meeting=meeting, title="Naboskab, netværk & tryghed", capacity=1)
    WorkshopFactory(meeting=meeting, title="Sundhed & trivsel", capacity=1)
    WorkshopFactory(meeting=meeting, title="Uddannelse & livschancer", capacity=None)
    return meeting


def form_data(**overrides):
    data = {
        "name": "Åse Ærø",
        "email": "aase@example.dk",
        "phone": "12 34 56 78",
        "organisation": "Boligforeningen Rosenhøj",
        "job_title": "Social vicevært",
        "comment": "",
        "privacy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


@pytest.fixture
def secretariat_client(db):
    """A client of its own, so a test can use it next to the consultant's."""
    from django.test import Client

    from members.tests.factories import SecretariatUserFactory

    client = Client()
    client.user = SecretariatUserFactory(first_name="Sanne", last_name="Holm")
    client.force_login(client.user)
    return client
