"""Pasting a programme and considering its warnings, through the service and the meeting admin."""

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from meetings import services
from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingKind
from meetings.models import ConsideredWarning
from meetings.programme_check import programme_check, programme_warnings
from meetings.programme_paste import parse_programme
from meetings.tests.factories import AgendaItemFactory, MeetingFactory, local
from members.tests.factories import StaffUserFactory

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 4, 25)
SEED = (Path(__file__).parent / "data" / "programme-21-374.txt").read_text()


@pytest.fixture
def meeting(consultant_plans_all_networks):
    # The consultant plans the meeting's network (who may is tested in netvaerk/tests/test_access_walk.py).
    return MeetingFactory(
        title="Sociale viceværter",
        starts_at=local(DAY, 9, 30),
        ends_at=local(DAY, 15, 0),
        registration_deadline=local(DAY - dt.timedelta(days=3), 12, 0),
    )


def paste_url(meeting):
    return reverse("admin:meetings_meeting_paste_programme", args=[meeting.pk])


def consider_url(meeting):
    return reverse("admin:meetings_meeting_consider_warning", args=[meeting.pk])


def change_url(meeting):
    return reverse("admin:meetings_meeting_change", args=[meeting.pk])


# --- The service -----------------------------------------------------------------------------------


def test_meeting_programme_add_replaces_and_records_history(meeting, consultant):
    AgendaItemFactory(meeting=meeting, title="Gammelt punkt")
    items = parse_programme(SEED).items
    created = services.meeting_programme_add(meeting=meeting, items=items, replace=True, user=consultant)
    stored = list(meeting.agenda_items.all())
    assert len(created) == len(stored) == 11
    assert [(i.start_time, i.end_time, i.title, i.kind) for i in stored] == [
        (i.start_time, i.end_time, i.title, i.kind) for i in items
    ]
    talk = next(i for i in stored if i.speakers == "CFBU")
    assert talk.kind == K.ONLINE_TALK and talk.bullets and talk.title.startswith("Medborgerskab")
    record = meeting.history.latest()
    assert record.history_user == consultant
    assert "11" in record.history_change_reason and "1" in record.history_change_reason


def test_meeting_programme_add_appends_after_the_present_items(meeting):
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(10, 0), title="Drop-in", order=4)
    items = parse_programme("10.00-10.30 Velkommen\n10.30 Tak for i dag").items
    services.meeting_programme_add(meeting=meeting, items=items, replace=False)
    assert [(i.title, i.order) for i in meeting.agenda_items.all()] == [
        ("Drop-in", 4),
        ("Velkommen", 5),
        ("Tak for i dag", 6),
    ]


# --- The paste page --------------------------------------------------------------------------------


def test_change_page_links_to_paste_programme(consultant_client, meeting):
    body = consultant_client.get(change_url(meeting)).content.decode()
    assert f'href="{paste_url(meeting)}"' in body


def test_paste_page_shows_the_read_items_for_review_before_saving(consultant_client, meeting):
    response = consultant_client.post(paste_url(meeting), {"text": SEED, "mode": "append", "read": "1"})
    assert response.status_code == 200
    body = response.content.decode()
    table = body.split('id="pasted-items"')[1].split("</table>")[0]
    assert table.count("<tr>") == 1 + 11  # header and the eleven items
    assert "Medborgerskab, sammenhængskraft og social integration" in body and "CFBU" in body
    assert "<td>Forplejning</td>" in table  # the kind guessed for "Frokost", in Danish
    assert "Torsdag d. 21. april 2022" in body  # the line left out, with a warning
    assert 'name="confirm"' in body
    assert meeting.agenda_items.count() == 0  # nothing saved yet


def test_paste_page_confirm_adds_the_items_and_returns_to_the_meeting(consultant_client, meeting):
    response = consultant_client.post(paste_url(meeting), {"text": SEED, "mode": "append", "confirm": "1"})
    assert response.status_code == 302
    assert response.url == change_url(meeting)
    assert meeting.agenda_items.count() == 11
    assert meeting.history.latest().history_change_reason.startswith("Program indsat")


def test_paste_page_replace_or_append_is_the_consultants_choice(consultant_client, meeting):
    AgendaItemFactory(meeting=meeting, title="Gammelt punkt")
    text = "10.00-10.30 Velkommen"
    assert 'name="mode"' in consultant_client.get(paste_url(meeting)).content.decode()
    consultant_client.post(paste_url(meeting), {"text": text, "mode": "append", "confirm": "1"})
    assert sorted(i.title for i in meeting.agenda_items.all()) == ["Gammelt punkt", "Velkommen"]
    consultant_client.post(paste_url(meeting), {"text": text, "mode": "replace", "confirm": "1"})
    assert [i.title for i in meeting.agenda_items.all()] == ["Velkommen"]


def test_paste_page_without_any_time_says_how_to_write_it(consultant_client, meeting):
    response = consultant_client.post(paste_url(meeting), {"text": "Velkommen\nFrokost", "confirm": "1"})
    assert response.status_code == 200
    assert "09.30-10.00 Velkommen" in response.context["form"].errors["text"][0]
    assert meeting.agenda_items.count() == 0


def test_paste_page_refuses_huge_text_with_a_message(consultant_client, meeting):
    response = consultant_client.post(paste_url(meeting), {"text": "x" * 20_001, "mode": "append", "read": "1"})
    assert response.status_code == 200 and response.context["form"].errors["text"]


def test_paste_and_consider_need_the_right_to_change_the_meeting(client, meeting):
    viewer = StaffUserFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_meeting"))
    meeting.network.working_group.add(viewer)  # of the network, but only with the right to view meetings
    client.force_login(viewer)
    assert client.get(change_url(meeting)).status_code == 200
    assert f'href="{paste_url(meeting)}"' not in client.get(change_url(meeting)).content.decode()
    assert client.get(paste_url(meeting)).status_code == 403
    assert client.post(paste_url(meeting), {"text": SEED, "mode": "append", "confirm": "1"}).status_code == 403
    assert client.post(consider_url(meeting), {"code": "x", "fingerprint": "y"}).status_code == 403
    assert meeting.agenda_items.count() == 0


def test_paste_page_needs_a_staff_login(client, meeting):
    response = client.get(paste_url(meeting))
    assert response.status_code == 302 and "login" in response.url


def test_paste_page_of_an_unknown_meeting_is_not_found(consultant_client):
    assert consultant_client.get(reverse("admin:meetings_meeting_paste_programme", args=[999999])).status_code == 404


# --- Considering a warning ------------------------------------------------------------------------------


@pytest.fixture
def theme_day(consultant_plans_all_networks):
    """A full theme day of seven hours: longer than a theme day's 6½ hours, and the consultant knows."""
    meeting = MeetingFactory(
        kind=MeetingKind.THEME_DAY,
        starts_at=local(DAY, 9, 0),
        ends_at=local(DAY, 16, 0),
        registration_deadline=local(DAY - dt.timedelta(days=3), 12, 0),
    )
    for start, end, kind, title in [
        ((9, 0), (9, 30), K.OTHER, "Ankomst og morgenbrød"),
        ((9, 30), (11, 0), K.TALK, "Oplæg: Den svære samtale"),
        ((11, 0), (12, 0), K.GROUP_WORK, "Øvelser i par"),
        ((12, 0), (12, 45), K.OTHER, "Frokost"),
        ((12, 45), (15, 30), K.WORKSHOP, "Workshop"),
        ((15, 30), (16, 0), K.WRAP_UP, "Opsamling"),
    ]:
        AgendaItemFactory(meeting=meeting, start_time=dt.time(*start), end_time=dt.time(*end), kind=kind, title=title)
    return meeting


def _warning(meeting, code):
    return next(w for w in programme_warnings(meeting=meeting) if w.code == code)


def test_considered_warning_stays_quiet_until_its_facts_change(theme_day, consultant):
    warning = _warning(theme_day, "too_long")
    services.programme_warning_consider(
        meeting=theme_day,
        code="too_long",
        fingerprint=warning.fingerprint,
        note="Vi ved det: en hel temadag",
        user=consultant,
    )
    check = programme_check(meeting=theme_day)
    assert "too_long" not in [w.code for w in check.open]
    assert [(w.code, note.note) for w, note in check.considered] == [("too_long", "Vi ved det: en hel temadag")]

    # Another item does not change the length: still quiet.
    AgendaItemFactory(meeting=theme_day, start_time=dt.time(14, 0), end_time=dt.time(14, 15), kind=K.BREAK)
    assert "too_long" not in [w.code for w in programme_check(meeting=theme_day).open]

    # Half an hour longer is a new fact: the warning is back.
    theme_day.ends_at = local(DAY, 16, 30)
    theme_day.save()
    assert "too_long" in [w.code for w in programme_check(meeting=theme_day).open]


def test_considered_programme_warning_returns_when_the_programme_changes(meeting):
    AgendaItemFactory(meeting=meeting, start_time=dt.time(9, 30), end_time=dt.time(12, 0), kind=K.GROUP_WORK)
    item = AgendaItemFactory(meeting=meeting, start_time=dt.time(12, 0), end_time=dt.time(15, 0), kind=K.WORKSHOP)
    warning = _warning(meeting, "no_break")
    services.programme_warning_consider(meeting=meeting, code="no_break", fingerprint=warning.fingerprint)
    assert "no_break" not in [w.code for w in programme_check(meeting=meeting).open]
    item.title = "Workshop om drift"
    item.save()
    assert "no_break" in [w.code for w in programme_check(meeting=meeting).open]


def test_considering_a_warning_that_changed_meanwhile_is_refused(theme_day):
    fingerprint = _warning(theme_day, "too_long").fingerprint
    theme_day.ends_at = local(DAY, 16, 30)
    theme_day.save()
    with pytest.raises(services.ProgrammeChanged):
        services.programme_warning_consider(meeting=theme_day, code="too_long", fingerprint=fingerprint)
    assert not ConsideredWarning.objects.exists()


def test_consultant_marks_a_warning_considered_in_the_admin_and_shows_it_again(consultant_client, theme_day):
    page = consultant_client.get(change_url(theme_day))
    [warning] = [w for w in page.context["programme_check"].open if w.code == "too_long"]
    link = f"{consider_url(theme_day)}?code=too_long&amp;fingerprint={warning.fingerprint}"
    assert link in page.content.decode()

    form = consultant_client.get(consider_url(theme_day), {"code": "too_long", "fingerprint": warning.fingerprint})
    assert form.status_code == 200 and 'name="note"' in form.content.decode()
    response = consultant_client.post(
        consider_url(theme_day),
        {"code": "too_long", "fingerprint": warning.fingerprint, "note": "Vi ved det: en hel temadag"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == change_url(theme_day) + "#programme-check"
    assert "too_long" not in [w.code for w in response.context["programme_check"].open]
    body = response.content.decode()
    assert "Vi ved det: en hel temadag" in body and body.count('data-code="too_long"') == 1

    consultant_client.post(
        consider_url(theme_day), {"code": "too_long", "fingerprint": warning.fingerprint, "reopen": "1"}
    )
    assert "too_long" in [w.code for w in programme_check(meeting=theme_day).open]


def test_consider_link_of_a_changed_warning_explains_instead_of_failing(consultant_client, theme_day):
    response = consultant_client.post(
        consider_url(theme_day), {"code": "too_long", "fingerprint": "0" * 64, "note": "x"}, follow=True
    )
    assert response.status_code == 200
    assert any("ændret" in str(message) for message in response.context["messages"])
    assert not ConsideredWarning.objects.exists()


def test_staff_preview_leaves_considered_warnings_out_and_counts_them(consultant_client, theme_day):
    warning = _warning(theme_day, "too_long")
    services.programme_warning_consider(meeting=theme_day, code="too_long", fingerprint=warning.fingerprint)
    body = consultant_client.get(theme_day.get_absolute_url()).content.decode()
    assert 'data-code="too_long"' not in body
    assert "1 advarsel er overvejet" in body
