"""The newest blog posts as a small section on other apps' pages (home, network page).

An inclusion tag, so the meetings views and templates need not know the
blog exists beyond this one {% load %}: the dependency stays pointing from
content to meetings in Python code.
"""

from django import template

from content import selectors

register = template.Library()


@register.inclusion_tag("content/_latest_posts.html")
def latest_blog_posts(*, limit=3, network=None, heading_level=2):
    posts = selectors.post_latest(limit=limit, network_id=network.pk if network else None)
    return {"posts": posts, "network": network, "heading_level": heading_level}
