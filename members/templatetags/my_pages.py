from django import template

from members.mypages import MY_PAGES_LINKS

register = template.Library()


@register.simple_tag
def my_pages_links():
    """The links other apps added to My pages' navigation."""
    return MY_PAGES_LINKS
