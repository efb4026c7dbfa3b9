"""A meeting's own questions: the Albertslund meeting asks where people come from, with a follow-up on "Andet".

Runs after the registrations (which are replaced on every run, and their
answers with them): the questions are kept by their identifiers, and the
demo's participants answer them.
"""

from __future__ import annotations

import random

from django.utils import timezone

from meetings.models import Meeting
from registration.questions.models import Answer, Question, QuestionKind
from registration.questions.services import ChoiceLine, question_choices_set

from ..participants import DOMAIN
from ..site import Site

MEETING_TITLE = "Aktive boligområder i Albertslund"
AREAS = ["Hyldespjældet", "Galgebakken", "Hedemarken", "Albertslund Nord", "Andet"]
OTHER_AREAS = ["Vapnagaard", "Tingbjerg", "Gellerup", "Mjølnerparken"]


def load(site: Site) -> None:
    meeting = Meeting.objects.filter(title=MEETING_TITLE, starts_at__gt=timezone.now()).order_by("starts_at").first()
    if meeting is None:
        return
    area, _created = Question.objects.update_or_create(
        meeting=meeting,
        identifier="boligomraade",
        defaults={
            "label": "Hvilket boligområde kommer du fra?",
            "kind": QuestionKind.SINGLE_CHOICE,
            "required": True,
            "order": 1,
            "help_text": "Så kan vi sætte jer sammen med naboområderne i gruppearbejdet.",
        },
    )
    choices = {c.label: c for c in question_choices_set(question=area, lines=[ChoiceLine(a) for a in AREAS])}
    other, _created = Question.objects.update_or_create(
        meeting=meeting,
        identifier="andet-boligomraade",
        defaults={
            "label": "Hvilket andet boligområde?",
            "kind": QuestionKind.SHORT_TEXT,
            "required": True,
            "order": 2,
            "condition_question": area,
            "condition_value": str(choices["Andet"].pk),
        },
    )
    rng = random.Random(MEETING_TITLE)
    participants = meeting.registrations.filter(email__endswith=f"@{DOMAIN}").exclude(answers__question=area)
    links = []
    for registration in participants:
        picked = choices[rng.choice(AREAS)]
        answer = Answer.objects.create(registration=registration, question=area)
        links.append(Answer.choices.through(answer_id=answer.pk, choice_id=picked.pk))
        if picked.label == "Andet":
            Answer.objects.create(registration=registration, question=other, value=rng.choice(OTHER_AREAS))
    Answer.choices.through.objects.bulk_create(links)
