import pytest
from django.urls import reverse

from members.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_consultant_sees_only_staff_accounts_not_members(consultant_client, consultant):
    UserFactory(email="medlem@example.dk", is_staff=False)
    html = consultant_client.get(reverse("admin:members_user_changelist")).content.decode()
    assert consultant.email in html
    assert "medlem@example.dk" not in html
    autocomplete = consultant_client.get(
        "/admin/autocomplete/",
        {"app_label": "netvaerk", "model_name": "network", "field_name": "coordinator", "term": "example"},
    )
    assert autocomplete.status_code == 200
    assert "medlem@example.dk" not in autocomplete.content.decode()
