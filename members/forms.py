from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext_lazy as _

from netvaerk.enums import OrganisationKind
from netvaerk.fields import VisibleFormCharField, VisibleFormEmailField
from netvaerk.forms import BoundedModelMultipleChoiceField
from netvaerk.models import Network, Organisation, WorkArea
from netvaerk.text import safe_link

from .enums import MembershipRole
from .models import Profile, User
from .validators import allowed_extensions_text, validate_upload


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class SignupNameForm(forms.Form):
    """Extra fields on allauth's sign-up form: the name members know you by."""

    first_name = VisibleFormCharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = VisibleFormCharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.save(update_fields=["first_name", "last_name"])


class ProfileForm(forms.ModelForm):
    """The member's own profile: name and phone on the user, the rest on the profile."""

    first_name = VisibleFormCharField(label=_("First name"), max_length=150)
    last_name = VisibleFormCharField(label=_("Last name"), max_length=150)
    phone = forms.CharField(
        label=_("Phone"), max_length=40, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    new_organisation = VisibleFormCharField(
        label=_("Or a new organisation"),
        max_length=200,
        required=False,
        help_text=_("If your organisation is not in the list, write its name."),
    )
    new_organisation_kind = forms.ChoiceField(
        label=_("Kind of the new organisation"), choices=OrganisationKind.choices, initial=OrganisationKind.OTHER
    )

    class Meta:
        model = Profile
        fields = ["organisation", "job_title", "work_areas", "introduction", "directory_consent", "language"]
        field_classes = {"work_areas": BoundedModelMultipleChoiceField}
        widgets = {
            "work_areas": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        initial = kwargs.setdefault("initial", {})
        initial.update({"first_name": user.first_name, "last_name": user.last_name, "phone": user.phone})
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.order_by("name")
        self.fields["work_areas"].queryset = WorkArea.objects.order_by("name")
        self.order_fields(
            ["first_name", "last_name", "phone", "organisation", "new_organisation", "new_organisation_kind"]
        )

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class JoinForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the coordinator (optional)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example what you work with and why you would like to join."),
    )


class BoardPostForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    body = forms.CharField(label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))


class ReplyForm(forms.Form):
    body = forms.CharField(label=_("Your reply"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class NotificationForm(forms.Form):
    notify_new_posts = forms.BooleanField(label=_("Email me when someone posts on the board"), required=False)


class MaterialForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    meeting = forms.ModelChoiceField(
        label=_("Meeting"),
        queryset=None,
        required=False,
        empty_label=_("The network as a whole"),
        help_text=_("Choose a meeting if the material belongs to one."),
    )
    file = forms.FileField(label=_("File"), required=False)
    url = forms.URLField(label=_("Or a link"), max_length=500, required=False, assume_scheme="https")

    def __init__(self, *args, network: Network, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting

        self.fields["meeting"].queryset = Meeting.objects.filter(network=network).exclude(status="draft")
        self.fields["file"].help_text = _("%(types)s, at most 10 MB.") % {"types": allowed_extensions_text()}
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = validate_upload(upload)
        return upload

    def clean_url(self):
        url = self.cleaned_data.get("url")
        # The group space links only to https addresses whose host is what the address shows.
        if url and not safe_link(url):
            raise forms.ValidationError(
                _("Write a link that starts with https://, such as https://www.example.dk/report.")
            )
        return url

    def clean(self):
        data = super().clean()
        if data.get("file") and data.get("url"):
            raise forms.ValidationError(_("Share either a file or a link, not both."))
        if not data.get("file") and not data.get("url") and not self.errors:
            raise forms.ValidationError(_("Choose a file or write a link."))
        return data


class MinutesForm(forms.Form):
    text = forms.CharField(
        label=_("Minutes"), max_length=20000, required=False, widget=forms.Textarea(attrs={"rows": 12})
    )
    outputs = forms.CharField(
        label=_("Outputs"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What came out of the meeting: decisions, products, the next steps."),
    )
    file = forms.FileField(label=_("File (optional)"), required=False)
    remove_file = forms.BooleanField(label=_("Remove the current file"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _("%(types)s, at most 10 MB.") % {"types": allowed_extensions_text()}
        self.content_type = ""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.content_type = validate_upload(upload)
        return upload


class MemberImportForm(forms.Form):
    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.order_by("name"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One member a line: name; email; organisation. Separated by semicolons or commas, UTF-8 "
            "(as saved by Excel). A first line with column names is skipped."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("The file is too large (at most 2 MB)."))
        return upload


class MemberLineForm(forms.Form):
    """One person to add as a member: a line of the CSV import, or the admin's form below."""

    email = VisibleFormEmailField(label=_("Email"), max_length=254)
    name = VisibleFormCharField(label=_("Name"), max_length=300, required=False)
    organisation = VisibleFormCharField(label=_("Organisation"), max_length=200, required=False)


class MembershipAddForm(MemberLineForm):
    """Staff add one member in the admin by email (the person need not have an account yet)."""

    network = forms.ModelChoiceField(label=_("Network"), queryset=Network.objects.order_by("name"))
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices, initial=MembershipRole.MEMBER)

    field_order = ["network", "email", "name", "organisation", "role"]


class MembershipDecisionForm(forms.Form):
    """The coordinator's answer to one request to join (the buttons of the group space's "Requests" tab)."""

    membership = forms.ModelChoiceField(queryset=None)
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])

    def __init__(self, *args, requests, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["membership"].queryset = requests


class DeleteAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my account is deleted and cannot be restored"), required=True
    )
