import pytest

from members.tests.factories import MembershipFactory, ProfileFactory, VerifiedUserFactory
from netvaerk.tests.factories import NetworkFactory

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    # Uploaded files of a test go to its own folder.
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def coordinator(db):
    return VerifiedUserFactory(email="tovholder@netvaerk.example", first_name="Nils", last_name="Thylander")


@pytest.fixture
def network(db, coordinator):
    return NetworkFactory(name="Lokalsamfund & medborgerskab", slug="lokalsamfund", coordinator=coordinator)


@pytest.fixture
def other_network(db):
    return NetworkFactory(name="Sociale viceværter", slug="vicevaerter")


@pytest.fixture
def member(db, network):
    user = VerifiedUserFactory(email="maja@example.dk", first_name="Maja", last_name="Nørgaard", phone="22 33 44 55")
    ProfileFactory(user=user, job_title="Boligsocial medarbejder")
    MembershipFactory(network=network, user=user)
    return user


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


# --- Single sign-on: a real OpenID Connect provider in its own process ------------------------


@pytest.fixture(scope="session")
def identity_provider(tmp_path_factory):
    from members.tests.sso_support import start_identity_provider

    with start_identity_provider(tmp_path_factory.mktemp("oidc-idp")) as idp:
        yield idp


@pytest.fixture
def sso(settings, identity_provider, client):
    """The portal configured for the tests' provider (generic "kommune" and Entra), and a person's browser."""
    from members.tests.sso_support import SSOLogin

    settings.SOCIALACCOUNT_PROVIDERS = identity_provider.portal_providers()
    return SSOLogin(client, identity_provider)
