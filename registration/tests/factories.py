import datetime as dt

import factory
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.models import Meeting, Workshop
from netvaerk.models import Organiser
from registration.enums import RegistrationStatus
from registration.models import Registration


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser
        django_get_or_create = ("name",)

    name = "Boligsocialnet"
    phone = "33 76 20 00"
    email = "sekretariat@example.dk"


class OpenMeetingFactory(factory.django.DjangoModelFactory):
    """A published meeting in two weeks, open for registration now."""

    class Meta:
        model = Meeting

    organiser = factory.SubFactory(OrganiserFactory)
    title = factory.Sequence(lambda n: f"Netværksmøde {n}")
    status = MeetingStatus.PUBLISHED
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=3))
    capacity = 10


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    meeting = factory.SubFactory(OpenMeetingFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    capacity = 5


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    meeting = factory.SubFactory(OpenMeetingFactory)
    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"deltager{n}@example.dk")
    organisation = "Boligforeningen"
    status = RegistrationStatus.CONFIRMED
    privacy_accepted_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
