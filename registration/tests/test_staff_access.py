"""Who may download which list: nobody without the right gets a single row."""

import pytest
from django.conf import settings
from django.shortcuts import resolve_url
from django.utils import timezone
from django.utils.translation import gettext as _

from meetings.tests.factories import MeetingFactory, WorkshopFactory
from members.tests.factories import (
    ConsultantFactory,
    SecretariatUserFactory,
    StaffUserFactory,
    SuperUserFactory,
    UserFactory,
)
from netvaerk.tests.factories import NetworkFactory
from registration.enums import Diet, ExportKind, RegistrationStatus
from registration.exports.lists import MEETING_EXPORTERS
from registration.models import ExportLog, ExportPreference
from registration.tests.factories import RegistrationFactory

from .exporting import body, export_url, own_meeting, read_csv, read_xlsx, xlsx_rows

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hemmelige Hanne Østergaard"
ALL_DOWNLOADS = [(kind, fmt) for kind, exporter in MEETING_EXPORTERS.items() for fmt in exporter.formats]


@pytest.fixture
def other_meeting(db):
    """A meeting of a network the consultant fixture has nothing to do with."""
    meeting = MeetingFactory(network=NetworkFactory(coordinator=ConsultantFactory()))
    WorkshopFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, name=SECRET_NAME, organisation="Fortrolig Boligforening")
    RegistrationFactory(
        meeting=meeting,
        name="Ventende Villy",
        status=RegistrationStatus.WAITING,
        confirmed_at=None,
        sensitive_consent_at=timezone.now(),
        diets=[Diet.VEGAN],
    )
    return meeting


def _assert_no_data(response):
    content = response.content
    assert SECRET_NAME.encode() not in content
    assert "Østergaard".encode() not in content
    assert b"Fortrolig" not in content


@pytest.mark.parametrize(("kind", "fmt"), ALL_DOWNLOADS)
def test_anonymous_is_sent_to_login_for_every_download(client, other_meeting, kind, fmt):
    response = client.get(export_url(other_meeting, kind, fmt))
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    _assert_no_data(response)
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize("user_factory", [UserFactory, StaffUserFactory], ids=["member", "staff-without-export-right"])
@pytest.mark.parametrize(("kind", "fmt"), ALL_DOWNLOADS)
def test_users_without_the_export_right_get_403_and_no_data(client, other_meeting, user_factory, kind, fmt):
    client.force_login(user_factory())
    response = client.get(export_url(other_meeting, kind, fmt))
    assert response.status_code == 403
    _assert_no_data(response)
    assert not ExportLog.objects.exists()


@pytest.mark.parametrize(("kind", "fmt"), ALL_DOWNLOADS)
def test_consultant_of_another_network_gets_403_and_no_data(consultant_client, other_meeting, kind, fmt):
    response = consultant_client.get(export_url(other_meeting, kind, fmt))
    assert response.status_code == 403
    _assert_no_data(response)
    assert not ExportLog.objects.exists()


def test_consultant_of_another_network_cannot_open_its_lists_page(consultant_client, other_meeting):
    for method in (consultant_client.get, consultant_client.post):
        response = method(f"/personale/moeder/{other_meeting.code}/lister/")
        assert response.status_code == 403
        _assert_no_data(response)


@pytest.mark.parametrize(("kind", "fmt"), ALL_DOWNLOADS)
def test_consultant_downloads_every_list_of_own_network(consultant_client, consultant, kind, fmt):
    meeting = own_meeting(consultant)
    WorkshopFactory(meeting=meeting)
    RegistrationFactory(meeting=meeting, name="Åse Ærø")
    response = consultant_client.get(export_url(meeting, kind, fmt))
    assert response.status_code == 200
    assert len(body(response)) > 0
    assert ExportLog.objects.filter(user__isnull=False, meeting=meeting).count() == 1


def test_working_group_member_may_download_the_network_lists(client):
    planner = ConsultantFactory()
    network = NetworkFactory(coordinator=ConsultantFactory())
    network.working_group.add(planner)
    meeting = MeetingFactory(network=network)
    RegistrationFactory(meeting=meeting, name="Åse Ærø")
    client.force_login(planner)
    rows = read_csv(body(client.get(export_url(meeting, "deltagere", "csv"))))
    assert rows[1][0] == "Åse Ærø"


def test_standalone_meetings_belong_to_the_secretariat(consultant_client, client):
    meeting = MeetingFactory(network=None)
    RegistrationFactory(meeting=meeting, name=SECRET_NAME)
    assert consultant_client.get(export_url(meeting, "deltagere", "csv")).status_code == 403
    client.force_login(SecretariatUserFactory())
    assert client.get(export_url(meeting, "deltagere", "csv")).status_code == 200


@pytest.mark.parametrize("user_factory", [SecretariatUserFactory, SuperUserFactory], ids=["secretariat", "superuser"])
def test_secretariat_and_superuser_see_every_meeting(client, other_meeting, user_factory):
    client.force_login(user_factory())
    rows = read_csv(body(client.get(export_url(other_meeting, "deltagere", "csv"))))
    assert rows[1][0] == SECRET_NAME


def test_unknown_meeting_or_list_is_404_for_staff(consultant_client, consultant):
    meeting = own_meeting(consultant)
    assert consultant_client.get("/personale/moeder/99-999/lister/deltagere.csv").status_code == 404
    assert consultant_client.get(export_url(meeting, "hemmeligt", "csv")).status_code == 404
    assert consultant_client.get(export_url(meeting, "navneskilte", "csv")).status_code == 404


# --- Sensitive data ---------------------------------------------------------------------------


def test_roles_give_consultants_lists_and_only_the_secretariat_sensitive_data_and_all_meetings():
    consultant, secretariat = ConsultantFactory(), SecretariatUserFactory()
    assert consultant.has_perm("registration.export_participants")
    assert not consultant.has_perm("registration.export_sensitive")
    assert not consultant.has_perm("registration.view_all_meetings")
    assert not consultant.has_perm("registration.view_exportlog")
    for perm in ["export_participants", "export_sensitive", "view_all_meetings", "view_exportlog"]:
        assert secretariat.has_perm(f"registration.{perm}"), perm


@pytest.fixture
def sensitive_meeting(consultant):
    meeting = own_meeting(consultant)
    RegistrationFactory(
        meeting=meeting,
        name="Åse Ærø",
        sensitive_consent_at=timezone.now(),
        diets=[Diet.GLUTEN_FREE],
        diet_note="Ingen koriander",
        accessibility_needs="Kørestolsbruger",
    )
    return meeting


def test_consultant_is_not_offered_sensitive_columns_and_cannot_post_them(
    consultant_client, consultant, sensitive_meeting
):
    url = f"/personale/moeder/{sensitive_meeting.code}/lister/"
    page = consultant_client.get(url).content.decode()
    assert 'value="name"' in page
    assert 'value="diets"' not in page
    assert 'value="accessibility_needs"' not in page

    response = consultant_client.post(url, {"scope": "confirmed", "columns": ["name", "diets"], "format": "csv"})

    assert response.status_code == 200  # the form again, with an error
    assert not ExportPreference.objects.filter(user=consultant).exists()


def test_consultant_export_leaves_out_sensitive_columns_even_if_remembered(
    consultant_client, consultant, sensitive_meeting
):
    ExportPreference.objects.create(
        user=consultant,
        kind=ExportKind.PARTICIPANTS,
        columns=["name", "diets", "diet_note", "accessibility_needs"],
    )
    for fmt in ("csv", "xlsx"):
        data = body(consultant_client.get(export_url(sensitive_meeting, "deltagere", fmt)))
        rows = read_csv(data) if fmt == "csv" else xlsx_rows(read_xlsx(data))
        assert rows == [[_("Name")], ["Åse Ærø"]]
    assert not ExportLog.objects.filter(sensitive=True).exists()


def test_consultant_catering_summary_has_counts_and_notes_but_no_names(consultant_client, sensitive_meeting):
    rows = read_csv(body(consultant_client.get(export_url(sensitive_meeting, "forplejning", "csv"))))
    assert rows[0] == [_("Requirement"), _("Number")]
    assert [str(Diet.GLUTEN_FREE.label), "1"] in rows
    assert any("Ingen koriander" in row[0] for row in rows)
    assert "Åse" not in str(rows)


def test_secretariat_catering_summary_names_the_participants(client, sensitive_meeting):
    client.force_login(SecretariatUserFactory())
    rows = read_csv(body(client.get(export_url(sensitive_meeting, "forplejning", "csv"))))
    assert [str(Diet.GLUTEN_FREE.label), "1", "Åse Ærø"] in rows
    assert ExportLog.objects.get().sensitive is True


# --- Across meetings ---------------------------------------------------------------------------


def test_network_export_is_403_for_a_consultant_of_another_network(consultant_client, other_meeting):
    url = f"/personale/netvaerk/{other_meeting.network.slug}/tilmeldinger.csv?fra=2000-01-01&til=2100-01-01"
    response = consultant_client.get(url)
    assert response.status_code == 403
    _assert_no_data(response)


def test_network_form_offers_only_own_networks(consultant_client, consultant, other_meeting):
    mine = own_meeting(consultant).network
    page = consultant_client.get("/personale/netvaerk/tilmeldinger/").content.decode()
    assert mine.name in page
    assert other_meeting.network.name not in page
    response = consultant_client.post(
        "/personale/netvaerk/tilmeldinger/",
        {"network": other_meeting.network.pk, "fra": "2000-01-01", "til": "2100-01-01", "columns": ["name"]},
    )
    assert response.status_code == 200
    assert "network" in response.context["form"].errors


def test_attendance_figures_cover_only_own_networks(consultant_client, consultant, other_meeting):
    mine = own_meeting(consultant, past=True)
    RegistrationFactory(meeting=mine, attended=True)
    theirs = MeetingFactory(network=other_meeting.network, past=True)
    RegistrationFactory(meeting=theirs, attended=True)
    rows = read_csv(body(consultant_client.get("/personale/fremmoede.csv")))
    assert [row[0] for row in rows[1:]] == [mine.network.name]


@pytest.mark.parametrize(
    "url",
    ["/personale/", "/personale/netvaerk/tilmeldinger/", "/personale/fremmoede/", "/personale/fremmoede.csv"],
)
def test_staff_pages_need_login_and_the_export_right(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(resolve_url(settings.LOGIN_URL))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
