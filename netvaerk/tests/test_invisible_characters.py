"""Invisible format characters never survive a save of a name, organisation, job title or email address.

The fields are collected by introspection (every model field named like a
name, an organisation, a job title or an email), so a new one that forgets
the rule fails here. Each door that stores them is then walked with text
full of zero-width characters, bidirectional overrides and byte order marks:
the public sign-up, the personal link, the profile, the account sign-up,
every admin change form, the member import, the add-member form, guest
comments and requests for offers. After each, no such field in the
database holds a format character.
"""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models
from django.test import Client
from django.urls import reverse

from content.tests.factories import BlogPostFactory, OfferFactory
from meetings.tests.factories import MeetingFactory
from members.models import Membership, Profile
from members.tests.factories import SuperUserFactory, VerifiedUserFactory
from netvaerk.fields import VisibleCharField, VisibleEmailField
from netvaerk.models import Organisation
from netvaerk.tests.factories import NetworkFactory
from registration.models import Registration
from registration.tests.factories import RegistrationFactory

pytestmark = pytest.mark.django_db

# Zero-width space, non-joiner, joiner, word joiner, BOM, soft hyphen, LRM, RLM, the bidi
# embeddings, overrides and isolates, Arabic letter mark, a tag character.
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c\U000e0041"
PERSON_FIELD = re.compile(r"(^|_)(name|organisation|job_title|email)$")
PORTAL_APPS = {"netvaerk", "meetings", "registration", "members", "content", "craft"}
# The outbox stores what code composed, from the fields below.
NOT_TYPED_BY_PEOPLE = {"outbox.OutgoingEmail"}


def dirty(text: str) -> str:
    """The text with invisible characters before, inside and after it."""
    if not text:
        return INVISIBLE[:3]
    return "\u202e\ufeff" + text[:1] + "\u200b\u2066" + text[1:-1] + "\u200d" + text[-1:] + "\u2069\u200e"


def person_fields():
    """(model, field) for every stored name, organisation, job title and email."""
    for model in apps.get_models():
        if model._meta.app_label not in PORTAL_APPS or model._meta.label in NOT_TYPED_BY_PEOPLE:
            continue
        for field in model._meta.concrete_fields:
            if isinstance(field, models.CharField) and PERSON_FIELD.search(field.name):
                yield model, field


def has_format_character(text: str | None) -> bool:
    return any(unicodedata.category(char) == "Cf" for char in text or "")


def assert_nothing_invisible_stored():
    from allauth.account.models import EmailAddress

    # allauth's copy of the address is cleaned by members.adapter.AccountAdapter.clean_email.
    for model, field in [*person_fields(), (EmailAddress, EmailAddress._meta.get_field("email"))]:
        values = model._default_manager.values_list(field.attname, flat=True)
        found = [value for value in values if has_format_character(value)]
        assert not found, f"{model._meta.label}.{field.name}: {found!r}"


def test_every_person_field_is_a_cleaning_field():
    fields = list(person_fields())
    labels = {f"{model._meta.label}.{field.name}" for model, field in fields}
    # The walk finds the fields the doors below fill in.
    assert {
        "registration.Registration.name",
        "registration.Registration.organisation",
        "registration.Registration.job_title",
        "registration.Registration.email",
        "members.User.first_name",
        "members.User.last_name",
        "members.User.email",
        "members.Profile.job_title",
        "netvaerk.Organisation.name",
        "content.Comment.name",
        "content.OfferRequest.organisation_name",
        "content.OfferRequest.contact_name",
    } <= labels
    wrong = [
        f"{model._meta.label}.{field.name}"
        for model, field in fields
        if not isinstance(field, (VisibleCharField, VisibleEmailField))
    ]
    assert wrong == []


def test_every_person_field_cleans_its_value_on_the_way_to_the_database():
    for model, field in person_fields():
        typed = "aase@example.dk" if isinstance(field, models.EmailField) else "Åse Ærø"
        instance = model()
        setattr(instance, field.attname, dirty(typed))
        assert field.pre_save(instance, add=True) == typed
        assert getattr(instance, field.attname) == typed
        # update(), bulk_update() and lookups go through get_prep_value; the admin's forms through clean().
        assert field.get_prep_value(dirty(typed)) == typed
        assert field.clean(dirty(typed), instance) == typed
        assert field.formfield().clean(dirty(typed)) == typed


def test_orm_writes_of_every_kind_store_clean_text():
    organisation = Organisation.objects.create(name=dirty("Boligforeningen Rosenhøj"), municipality="")
    assert organisation.name == "Boligforeningen Rosenhøj"
    Organisation.objects.filter(pk=organisation.pk).update(name=dirty("Boligforeningen VIBO"))
    Organisation.objects.bulk_create([Organisation(name=dirty("Lejerbo"), municipality="Aarhus")])
    lejerbo = Organisation.objects.get(name="Lejerbo")
    lejerbo.name = dirty("Lejerbo Aarhus")
    Organisation.objects.bulk_update([lejerbo], ["name"])
    assert sorted(Organisation.objects.values_list("name", flat=True)) == ["Boligforeningen VIBO", "Lejerbo Aarhus"]
    # Lookups ignore the characters too, so a dirty address finds the clean account.
    user = VerifiedUserFactory(email="anna@example.dk")
    assert get_user_model().objects.get(email__iexact=dirty("ANNA@example.dk")) == user
    assert_nothing_invisible_stored()


# --- The public doors ---------------------------------------------------------------------


def test_public_sign_up_and_the_personal_link(client):
    meeting = MeetingFactory(capacity=10)
    data = {
        "name": dirty("Åse Ærø"),
        "email": "aase@exa\u200bmple.dk",
        "phone": "12 34 56 78",
        "organisation": dirty("Boligforeningen Rosenhøj"),
        "job_title": dirty("Social vicevært"),
        "privacy": "on",
    }
    assert client.post(meeting.get_absolute_url(), data).status_code == 302
    registration = Registration.objects.get()
    assert (registration.name, registration.email, registration.organisation, registration.job_title) == (
        "Åse Ærø",
        "aase@example.dk",
        "Boligforeningen Rosenhøj",
        "Social vicevært",
    )
    # A name of invisible characters only is no name.
    response = Client().post(meeting.get_absolute_url(), {**data, "name": INVISIBLE, "email": "bo@example.dk"})
    assert response.status_code == 400
    assert Registration.objects.count() == 1

    url = reverse("registration:personal", kwargs={"token": registration.token})
    edit = {**data, "name": dirty("Åse Ærø-Hansen"), "organisation": dirty("VIBO"), "job_title": dirty("Leder")}
    assert client.post(url, edit).status_code == 302
    registration.refresh_from_db()
    assert (registration.name, registration.organisation, registration.job_title) == ("Åse Ærø-Hansen", "VIBO", "Leder")
    assert_nothing_invisible_stored()


def test_account_sign_up_and_profile(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "ny@exa\u200dmple.dk",
            "password1": "Solsikke-Rosenhøj-2026",
            "password2": "Solsikke-Rosenhøj-2026",
            "first_name": dirty("Åse"),
            "last_name": dirty("Ærø"),
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get()
    assert (user.email, user.first_name, user.last_name) == ("ny@example.dk", "Åse", "Ærø")
    assert list(user.emailaddress_set.values_list("email", flat=True)) == ["ny@example.dk"]

    member = VerifiedUserFactory(email="maja@example.dk")
    client.force_login(member)
    response = client.post(
        reverse("members:profile"),
        {
            "first_name": dirty("Maja"),
            "last_name": dirty("Holm"),
            "phone": "",
            "organisation": "",
            "new_organisation": dirty("Boligforeningen Rosenhøj"),
            "new_organisation_kind": "housing_association",
            "job_title": dirty("Social vicevært"),
            "language": "da",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    profile = Profile.objects.get(user=member)
    assert (member.first_name, member.last_name, profile.job_title) == ("Maja", "Holm", "Social vicevært")
    assert profile.organisation.name == "Boligforeningen Rosenhøj"
    assert_nothing_invisible_stored()


def test_guest_comment_and_request_for_an_offer(client):
    post = BlogPostFactory()
    response = client.post(
        post.get_absolute_url(),
        {"name": dirty("Åse Ærø"), "email": "aase@exa\u2060mple.dk", "body": "Hvordan holder I fast i de frivillige?"},
    )
    assert response.status_code == 302
    offer = OfferFactory()
    response = client.post(
        reverse("content:offer_request", kwargs={"slug": offer.slug}),
        {
            "organisation_name": dirty("Gladsaxe Kommune"),
            "contact_name": dirty("Birgitte Holm"),
            "email": "birgitte@exa\u200bmple.dk",
            "phone": "39 57 50 00",
            "format": "",
            "participants": "24",
            "privacy": "on",
        },
    )
    assert response.status_code == 302
    assert_nothing_invisible_stored()


# --- Staff doors -----------------------------------------------------------------------------


@pytest.fixture
def admin_client(db):
    client = Client()
    client.force_login(SuperUserFactory())
    return client


def test_member_import_and_add_member_forms(admin_client):
    network = NetworkFactory()
    existing = VerifiedUserFactory(email="maja@example.dk", first_name="Maja", last_name="Holm")
    rows = [
        f"{dirty('Åse Ærø')};aase@exa\u200bmple.dk;{dirty('Boligforeningen Rosenhøj')}",
        # The invisible characters do not make a known address a new (colliding) account.
        f"{dirty('Maja Holm')};maja\u200b@example.dk;{dirty('VIBO')}",
        f"{dirty('Bo Holm')};{dirty('bo@example.dk')};",
    ]
    upload = SimpleUploadedFile("medlemmer.csv", ("\ufeff" + "\n".join(rows)).encode("utf-8"), "text/csv")
    response = admin_client.post(
        reverse("admin:members_membership_import"), {"network": network.pk, "role": "member", "file": upload}
    )
    assert response.status_code == 200
    assert sorted(Membership.objects.filter(network=network).values_list("user__email", flat=True)) == [
        "aase@example.dk",
        "bo@example.dk",
        "maja@example.dk",
    ]
    assert get_user_model().objects.filter(email__iexact="maja@example.dk").get() == existing

    response = admin_client.post(
        reverse("admin:members_membership_add_member"),
        {
            "network": NetworkFactory().pk,
            "email": "kim@exa\u200bmple.dk",
            "name": dirty("Kim Tverskov"),
            "organisation": dirty("Tverskov Konsulenthus"),
            "role": "member",
        },
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(email="kim@example.dk").get_full_name() == "Kim Tverskov"
    assert Organisation.objects.filter(name="Tverskov Konsulenthus").exists()
    assert_nothing_invisible_stored()


class _FormScraper(HTMLParser):
    """What a browser would send from the admin's change form: its inputs, selects and textareas."""

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_options: list[str] = []
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.append((name, attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self._select, self._select_options, self._select_chosen = name, [], False
        elif tag == "option" and self._select:
            self._select_options.append(attrs.get("value", ""))
            if "selected" in attrs:
                self.data.append((self._select, attrs.get("value", "")))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_data(self, data):
        if self._textarea:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        if tag == "select" and self._select:
            self._select = None
        if tag == "textarea" and self._textarea:
            text = "".join(self._text)
            self.data.append((self._textarea, text[1:] if text.startswith("\n") else text))
            self._textarea = None


def _admin_change_pages():
    """(model, admin form field names) for every registered model whose change form has a person field."""
    for model, model_admin in admin.site._registry.items():
        names = {field.name for m, field in person_fields() if m is model}
        if names:
            yield model, model_admin, names


def test_every_admin_change_form_stores_clean_text(admin_client, demo):
    walked = []
    for model, _model_admin, names in _admin_change_pages():
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
        page = admin_client.get(url)
        assert page.status_code == 200, url
        scraper = _FormScraper(f"{model._meta.model_name}_form")
        scraper.feed(page.content.decode())
        data = dict(scraper.data)
        typed = {}
        for name in names & data.keys():
            if "email" in name and data[name]:
                local, domain = data[name].split("@", 1)
                typed[name] = f"{local}@{domain[:1]}\u200b{domain[1:]}"
            else:
                typed[name] = dirty(data[name])
        if not typed:
            continue
        post = [(key, value) for key, value in scraper.data if key not in typed] + list(typed.items())
        multi = {}
        for key, value in post:
            multi.setdefault(key, []).append(value)
        response = admin_client.post(
            url, {key: values if len(values) > 1 else values[0] for key, values in multi.items()}
        )
        assert response.status_code == 302, (url, response.context and response.context.get("errors"))
        obj.refresh_from_db()
        for name in typed:
            assert getattr(obj, name) == data[name], (model, name)
        walked.append(model._meta.label)
    # (Comments keep a guest's name and address read-only in the admin.)
    assert {
        "registration.Registration",
        "members.User",
        "netvaerk.Organisation",
        "netvaerk.Network",
        "meetings.Meeting",
        "content.Provider",
    } <= set(walked), walked
    assert_nothing_invisible_stored()


def test_rows_planted_before_the_rule_are_found_by_the_walk(db):
    """The checker itself: a format character written past the model is seen."""
    registration = RegistrationFactory()
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Registration._meta.db_table} SET name = %s WHERE id = %s", ["A\u200bB", registration.pk]
        )
    with pytest.raises(AssertionError):
        assert_nothing_invisible_stored()
