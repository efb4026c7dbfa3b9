"""The statement page and /was (the address Digitaliseringsstyrelsen's guidance asks for)."""

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse

from . import selectors
from .enums import Compliance, GapReason
from .models import Statement


@login_not_required
def was(request):
    """/was: the statement made in the WAS tool when ACCESSIBILITY_STATEMENT_URL is set, else the portal's own."""
    return HttpResponseRedirect(settings.ACCESSIBILITY_STATEMENT_URL or reverse("accessibility:statement"))


@login_not_required
def statement(request):
    if settings.ACCESSIBILITY_STATEMENT_URL:
        # One statement: the one published in the WAS tool.
        return HttpResponseRedirect(settings.ACCESSIBILITY_STATEMENT_URL)
    current = selectors.statement_current()
    if current is None:
        current = Statement(site=get_current_site(request), compliance=Compliance.PARTIAL)
        current.open_gaps = []
    gaps_by_reason = [
        (reason, label, [gap for gap in current.open_gaps if gap.reason == reason])
        for reason, label in GapReason.choices
    ]
    return render(
        request,
        "accessibility/statement.html",
        {
            "statement": current,
            "gaps_by_reason": [group for group in gaps_by_reason if group[2]],
            "contact": selectors.statement_contact(statement=current),
            "Compliance": Compliance,
        },
    )
