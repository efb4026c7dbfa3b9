import factory
from django.utils import timezone

from meetings.tests.factories import MeetingFactory
from registration.enums import RegistrationStatus
from registration.models import Registration


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A confirmed registration for a meeting that is open for sign-up."""

    class Meta:
        model = Registration

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"deltager{n}@example.dk")
    organisation = "Boligforeningen"
    status = RegistrationStatus.CONFIRMED
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)


def registrations_bulk(*, meeting, count: int, prefix: str = "deltager") -> list[Registration]:
    """``count`` confirmed registrations of ``meeting`` in one insert ("Deltager 0", deltager0@example.dk, ...):
    the many rows a test needs for a page's size or for the planner's statistics, without a factory per row."""
    now = timezone.now()
    return Registration.objects.bulk_create(
        Registration(
            meeting=meeting,
            name=f"{prefix.capitalize()} {n}",
            email=f"{prefix}{n}@example.dk",
            status=RegistrationStatus.CONFIRMED,
            privacy_accepted_at=now,
            confirmed_at=now,
        )
        for n in range(count)
    )
