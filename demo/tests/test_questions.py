"""The demo meeting that asks its own questions."""

import pytest
from django.test import Client

from registration.questions.models import Answer, Question

pytestmark = pytest.mark.django_db


def test_the_albertslund_meeting_asks_where_people_come_from_with_a_follow_up_on_andet(demo):
    area = Question.objects.get(identifier="boligomraade")
    other = Question.objects.get(identifier="andet-boligomraade", meeting=area.meeting)
    assert area.label == "Hvilket boligområde kommer du fra?" and area.kind == "single_choice"
    assert (other.condition_question, other.condition_value) == (area, str(area.choices.get(label="Andet").pk))
    # Everyone answered, except the two colleagues a booker signed up, who answer through their own links.
    colleagues = area.meeting.registrations.filter(group_member__isnull=False, answers__isnull=True)
    assert colleagues.count() == 2
    assert Answer.objects.filter(question=area).count() == area.meeting.registrations.count() - 2
    html = Client().get(area.meeting.get_absolute_url()).content.decode()
    assert "Hvilket boligområde kommer du fra?" in html and f'data-when-key="{area.field_name}"' in html
