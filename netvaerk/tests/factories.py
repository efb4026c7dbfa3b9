"""Organisers, organisations, tags and networks for tests (Danish fake data)."""

import factory
from django.utils.text import slugify

from netvaerk.enums import NetworkStatus, OrganisationKind
from netvaerk.models import Network, Organisation, Organiser, TargetGroup, Theme, WorkArea


class OrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organiser
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Sekretariat {n}")
    phone = "33 76 20 00"
    email = factory.LazyAttribute(lambda o: f"{slugify(o.name)}@netvaerk.example")
    website = "https://boligsocialnet.example"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Boligafdeling {n}")
    kind = OrganisationKind.HOUSING_ASSOCIATION
    municipality = factory.Faker("city", locale="da_DK")


class _TagFactory(factory.django.DjangoModelFactory):
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class WorkAreaFactory(_TagFactory):
    class Meta:
        model = WorkArea
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Arbejdsområde {n}")


class TargetGroupFactory(_TagFactory):
    class Meta:
        model = TargetGroup
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Målgruppe {n}")


class ThemeFactory(_TagFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Tema {n}")


class NetworkFactory(factory.django.DjangoModelFactory):
    """A public, active network; pass work_areas=[...] / target_groups=[...] to tag it."""

    class Meta:
        model = Network
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Netværk {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    teaser = factory.Faker("sentence", locale="da_DK")
    description = factory.Faker("paragraph", locale="da_DK")
    form = "Oplæg, erfaringsudveksling og en rundvisning hos værten."
    theme = factory.SubFactory(ThemeFactory)
    virtual_meetings_per_year = 1
    physical_meetings_per_year = 2
    cadence_note = "Et virtuelt og to fysiske møder årligt."
    organiser = factory.SubFactory(OrganiserFactory)
    contact_name = factory.Faker("name", locale="da_DK")
    contact_email = factory.Sequence(lambda n: f"kontakt{n}@netvaerk.example")
    contact_phone = "33 76 20 00"
    status = NetworkStatus.ACTIVE
    is_public = True

    @factory.post_generation
    def work_areas(self, create, extracted, **kwargs):
        if create and extracted:
            self.work_areas.set(extracted)

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.target_groups.set(extracted)
