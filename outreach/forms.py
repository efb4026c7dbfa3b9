from django import forms
from django.utils.translation import gettext_lazy as _


class SubscribeForm(forms.Form):
    email = forms.EmailField(label=_("Your email address"), max_length=254)
    # Left empty by people; robots fill it in (the page answers as if all went well).
    website = forms.CharField(required=False, max_length=200, label=_("Leave this field empty"))


class PreferencesForm(forms.Form):
    invitations = forms.BooleanField(label=_("Invitations to meetings"), required=False)
    nudges = forms.BooleanField(label=_("Reminders before the registration deadline"), required=False)
    board_posts = forms.BooleanField(label=_("New posts on the board"), required=False)


class InvitationActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("test", "test"), ("send", "send"), ("again", "again")])
