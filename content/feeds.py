"""The blog's Atom feed (django.contrib.syndication)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from . import selectors


class AtomWithContent(Atom1Feed):
    """Atom with the whole post as <content type="html"> next to the <summary>."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestPostsFeed(Feed):
    feed_type = AtomWithContent
    description_template = None

    def title(self):
        return _("%(site)s - blog") % {"site": settings.SITE_NAME}

    def subtitle(self):
        return _("Newest posts about networks and meetings in social housing")

    def link(self):
        return reverse("content:post_list")

    def feed_url(self):
        return reverse("content:post_feed")

    def items(self):
        return selectors.post_for_feed(limit=20)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_guid(self, item):
        # Stable even if the slug is changed after publication.
        return f"{settings.SITE_URL}/blog/#post-{item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]

    def item_extra_kwargs(self, item):
        return {"content": str(item.body_html(absolute=True))}
