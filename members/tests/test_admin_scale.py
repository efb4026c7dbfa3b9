"""The memberships' admin pages read as many queries whichever related rows are set (README "Data scale")."""

import pytest
from django.utils import timezone

from members.tests.factories import MembershipFactory, UserFactory
from netvaerk.tests.support import page_queries

pytestmark = pytest.mark.django_db

MEMBERSHIP = "/admin/members/membership/{}/change/"


def test_membership_change_form_reads_as_many_queries_requested_as_decided(admin_client):
    requested = MembershipFactory(status="requested")
    decided = MembershipFactory(decided_by=UserFactory(), decided_at=timezone.now())
    assert page_queries(admin_client, MEMBERSHIP.format(requested.pk)) == page_queries(
        admin_client, MEMBERSHIP.format(decided.pk)
    )


def test_membership_list_reads_as_many_queries_for_10_as_for_1(admin_client):
    MembershipFactory()
    one = page_queries(admin_client, "/admin/members/membership/")
    MembershipFactory.create_batch(9)
    assert page_queries(admin_client, "/admin/members/membership/") == one
