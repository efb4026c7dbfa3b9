"""The consultants' admin for the core models: every page opens."""

import pytest
from django.contrib import admin
from django.urls import reverse

from netvaerk.tests import factories

# These test the admin pages, not who may use them (test_access_walk.py does).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("consultant_plans_all_networks")]

FACTORIES = {
    "organiser": factories.OrganiserFactory,
    "organisation": factories.OrganisationFactory,
    "workarea": factories.WorkAreaFactory,
    "targetgroup": factories.TargetGroupFactory,
    "theme": factories.ThemeFactory,
    "network": factories.NetworkFactory,
}
# The email log is the secretariat's, not the consultants'; test_mail_admin.py walks it.
MODELS = sorted(
    model._meta.model_name
    for model in admin.site._registry
    if model._meta.app_label == "netvaerk" and model._meta.model_name != "outgoingemail"
)


def test_admin_walk_covers_every_registered_core_model():
    # A model registered later needs a factory here, so its pages get tested too.
    assert set(MODELS) <= set(FACTORIES)


@pytest.mark.parametrize("model_name", MODELS)
def test_admin_pages_open_for_consultant(consultant_client, model_name):
    obj = FACTORIES[model_name]()
    urls = [
        reverse(f"admin:netvaerk_{model_name}_changelist"),
        reverse(f"admin:netvaerk_{model_name}_changelist") + "?q=a",
        reverse(f"admin:netvaerk_{model_name}_add"),
        reverse(f"admin:netvaerk_{model_name}_change", args=[obj.pk]),
        reverse(f"admin:netvaerk_{model_name}_history", args=[obj.pk]),
    ]
    for url in urls:
        response = consultant_client.get(url)
        assert response.status_code == 200, url


AUTOCOMPLETE_FIELDS = [
    (model._meta.model_name, field)
    for model, model_admin in admin.site._registry.items()
    if model._meta.app_label == "netvaerk"
    for field in model_admin.autocomplete_fields
]


@pytest.mark.parametrize(("model_name", "field_name"), AUTOCOMPLETE_FIELDS)
def test_admin_autocomplete_answers_consultant(consultant_client, consultant, model_name, field_name):
    # The search box behind a choice (coordinator, organiser, theme) must work
    # for a consultant, or they cannot fill in the form.
    factories.NetworkFactory(coordinator=consultant)
    response = consultant_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "netvaerk", "model_name": model_name, "field_name": field_name, "term": ""},
    )
    assert response.status_code == 200
    assert response.json()["results"], "the consultant sees no choices"


def test_network_admin_coordinator_found_by_name(consultant_client, consultant):
    response = consultant_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "netvaerk", "model_name": "network", "field_name": "coordinator", "term": "Thylander"},
    )
    assert [result["id"] for result in response.json()["results"]] == [str(consultant.pk)]


def test_secretariat_picks_the_working_group_by_lookup_not_from_every_account(admin_client, consultant_client):
    from members.tests.factories import StaffUserFactory, UserFactory

    network = factories.NetworkFactory()
    planner = StaffUserFactory(email="planlaegger@example.dk")
    network.working_group.add(planner)
    other = UserFactory(email="en-af-tusinder@example.dk")
    url = reverse("admin:netvaerk_network_change", args=[network.pk])

    page = admin_client.get(url).content.decode()
    # Only the chosen are in the page; the rest are looked up as typed (README "Data scale").
    assert f'<option value="{planner.pk}" selected>' in page and f'<option value="{other.pk}"' not in page
    assert 'data-field-name="working_group"' in page and "admin-autocomplete" in page
    # A consultant's short list (staff and the members of their networks) stays a list to pick from.
    assert 'data-field-name="working_group"' not in consultant_client.get(url).content.decode()
