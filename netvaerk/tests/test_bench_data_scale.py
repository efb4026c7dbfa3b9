"""bench/data_scale.py and bench/scale/ keep working: the builder at a small scale, the pages found, the verdict."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db.models import Count, Q
from django.utils import timezone

from bench.scale.build import build
from bench.scale.context import select_context
from bench.scale.measure import login_clients, measure_page
from bench.scale.report import compare, render_table
from bench.scale.targets import scaled_counts
from bench.scale.url_pages import collect_pages
from meetings.models import Meeting
from members.models import Membership, User
from netvaerk.models import Network
from netvaerk.roles import SECRETARIAT
from outbox.models import OutgoingEmail
from registration.exports.lists import MEETING_EXPORTERS
from registration.models import Registration
from registration.questions.models import Answer

SCALE = 0.001


@pytest.mark.services("postgresql")
@pytest.mark.django_db
def test_data_scale_builder_fills_the_database_in_proportion():
    n = scaled_counts(SCALE)

    counts = build(scale=SCALE, seed=7)

    assert Network.objects.count() == n["networks"]
    assert Meeting.objects.count() == n["meetings"]
    assert Registration.objects.count() == n["registrations"] == counts["registration.Registration"]
    assert OutgoingEmail.objects.count() == n["emails"]
    assert User.objects.filter(is_staff=False).count() == n["members"]
    assert set(Registration.objects.values_list("status", flat=True)) == {"confirmed", "waiting", "cancelled"}
    assert Registration.objects.filter(attended=True).exists()
    assert Registration.objects.filter(status="confirmed", attended=False, meeting__ends_at__lt=timezone.now()).exists()
    assert {"sent", "failed"} <= set(OutgoingEmail.objects.values_list("status", flat=True))
    # Meetings ask their own questions, as the demo's do, and their participants answer them.
    asked = Meeting.objects.filter(questions__isnull=False).distinct()
    assert asked.exists() and not asked.filter(title__startswith="Landskonference").exists()
    answered = Registration.objects.filter(meeting__in=asked)
    assert Answer.objects.filter(question__kind="single_choice").count() == answered.count()
    assert Answer.choices.through.objects.count() == answered.count()
    other = Answer.objects.filter(question__kind="short_text")
    assert other.count() == Answer.objects.filter(choices__label="Andet").count()
    huge = Meeting.objects.get(title__startswith="Landskonference")
    assert huge.registrations.filter(status="confirmed").count() == n["huge_meeting"]
    busiest = Network.objects.annotate(n=Count("memberships", filter=Q(memberships__status="active"))).order_by("-n")
    assert busiest.first().n == n["big_network_members"]
    assert Membership.objects.filter(role="coordinator", status="active").exists()
    secretariat = User.objects.get(email="sekretariat@netvaerk.example")
    assert secretariat.groups.filter(name=SECRETARIAT).exists() and not secretariat.is_superuser
    # Sequences were moved past the copied ids: the application can add rows.
    Group.objects.get(name=SECRETARIAT)
    Network.objects.create(name="Nyt netværk", slug="nyt-netvaerk", organiser_id=1)


@pytest.mark.services("postgresql")
@pytest.mark.django_db
def test_data_scale_finds_and_opens_every_kind_of_page_without_errors():
    build(scale=SCALE, seed=7)
    ctx = select_context()

    pages = collect_pages(ctx)
    clients = login_clients(ctx)
    results = [measure_page(clients[page.who], page, runs=0) for page in pages]

    broken = [(r["label"], r["status"]) for r in results if not isinstance(r["status"], int) or r["status"] >= 500]
    assert broken == []
    labels = {page.label for page in pages}
    for model in admin.site._registry:
        assert f"{model._meta.label_lower}: list" in labels
    assert "registration.registration: list, filter status = Bekræftet" in labels
    assert any(label.startswith("registration.registration: list, search ") for label in labels)
    assert "meetings.meeting: change form (meeting with most registrations)" in labels
    for kind, exporter in MEETING_EXPORTERS.items():
        for fmt in exporter.formats:
            assert f"/personale/moeder/<code>/lister/{kind}.{fmt}" in labels
    assert "/netvaerk/<slug>/gruppe/medlemmer/" in labels
    assert {page.section for page in pages} == {"admin", "staff", "members", "public"}
    opened = {r["label"]: r["status"] for r in results}
    assert opened["/moeder/<code>/"] == 200
    assert opened["/personale/fremmoede/"] == 200


def _page(label, ms, queries, status=200, section="admin"):
    return {"section": section, "label": label, "status": status, "ms": ms, "queries": queries}


def test_data_scale_verdict_fails_slow_pages_changed_query_counts_and_errors():
    demo = {
        "pages": [
            _page("fast", 20, 5),
            _page("slow", 20, 5),
            _page("more queries", 20, 5),
            _page("broken", 20, 5),
            _page("public", 10, 3, section="public"),
            _page("big file", 40, 5),
            _page("small file", 10, 5),
        ]
    }
    big = {
        "pages": [
            _page("fast", 250, 5),
            _page("slow", 300, 5),
            _page("more queries", 30, 6),
            {"section": "admin", "label": "broken", "status": 500},
            _page("public", 60, 3, section="public"),
            # A CSV or XLSX file's target grows with its rows (0.15 ms a row), never under the page's.
            {**_page("big file", 900, 5), "rows": 8_000},
            {**_page("small file", 400, 5), "rows": 1_000},
            {"section": "admin", "label": "post only", "status": 405},
        ]
    }

    rows, skipped = compare(demo, big)

    verdict = {row["label"]: (row["result"], row["failed"]) for row in rows}
    assert verdict == {
        "fast": ("ok", False),
        "slow": ("SLOW", True),
        "more queries": ("QUERIES", True),
        "broken": ("ERROR 500", True),
        "public": ("SLOW", True),
        "big file": ("ok", False),
        "small file": ("SLOW", True),
    }
    assert skipped == ["admin: post only (ten years: 405, demo: no such page)"]
    assert "| admin: slow | 20 | 5 | 300 | 5 | 15.0x | < 300 ms | SLOW |" in render_table(rows)
    assert "| admin: big file | 40 | 5 | 900 | 5 | 22.5x | < 1200 ms | ok |" in render_table(rows)
