"""Keep the search index in step with the objects it describes.

Every save or delete of a network, meeting (or a part of its programme), blog
post or offer rewrites that object's document in the same transaction. A
network's meetings are rewritten with it: they carry its name and are hidden
with it. Bulk updates send no signal; the nightly rebuild
(``search.index_rebuild``) catches up with them.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from content.models import BlogPost, Offer, Provider
from meetings.models import AgendaItem, Meeting, Workshop
from netvaerk.models import Network

from .enums import DocumentKind
from .services import search_documents_refresh


def _network_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    search_documents_refresh(kind=DocumentKind.NETWORK, ids=[instance.pk])
    meeting_ids = Meeting.objects.filter(network_id=instance.pk).values_list("pk", flat=True)
    search_documents_refresh(kind=DocumentKind.MEETING, ids=list(meeting_ids))


def _meeting_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(kind=DocumentKind.MEETING, ids=[instance.pk])


def _meeting_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(kind=DocumentKind.MEETING, ids=[instance.meeting_id])


def _post_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(kind=DocumentKind.POST, ids=[instance.pk])


def _offer_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        search_documents_refresh(kind=DocumentKind.OFFER, ids=[instance.pk])


def _provider_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        ids = Offer.objects.filter(provider_id=instance.pk).values_list("pk", flat=True)
        search_documents_refresh(kind=DocumentKind.OFFER, ids=list(ids))


def _m2m_changed(kind):
    def changed(sender, instance, action, reverse, pk_set=None, **kwargs):
        if not action.startswith("post_"):
            return
        # From the object's side the object changed; from the tag's side, the objects in pk_set did.
        ids = (pk_set or []) if reverse else [instance.pk]
        search_documents_refresh(kind=kind, ids=list(ids))

    return changed


_network_m2m_changed = _m2m_changed(DocumentKind.NETWORK)
_post_m2m_changed = _m2m_changed(DocumentKind.POST)


def connect() -> None:
    for model, receiver in [
        (Network, _network_changed),
        (Meeting, _meeting_changed),
        (AgendaItem, _meeting_part_changed),
        (Workshop, _meeting_part_changed),
        (BlogPost, _post_changed),
        (Offer, _offer_changed),
        (Provider, _provider_changed),
    ]:
        uid = f"search-{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"{uid}-delete")
    for through, receiver in [
        (Network.work_areas.through, _network_m2m_changed),
        (Network.target_groups.through, _network_m2m_changed),
        (BlogPost.tags.through, _post_m2m_changed),
    ]:
        m2m_changed.connect(receiver, sender=through, dispatch_uid=f"search-{through._meta.label_lower}")


def fill_index_when_empty(sender=None, using="default", **kwargs):
    """After migrate: a database that has content but no index yet (the first deploy with search) gets one."""
    from django.db import connections

    from .models import SearchDocument
    from .services import search_index_rebuild

    if SearchDocument._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the index
    if SearchDocument.objects.using(using).exists():
        return
    from .documents import SOURCES

    if not any(source.public().using(using).exists() for source in SOURCES.values()):
        return
    search_index_rebuild()
