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
