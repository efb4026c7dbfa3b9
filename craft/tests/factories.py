"""Ideas, proposals and evaluations for tests."""

import factory

from craft.models import AgendaProposal, Evaluation, Idea, IdeaComment
from members.tests.factories import UserFactory
from netvaerk.tests.factories import NetworkFactory
from registration.tests.factories import RegistrationFactory


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Idé {n}")
    description = "Lad de unge styre et lille budget selv."
    tags = "unge, ungeråd"
    author = factory.SubFactory(UserFactory)


class IdeaCommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IdeaComment

    idea = factory.SubFactory(IdeaFactory)
    author = factory.SubFactory(UserFactory)
    body = "Det prøver vi også."


class AgendaProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaProposal

    network = factory.SubFactory(NetworkFactory)
    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Forslag {n}: unge frivillige")
    description = "Hvordan holder vi fast i dem?"


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    registration = factory.SubFactory(RegistrationFactory)
    rating = 4
    comment = "Godt møde."
