"""The idea catalogue: the working group records ideas from a meeting; members read and comment."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from craft.models import Idea, IdeaComment
from craft.tests.factories import IdeaCommentFactory, IdeaFactory
from meetings.tests.factories import MeetingFactory
from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_coordinator_adds_an_idea_from_a_meeting(login, network, coordinator):
    meeting = MeetingFactory(network=network, past=True, title="Unge, fritid og demokrati")
    client = login(coordinator)
    url = reverse("craft:idea_add", args=[network.slug])
    form = client.get(url, {"meeting": meeting.code})
    assert form.context["form"].initial["meeting"] == meeting
    response = client.post(
        url,
        {
            "title": "Ungeråd med eget budget",
            "description": "Rigtige penge.",
            "tags": "Unge, ungeråd ,unge",
            "meeting": meeting.pk,
        },
    )
    idea = Idea.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/ideer/{idea.pk}/")
    assert (idea.network, idea.meeting, idea.author) == (network, meeting, coordinator)
    assert idea.tag_list == ["unge", "ungeråd"]


def test_working_group_member_adds_an_idea(login, network, planner):
    response = login(planner).post(reverse("craft:idea_add", args=[network.slug]), {"title": "Frivilligbørs"})
    assert response.status_code == 302
    assert Idea.objects.get().author == planner


def test_member_reads_but_does_not_add_ideas(login, network, member):
    IdeaFactory(network=network, title="Fast kaffe for nye i området")
    client = login(member)
    assert "Fast kaffe for nye i området" in client.get(reverse("craft:ideas", args=[network.slug])).content.decode()
    assert client.post(reverse("craft:idea_add", args=[network.slug]), {"title": "Nej"}).status_code == 403
    assert Idea.objects.count() == 1


def test_idea_from_another_networks_meeting_is_refused(login, network, coordinator):
    other_meeting = MeetingFactory(past=True)
    response = login(coordinator).post(
        reverse("craft:idea_add", args=[network.slug]), {"title": "Idé", "meeting": other_meeting.pk}
    )
    assert response.status_code == 400
    assert not Idea.objects.exists()


def test_member_comments_and_removes_own_comment(login, network, member):
    idea = IdeaFactory(network=network)
    client = login(member)
    url = reverse("craft:idea_detail", args=[network.slug, idea.pk])
    assert client.post(url, {"body": "Det prøver vi i Tingbjerg."}).status_code == 302
    comment = IdeaComment.objects.get()
    assert (comment.author, comment.idea) == (member, idea)
    assert "Det prøver vi i Tingbjerg." in client.get(url).content.decode()
    client.post(reverse("craft:idea_comment_remove", args=[network.slug, idea.pk, comment.pk]))
    comment.refresh_from_db()
    assert comment.removed_at is not None
    assert "Det prøver vi i Tingbjerg." not in client.get(url).content.decode()


def test_member_cannot_remove_someone_elses_comment_but_the_coordinator_can(login, network, member, coordinator):
    comment = IdeaCommentFactory(idea=IdeaFactory(network=network), author=UserFactory())
    url = reverse("craft:idea_comment_remove", args=[network.slug, comment.idea.pk, comment.pk])
    assert login(member).post(url).status_code == 403
    assert login(coordinator).post(url).status_code == 302
    comment.refresh_from_db()
    assert comment.removed_at is not None


def test_outsider_and_anonymous_see_no_ideas(client, login, network, outsider):
    idea = IdeaFactory(network=network)
    urls = [reverse("craft:ideas", args=[network.slug]), reverse("craft:idea_detail", args=[network.slug, idea.pk])]
    for url in urls:
        assert client.get(url).status_code == 302  # to the login page
    outsider_client = login(outsider)
    for url in urls:
        assert outsider_client.get(url).status_code == 403
    assert outsider_client.post(urls[1], {"body": "Hej"}).status_code == 403
    assert not IdeaComment.objects.exists()


def test_idea_of_another_network_is_not_found(login, network, member):
    idea = IdeaFactory()
    assert login(member).get(reverse("craft:idea_detail", args=[network.slug, idea.pk])).status_code == 404


def test_tag_filter_matches_whole_tags(login, network, member):
    IdeaFactory(network=network, title="Budget til de unge", tags="unge")
    IdeaFactory(network=network, title="Ungerådets valg", tags="ungeråd")
    response = login(member).get(reverse("craft:ideas", args=[network.slug]), {"tag": "unge"})
    assert [idea.title for idea in response.context["ideas"]] == ["Budget til de unge"]
    assert response.context["tags"] == ["unge", "ungeråd"]


def test_filter_by_meeting(login, network, member):
    meeting = MeetingFactory(network=network, past=True)
    IdeaFactory(network=network, meeting=meeting, title="Fra mødet")
    IdeaFactory(network=network, title="Fra boardet")
    response = login(member).get(reverse("craft:ideas", args=[network.slug]), {"moede": meeting.code})
    assert [idea.title for idea in response.context["ideas"]] == ["Fra mødet"]


def test_idea_pages_keep_their_query_count(login, network, member):
    client = login(member)

    def count(url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    first = IdeaFactory(network=network, meeting=MeetingFactory(network=network, past=True))
    IdeaCommentFactory(idea=first)
    list_url = reverse("craft:ideas", args=[network.slug])
    detail_url = reverse("craft:idea_detail", args=[network.slug, first.pk])
    before = (count(list_url), count(detail_url))
    for _ in range(8):
        idea = IdeaFactory(network=network, meeting=MeetingFactory(network=network, past=True))
        IdeaCommentFactory.create_batch(2, idea=idea)
        IdeaCommentFactory(idea=first)
    assert (count(list_url), count(detail_url)) == before
