"""Colleagues in one go: one demo registration made as a group (a booker and two colleagues).

On the Albertslund meeting (which has its own questions): the booker answers
hers, the colleagues answer later through their own links. Made through the
group service, without emails; replaced on every run.
"""

from __future__ import annotations

from django.utils import timezone

from meetings.models import Meeting
from registration.groups import Person, group_registration_create
from registration.models import GroupBooking, Registration
from registration.questions.models import Question
from registration.services import RegistrationError

from ..participants import DOMAIN
from ..site import Site

# The meeting with its own questions (demo/loaders/questions.py).
MEETING_TITLE = "Aktive boligområder i Albertslund"

BOOKER = Person(name="Hanne Gruppebooker", email=f"hanne.gruppe@{DOMAIN}", organisation="Albertslund Boligselskab")
COLLEAGUES = [
    Person(name="Jonas Kollega", email=f"jonas.kollega@{DOMAIN}"),
    Person(name="Fatima Kollega", email=f"fatima.kollega@{DOMAIN}", organisation="Boligselskabet Hedemarken"),
]


def load(site: Site) -> None:
    meeting = Meeting.objects.filter(title=MEETING_TITLE, starts_at__gt=timezone.now()).order_by("starts_at").first()
    if meeting is None:
        return
    emails = [BOOKER.email] + [person.email for person in COLLEAGUES]
    GroupBooking.objects.filter(meeting=meeting, email=BOOKER.email).delete()
    Registration.objects.filter(meeting=meeting, email__in=emails).delete()
    if meeting.max_colleagues < len(COLLEAGUES):
        meeting.max_colleagues = 5
        meeting.save(update_fields=["max_colleagues"])
    area = Question.objects.filter(meeting=meeting, identifier="boligomraade").first()
    answers = {area: [area.choices.get(label="Galgebakken")]} if area is not None else None
    booker = Person(**{**BOOKER.__dict__, "answers": answers, "data": {"organisation": BOOKER.organisation}})
    try:
        group_registration_create(
            meeting=meeting, booker=booker, booker_attends=True, colleagues=COLLEAGUES, send_emails=False
        )
    except RegistrationError:
        return  # the meeting is closed on this demo date
