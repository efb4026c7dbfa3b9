import factory

from outreach.enums import SubscriberStatus
from outreach.models import Subscriber


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed subscriber without an account."""

    class Meta:
        model = Subscriber

    network = factory.SubFactory("netvaerk.tests.factories.NetworkFactory")
    email = factory.Sequence(lambda n: f"abonnent{n}@example.org")
    status = SubscriberStatus.CONFIRMED
