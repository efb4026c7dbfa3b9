"""Real threads on PostgreSQL: a choice with places is never given to more people than it has."""

import pytest

from meetings.tests.factories import MeetingFactory
from registration import services
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.questions.models import Answer, QuestionKind

from .questions_support import add_question, choice
from .test_concurrency import run_concurrently

pytestmark = [pytest.mark.services("postgresql"), pytest.mark.django_db(transaction=True)]


def test_concurrent_sign_ups_never_overfill_a_choice():
    meeting = MeetingFactory(capacity=None)
    bus = add_question(meeting, "Transport", QuestionKind.SINGLE_CHOICE, choices=[("Bus", 5), "Egen bil"])
    seat = choice(bus, "Bus")

    def sign_up(i):
        try:
            return services.registration_create(
                meeting=meeting, data={"name": f"P{i}"}, email=f"p{i}@example.dk", answers={bus: [seat]}
            )
        except services.RegistrationError as error:
            return error

    results, errors = run_concurrently(24, sign_up)
    assert errors == []
    refused = [r for r in results if isinstance(r, services.RegistrationError)]
    assert len(refused) == 19
    assert {str(r.message) for r in refused} == {"Der er ikke flere pladser til “Bus”."}
    # Exactly the places, and nothing kept of a refused sign-up (its registration rolled back with it).
    assert seat.answers.count() == 5
    assert Registration.objects.filter(meeting=meeting, status=RegistrationStatus.CONFIRMED).count() == 5
    assert Answer.objects.filter(question=bus).count() == 5


def test_racing_groups_never_overfill_a_choice_and_a_group_is_all_or_nothing():
    """Places of a choice counted within each group and across groups racing for them (issue 17)."""
    from registration import groups
    from registration.groups import Person

    meeting = MeetingFactory(capacity=None, max_colleagues=5)
    bus = add_question(meeting, "Transport", QuestionKind.SINGLE_CHOICE, choices=[("Bus", 5), "Egen bil"])
    seat = choice(bus, "Bus")

    def sign_up(i):
        try:
            return groups.group_registration_create(
                meeting=meeting,
                booker=Person(name=f"B{i}", email=f"b{i}@example.dk", answers={bus: [seat]}),
                booker_attends=True,
                colleagues=[Person(name=f"K{i}", email=f"k{i}@example.dk", answers={bus: [seat]})],
            )
        except services.RegistrationError as error:
            return error

    results, errors = run_concurrently(6, sign_up)
    assert errors == []
    # Whatever the order: two groups of two fill four places, and the fifth place cannot take a whole group,
    # so every later group is refused and keeps nobody.
    created = [r for r in results if isinstance(r, groups.GroupResult)]
    assert len(created) == 2 and all(len(group.created) == 2 for group in created)
    assert seat.answers.count() == 4
    assert Registration.objects.filter(meeting=meeting).count() == 4
