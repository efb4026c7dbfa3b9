"""Arbitrary text through the form and the service never gives a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from registration import services
from registration.forms import RegistrationForm
from registration.models import Registration

pytestmark = pytest.mark.django_db

text = st.text(max_size=300)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=text, email=text, phone=text, organisation=text, comment=st.text(max_size=3000))
def test_form_with_arbitrary_text_validates_or_refuses_cleanly(meeting, name, email, phone, organisation, comment):
    data = {
        "name": name,
        "email": email,
        "phone": phone,
        "organisation": organisation,
        "comment": comment,
        "privacy": "on",
    }
    form = RegistrationForm(data, meeting=meeting)
    if form.is_valid():
        assert form.cleaned_data["name"].strip()
        assert "\x00" not in form.cleaned_data["name"]
    else:
        assert form.errors


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.text(min_size=1, max_size=200), organisation=st.text(max_size=200))
def test_service_stores_arbitrary_valid_text_unchanged(meeting, name, organisation):
    meeting.capacity = None
    form = RegistrationForm(
        {"name": name, "email": "fuzz@example.dk", "organisation": organisation, "privacy": "on"}, meeting=meeting
    )
    if not form.is_valid():
        return
    result = services.registration_create(meeting=meeting, data=form.service_data(), email="fuzz@example.dk")
    stored = Registration.objects.get(pk=result.registration.pk)
    assert (stored.name, stored.organisation) == (form.cleaned_data["name"], form.cleaned_data["organisation"])
    stored.delete()
