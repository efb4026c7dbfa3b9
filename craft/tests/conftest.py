import pytest

from members.tests.factories import MembershipFactory, ProfileFactory, VerifiedUserFactory
from netvaerk.tests.factories import NetworkFactory, OrganisationFactory


@pytest.fixture
def coordinator(db):
    return VerifiedUserFactory(email="tovholder@netvaerk.example", first_name="Nils", last_name="Thylander")


@pytest.fixture
def network(db, coordinator):
    return NetworkFactory(name="Lokalsamfund & medborgerskab", slug="lokalsamfund", coordinator=coordinator)


def _member(network, email, first, organisation=None, **membership):
    user = VerifiedUserFactory(email=email, first_name=first, last_name="Medlem")
    ProfileFactory(user=user, organisation=organisation or OrganisationFactory())
    MembershipFactory(network=network, user=user, **membership)
    return user


@pytest.fixture
def member(network):
    return _member(network, "maja@example.dk", "Maja")


@pytest.fixture
def planner(network):
    """A member of the working group (membership role), not the coordinator."""
    return _member(network, "ahmad@example.dk", "Ahmad", role="working_group")


@pytest.fixture
def outsider(db):
    return VerifiedUserFactory(email="udenfor@example.dk")


@pytest.fixture
def make_member(network):
    return lambda email, first="Medlem", organisation=None, **extra: _member(
        network, email, first, organisation, **extra
    )


@pytest.fixture
def login(client):
    def as_user(user):
        client.force_login(user)
        return client

    return as_user
