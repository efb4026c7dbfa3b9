import datetime as dt

import factory
from django.conf import settings
from django.contrib.sites.models import Site

from accessibility.enums import Compliance, GapReason
from accessibility.models import Gap, Statement


class StatementFactory(factory.django.DjangoModelFactory):
    """The site's statement as a test needs it (the one made after migrate gives way: one per site)."""

    class Meta:
        model = Statement

    site = factory.LazyFunction(
        lambda: Site.objects.get_or_create(pk=settings.SITE_ID, defaults={"domain": "testserver"})[0]
    )
    compliance = Compliance.PARTIAL
    prepared_on = dt.date(2025, 3, 1)
    last_reviewed = dt.date(2025, 3, 1)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        model_class.objects.filter(site=kwargs["site"]).delete()
        return super()._create(model_class, *args, **kwargs)


class GapFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Gap

    statement = factory.SubFactory(StatementFactory)
    title = factory.Sequence(lambda n: f"Mangel {n}")
    description = "Billeder i blogindlæg mangler alternativ tekst."
    wcag_criterion = "1.1.1 Ikke-tekstbaseret indhold"
    reason = GapReason.NONCOMPLIANCE
