"""Authors, posts, comments, providers, offers and requests for tests (Danish fake data)."""

import datetime as dt

import factory
from django.utils import timezone
from django.utils.text import slugify

from content.enums import CommentStatus, OfferFormat, OfferKind, OfferRequestStatus, OfferStatus, PostStatus
from content.models import Author, BlogPost, Comment, Offer, OfferRequest, Provider, Tag
from members.tests.factories import UserFactory
from netvaerk.tests.factories import OrganisationFactory, OrganiserFactory


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Emne {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author
        django_get_or_create = ["user"]

    user = factory.SubFactory(UserFactory)
    presentation = "Skriver om det boligsociale samarbejde i Albertslund."


class BlogPostFactory(factory.django.DjangoModelFactory):
    """A published post from yesterday."""

    class Meta:
        model = BlogPost
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Blogindlæg {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    author = factory.SubFactory(AuthorFactory)
    teaser = "Et kort oprids af indlægget."
    body = "Første afsnit.\n\n## En overskrift\n\n- et punkt\n- et andet punkt"
    status = PostStatus.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.set(extracted)


class CommentFactory(factory.django.DjangoModelFactory):
    """A published comment by a guest."""

    class Meta:
        model = Comment

    post = factory.SubFactory(BlogPostFactory)
    name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"gaest{n}@example.dk")
    body = "Tak for et godt indlæg."
    status = CommentStatus.PUBLISHED


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    organisation = factory.SubFactory(OrganisationFactory, name=factory.Sequence(lambda n: f"Konsulenthus {n}"))
    presentation = "Vi har i mange år faciliteret temadage i almene boligområder."
    contact_name = "Kim Tverskov"
    email = factory.Sequence(lambda n: f"udbyder{n}@example.dk")
    phone = "20 30 40 50"


class OfferFactory(factory.django.DjangoModelFactory):
    """A published theme day, half or whole day."""

    class Meta:
        model = Offer

    title = factory.Sequence(lambda n: f"Temadag {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    kind = OfferKind.THEME_DAY
    subtitle = "Kultur, normer og beboerdemokrati"
    teaser = "En temadag om samarbejdet mellem kommune og boligområde."
    audience = "Kommunale ledergrupper"
    introduction = "Når kommunen samarbejder med boligorganisationer, mødes to kulturer."
    points_heading = "På temadagen sætter vi fokus på"
    points = "Barrierer i mødet\nBeboerdemokratiet som samarbejdspartner"
    description = "Dagen veksler mellem oplæg og dialog."
    formats = [OfferFormat.HALF_DAY, OfferFormat.WHOLE_DAY]
    format_note = "Designes sammen med kunden."
    price_note = "Pris efter aftale."
    provider = factory.SubFactory(ProviderFactory)
    organiser = factory.SubFactory(OrganiserFactory)
    status = OfferStatus.PUBLISHED


class OfferRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferRequest

    offer = factory.SubFactory(OfferFactory)
    organisation_name = factory.Sequence(lambda n: f"Kommune {n}")
    contact_name = factory.Faker("name", locale="da_DK")
    email = factory.Sequence(lambda n: f"kunde{n}@example.dk")
    phone = "12 34 56 78"
    format = OfferFormat.WHOLE_DAY
    period = "Efteråret"
    participants = 20
    wishes = "Vi vil gerne forstå beboerdemokratiet."
    status = OfferRequestStatus.NEW
