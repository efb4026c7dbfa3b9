"""Venues, meetings, programme items and workshops for tests."""

import datetime as dt

import factory
from django.utils import timezone

from meetings.enums import AgendaItemKind, MeetingFormat, MeetingKind, MeetingStatus
from meetings.models import AgendaItem, Meeting, Venue, Workshop
from netvaerk.tests.factories import NetworkFactory, OrganisationFactory, OrganiserFactory


def local(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    """An aware datetime at a Copenhagen wall-clock time."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def _in_two_weeks_at_half_past_nine() -> dt.datetime:
    return local(timezone.localdate() + dt.timedelta(days=14), 9, 30)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    name = factory.Sequence(lambda n: f"Beboerhuset {n}")
    address = factory.Faker("street_address", locale="da_DK")
    postal_code = factory.Faker("postcode", locale="da_DK")
    city = factory.Faker("city", locale="da_DK")
    directions = "Bus 4A til døren. Gratis parkering."
    accessibility = "Niveaufri adgang og handicaptoilet."
    room_capacity = 60
    host_organisation = factory.SubFactory(OrganisationFactory)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published network meeting two weeks ahead, 09.30-15.00, deadline three days before.

    The code is left empty so the model assigns it (YY-NNN).
    """

    class Meta:
        model = Meeting
        skip_postgeneration_save = True

    organiser = factory.SubFactory(OrganiserFactory)
    network = factory.SubFactory(NetworkFactory, organiser=factory.SelfAttribute("..organiser"))
    kind = MeetingKind.NETWORK_MEETING
    format = MeetingFormat.IN_PERSON
    title = factory.Sequence(lambda n: f"Netværksmøde {n}")
    teaser = factory.Faker("sentence", locale="da_DK")
    description = factory.Faker("paragraph", locale="da_DK")
    purpose = "At dele erfaringer og tage nye greb med hjem."
    starts_at = factory.LazyFunction(_in_two_weeks_at_half_past_nine)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=5, minutes=30))
    registration_deadline = factory.LazyAttribute(lambda o: o.starts_at - dt.timedelta(days=3))
    venue = factory.SubFactory(VenueFactory)
    price = 0
    capacity = 40
    status = MeetingStatus.PUBLISHED

    class Params:
        draft = factory.Trait(status=MeetingStatus.DRAFT)
        cancelled = factory.Trait(
            status=MeetingStatus.CANCELLED, cancellation_reason="Mødet er aflyst på grund af for få tilmeldte."
        )
        past = factory.Trait(
            starts_at=factory.LazyFunction(lambda: local(timezone.localdate() - dt.timedelta(days=30), 9, 30))
        )


class AgendaItemFactory(factory.django.DjangoModelFactory):
    """A quarter-hour programme point; consecutive items follow each other from 08.00."""

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    start_time = factory.Sequence(lambda n: dt.time(8 + (n // 4) % 14, (n % 4) * 15))
    end_time = factory.LazyAttribute(
        lambda o: (dt.datetime.combine(dt.date.min, o.start_time) + dt.timedelta(minutes=15)).time()
    )
    kind = AgendaItemKind.TALK
    title = factory.Faker("sentence", nb_words=4, locale="da_DK")
    speakers = factory.Faker("name", locale="da_DK")
    bullet_points = "Første pointe\nAnden pointe"
    order = factory.Sequence(lambda n: n)


class WorkshopFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Workshop

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Workshop {n}")
    description = factory.Faker("paragraph", locale="da_DK")
    capacity = 20
    room = factory.Sequence(lambda n: f"Lokale {n}")
    order = factory.Sequence(lambda n: n)
