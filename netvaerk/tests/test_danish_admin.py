"""The admin in Danish with no English left over: permissions, every admin label, other apps' wording.

"English left over" is a word that the Danish text shares with the English
one, unless Danish spells it alike (SHARED_WORDS): "Can add møde" shares
"can" and "add"; "historical møde" shares "historical"; "Status" is Danish.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import django
import pytest
from allauth.account.models import EmailAddress
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import FieldError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from members.tests.factories import PASSWORD, StaffUserFactory
from netvaerk import wording
from netvaerk.permission_labels import permission_label
from netvaerk.tests.test_translations import parse_po

pytestmark = pytest.mark.django_db

# Words Danish writes as English does (loanwords, names, codes, abbreviations).
SHARED_WORDS = set(
    """
    status workshop workshops webinar online hybrid case tag tags blog link links start send type data id
    interval organisation transport over for under session folder bytes plan browser app download
    administration hold form format
    mfa totp webauthn dkk pdf csv xlsx json https url utc cron celery amqp exchange rabbitmq redis teams zoom
    albertslund slug tilbud billede li ul backends ldap single sign-on arg argument value mac jpeg png webp mb
    html ngo message-id social uid person webhook webhooks api intranet
    """.split()
)

# Labels other apps give no message id at all, so no catalogue can translate them.
NO_MESSAGE_ID = {
    "django_celery_beat.crontabschedule column human_readable",  # a property's name, "Human readable"
    "django_celery_beat.crontabschedule form human_readable",
    "django_celery_beat.periodictask column scheduler",  # a method's name, "Scheduler"
    "django_celery_beat.periodictask field task",  # verbose_name="Task Name", a plain string
    "django_celery_beat.periodictask form task",
    # allauth's authenticator fields (no verbose names); the admin of the proxy shows its own Danish labels
    "members.twofactormethod field created_at",
    "members.twofactormethod field last_used_at",
    "members.twofactormethod field user",
    # allauth's link to a person (a foreign key without a verbose name); its admin shows "person"
    "socialaccount.socialaccount field user",
}

_WORD = re.compile(r"[^\W\d_]{2,}(?:-[^\W\d_]+)*")
# Placeholders Django fills in later ("Slet valgte %(verbose_name_plural)s") and code in help texts
# ("fx confirmation:42", "app_label.model", "{filename, content_type}", "templates/emails/").
_NOT_WORDS = re.compile(r"%\(\w+\)s|\{[^}]*\}|\w+(?:[./:_]\w+)+/?")


def english_left(danish: str, english: str) -> set[str]:
    def words(text):
        return {word.lower() for word in _WORD.findall(_NOT_WORDS.sub(" ", text))}

    return words(danish) & words(english) - SHARED_WORDS


def _in(language: str, walk) -> dict[str, str]:
    with translation.override(language):
        return {key: str(value) for key, value in walk() if value}


def _english_left_in(walk) -> list[str]:
    danish, english = _in("da", walk), _in("en", walk)
    return [
        f"{key}: {danish[key]!r} (English: {english.get(key)!r})"
        for key in sorted(danish)
        if key not in NO_MESSAGE_ID and english_left(danish[key], english.get(key, ""))
    ]


def _permissions():
    for permission in Permission.objects.select_related("content_type"):
        yield f"{permission.content_type.app_label}.{permission.codename}", permission_label(permission)


def _admin_labels(request):
    """Every label the admin shows for each registered model: names, fields, forms, columns, actions."""
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        key = opts.label_lower
        yield f"{key} name", opts.verbose_name
        yield f"{key} plural", opts.verbose_name_plural
        yield f"{key} app", opts.app_config.verbose_name
        for field in opts.get_fields():
            if field.auto_created and not field.concrete:
                continue
            yield f"{key} field {field.name}", field.verbose_name
            yield f"{key} help {field.name}", field.help_text
            for value, label in getattr(field, "flatchoices", None) or []:
                if field.name != "timezone":  # place names of the time zone database
                    yield f"{key} choice {field.name}={value}", label
        forms = []
        try:
            forms.append(("form", model_admin.get_form(request)))
        except FieldError:  # a read-only admin builds its form per object
            pass
        forms += [
            (f"inline {inline.model._meta.model_name}", inline.get_formset(request).form)
            for inline in model_admin.get_inline_instances(request)
        ]
        for where, form in forms:
            for name, field in form.base_fields.items():
                yield f"{key} {where} {name}", field.label
                yield f"{key} {where} help {name}", field.help_text
        for name in model_admin.get_list_display(request):
            if name != "action_checkbox" and not callable(name):
                yield f"{key} column {name}", label_for_field(name, model, model_admin)
        for name, (_function, _name, description) in model_admin.get_actions(request).items():
            yield f"{key} action {name}", description
        for title, _options in model_admin.get_fieldsets(request):
            yield f"{key} fieldset {title}", title


def test_every_permission_is_named_in_danish():
    left = _english_left_in(_permissions)
    assert Permission.objects.count() > 150
    assert not left, "English in permission names:\n" + "\n".join(left)


def test_permission_labels_read_as_danish_sentences():
    labels = _in("da", _permissions)

    assert labels["meetings.add_meeting"] == "Møder | møde | Kan tilføje møde"
    assert (
        labels["registration.export_sensitive"]
        == "Tilmeldinger | tilmelding | Kan downloade kosthensyn og særlige behov"
    )
    assert labels["mfa.view_authenticator"] == "MFA | godkendelsesapp | Kan se godkendelsesapp"
    assert labels["meetings.view_historicalmeeting"].endswith("Kan se tidligere udgave af et møde")


def test_every_admin_label_is_danish(admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user

    left = _english_left_in(lambda: _admin_labels(request))

    assert not left, "English in the Danish admin:\n" + "\n".join(left)


def test_the_english_check_sees_english():
    assert english_left("Can add møde", "Can add meeting") == {"can", "add"}
    assert english_left("historical møde", "historical meeting") == {"historical"}
    assert english_left("Slet valgte %(verbose_name_plural)s", "Delete selected %(verbose_name_plural)s") == set()
    assert english_left("Status", "Status") == set()


@pytest.mark.parametrize("url", ["/admin/auth/group/add/", "user"])
def test_user_and_group_forms_list_permissions_in_danish(admin_client, admin_user, url):
    if url == "user":
        url = reverse("admin:members_user_change", args=[admin_user.pk])

    page = admin_client.get(url).content.decode()

    assert "Møder | møde | Kan tilføje møde</option>" in page
    assert "Kan downloade" in page and "| Can " not in page and "Can add" not in page


def test_staff_groups_have_danish_names():
    assert set(Group.objects.values_list("name", flat=True)) >= {"Konsulent", "Sekretariat"}


# --- Other apps' wording -------------------------------------------------------------------------

SITE_PACKAGES = Path(django.__file__).parent.parent


def _msgids(path: Path) -> set[str]:
    return {entry.msgid for entry in parse_po(path)}


def _listed(name: str) -> list[str]:
    """The message ids in one list of netvaerk/wording.py, read from its source (plurals by their singular)."""
    tree = ast.parse(Path(wording.__file__).read_text(encoding="utf-8"))
    node = next(n for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == name)
    return [call.args[0].value for call in node.value.elts]


def test_reworded_allauth_messages_are_allauths_own():
    allauth = _msgids(SITE_PACKAGES / "allauth" / "locale" / "da" / "LC_MESSAGES" / "django.po")
    missing = [msgid for msgid in _listed("ALLAUTH") if msgid not in allauth]
    assert not missing, f"not (or no longer) allauth's message ids: {missing}"


def test_translated_django_celery_beat_messages_are_in_its_code():
    strings = {
        node.value
        for path in (SITE_PACKAGES / "django_celery_beat").glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    listed = _listed("DJANGO_CELERY_BEAT") + _listed("DJANGO_CELERY_BEAT_PLURALS")
    missing = [msgid for msgid in listed if msgid not in strings]
    assert not missing, f"not (or no longer) django-celery-beat's message ids: {missing}"


def test_our_wording_wins_over_allauths_danish():
    with translation.override("da"):
        assert translation.gettext("Successfully signed in as %(name)s.") == "Du er logget ind som %(name)s."
        assert translation.gettext("Verified") == "Bekræftet"
        assert translation.gettext("Two-Factor Authentication") == "To-faktor-godkendelse"
        assert translation.gettext("Add another agenda item") == "Tilføj endnu et programpunkt"


def test_login_message_reads_naturally(client):
    staff = StaffUserFactory(first_name="Nils", last_name="Thylander")
    EmailAddress.objects.create(user=staff, email=staff.email, verified=True, primary=True)

    response = client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD}, follow=True)

    shown = [str(message) for message in response.context["messages"]]
    assert any(message.startswith("Du er logget ind som") for message in shown), shown
    assert not any("succesfuldt" in message for message in shown)


def test_authenticators_are_shown_to_superusers_under_danish_names_without_their_secret(admin_client, client):
    from allauth.mfa.models import Authenticator

    staff = StaffUserFactory(first_name="Nils", last_name="Thylander")
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "HEMMELIG"})
    url = reverse("admin:members_twofactormethod_changelist")

    page = admin_client.get(url).content.decode()

    assert "To-faktor-metoder" in page and "Godkendelsesapp" in page and "Nils Thylander" in page
    assert "HEMMELIG" not in admin_client.get(url + f"{Authenticator.objects.get().pk}/change/").content.decode()
    client.force_login(staff)
    assert client.get(url).status_code == 403
