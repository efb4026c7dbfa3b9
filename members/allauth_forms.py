"""Forms that replace allauth's own (``ACCOUNT_FORMS``).

Kept apart from ``members.forms``: allauth's forms module imports our sign-up
form (``ACCOUNT_SIGNUP_FORM_CLASS``) when it loads, so importing it from there
would be circular.
"""

from allauth.account.forms import LoginForm as AllauthLoginForm

from netvaerk.text import strip_format_characters


class LoginForm(AllauthLoginForm):
    def clean_login(self) -> str:
        # The address as it is stored: invisible characters typed or pasted into it do not
        # count, so they neither fail a good login nor open a new count of failed ones.
        return strip_format_characters(super().clean_login()).strip()
