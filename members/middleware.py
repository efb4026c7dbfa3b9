from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

# Where staff work with members' and participants' personal data.
STAFF_PATH_PREFIXES = ("/admin/", "/personale/")


class StaffMFARequiredMiddleware:
    """Send staff without two-factor authentication to its set-up page.

    Only when MFA_REQUIRED_FOR_STAFF is on, and only in front of the admin and
    the staff pages, so a staff member can still reach the set-up page, the
    public site and log out.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_STAFF
            and request.path.startswith(STAFF_PATH_PREFIXES)
            and request.user.is_authenticated
            and request.user.is_staff
            and not _has_mfa(request.user)
        ):
            messages.warning(
                request, _("Set up two-factor authentication with an authenticator app before you use the admin.")
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)


def _has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
