"""``{% check_in_qr registration %}``: the registration's check-in code as an inline SVG QR code."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from registration.checkin import qr_svg

register = template.Library()


@register.simple_tag
def check_in_qr(registration) -> str:
    if not registration.check_in_code:
        return ""
    # segno writes only the path data of the code's own letters: nothing to escape.
    return mark_safe(qr_svg(code=registration.check_in_code, title=_("QR code for check-in")))  # noqa: S308
