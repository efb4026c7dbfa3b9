"""The demo's priced course: EAN payers, attended and no-shows in its invoice basis; the theme day's terms."""

import pytest
from django.utils.translation import gettext as _

from demo.load import load_demo
from meetings.models import Meeting
from members.tests.factories import SecretariatUserFactory
from registration.exports.invoices import InvoiceBasisExport
from registration.models import InvoiceDetails

pytestmark = pytest.mark.django_db


def test_demo_course_has_ean_payers_and_an_invoice_basis_with_no_shows(demo):
    course = Meeting.objects.get(title="Kursus: Konflikthåndtering i boligområdet")
    assert course.price > 0 and course.cancellation_terms and course.free_cancellation_days == 14
    details = InvoiceDetails.objects.filter(registration__meeting=course)
    assert details.exclude(ean="").count() >= 5
    exporter = InvoiceBasisExport(user=SecretariatUserFactory(), meeting=course)
    keys = [column.key for column in exporter.columns]
    attendance = [row[keys.index("attendance")] for row in exporter.rows()]
    assert attendance.count(_("No-show")) == 2 and attendance.count(_("Attended")) == 10
    theme_day = Meeting.objects.get(title="Dialog i udsatte boligområder")
    assert theme_day.cancellation_terms
    assert InvoiceDetails.objects.filter(registration__meeting=theme_day).exists()


def test_demo_invoice_details_are_refreshed_not_duplicated(demo):
    count = InvoiceDetails.objects.count()
    load_demo()
    assert InvoiceDetails.objects.count() == count
