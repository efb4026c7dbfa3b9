from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import escape, format_html

from netvaerk.text import safe_link

register = template.Library()


@register.filter
def dkk(value):
    """Price as the secretariats write it: ``DKK 0,-``, ``DKK 1.250,-``, ``DKK 99,50``."""
    if value in (None, ""):
        return ""
    amount = Decimal(value)
    if amount == amount.to_integral_value():
        return f"DKK {number_format(int(amount), force_grouping=True)},-"
    return f"DKK {number_format(amount, decimal_pos=2, force_grouping=True)}"


@register.filter
def link_href(value):
    """The address if a link may go there (https, or a path on this site), else ""."""
    return safe_link(str(value or "")) or ""


@register.filter
def link(value):
    """An address typed by someone as a link showing itself, or as plain text if it may not be followed."""
    href = link_href(value)
    return format_html('<a href="{}">{}</a>', href, href) if href else escape(value or "")


@register.filter
def hm(value):
    """A time or datetime as ``09.30`` in Copenhagen time."""
    if value in (None, ""):
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "date"):
        value = timezone.localtime(value)
    return value.strftime("%H.%M")


@register.filter
def dmy(value):
    """A date or datetime as ``21.04.2022`` in Copenhagen time."""
    if value in (None, ""):
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value)
    return value.strftime("%d.%m.%Y")


@register.simple_tag(takes_context=True)
def query_with(context, **kwargs):
    """The current query string with some parameters replaced (for filters and paging)."""
    params = context["request"].GET.copy()
    for key, value in kwargs.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag
def staff_links(user):
    """The staff pages the apps registered (netvaerk/navigation.py) that this user may open."""
    from netvaerk.navigation import staff_links as links

    return links(user)
