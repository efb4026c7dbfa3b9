"""Users for tests: members, staff, consultants and secretariat staff."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from netvaerk.roles import CONSULTANT, SECRETARIAT, roles_sync

PASSWORD = "test-password-2026"


def _group(name: str) -> Group:
    # The groups come from a post_migrate signal; a flushed database (a
    # transactional test) has lost them, so create them again on demand.
    group = Group.objects.filter(name=name).first()
    if group is None:
        roles_sync()
        group = Group.objects.get(name=name)
    return group


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"bruger{n}@netvaerk.example")
    first_name = factory.Faker("first_name", locale="da_DK")
    last_name = factory.Faker("last_name", locale="da_DK")
    phone = factory.Faker("phone_number", locale="da_DK")
    password = factory.django.Password(PASSWORD)
    is_staff = False
    is_superuser = False


class StaffUserFactory(UserFactory):
    email = factory.Sequence(lambda n: f"medarbejder{n}@netvaerk.example")
    is_staff = True


class ConsultantFactory(StaffUserFactory):
    """Staff in the group "Konsulent": the planning rights, not a superuser."""

    email = factory.Sequence(lambda n: f"konsulent{n}@netvaerk.example")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(_group(CONSULTANT))


class SecretariatUserFactory(StaffUserFactory):
    email = factory.Sequence(lambda n: f"sekretariat{n}@netvaerk.example")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create:
            self.groups.add(_group(SECRETARIAT))


class SuperUserFactory(StaffUserFactory):
    email = factory.Sequence(lambda n: f"admin{n}@netvaerk.example")
    is_superuser = True


# --- Members' area ------------------------------------------------------------


class VerifiedUserFactory(UserFactory):
    """A member whose email address allauth knows as verified (can log in with a password)."""

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class ProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Profile"
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory("netvaerk.tests.factories.OrganisationFactory")
    job_title = "Boligsocial medarbejder"
    introduction = "Arbejder med naboskab og frivillige."
    directory_consent = True


class MembershipFactory(factory.django.DjangoModelFactory):
    """An active member of a network."""

    class Meta:
        model = "members.Membership"

    network = factory.SubFactory("netvaerk.tests.factories.NetworkFactory")
    user = factory.SubFactory(UserFactory)
    role = "member"
    status = "active"


class BoardPostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.BoardPost"

    network = factory.SubFactory("netvaerk.tests.factories.NetworkFactory")
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Opslag {n}")
    body = "Hvordan får I flere unge med i ungerådet?"


class LinkMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "members.Material"

    network = factory.SubFactory("netvaerk.tests.factories.NetworkFactory")
    kind = "link"
    title = factory.Sequence(lambda n: f"Rapport {n}")
    url = "https://cfbu.example/rapport"
