"""The blog: authors, tags and four posts (one the seed post "Ressourcenetværk – hvorfor nu det?" with its diagram).

Rows are written directly, not through the services, so loading sends no emails.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from content.enums import PostStatus
from content.models import Author, BlogPost, PostImage, Tag
from members.models import Profile
from netvaerk.enums import OrganisationKind
from netvaerk.models import Organisation

from ..files import diagram_png
from ..helpers import at, danish_slug, text
from ..site import Site

RESOURCE_POST_SLUG = "ressourcenetvaerk-hvorfor-nu-det"
TAGS = {
    "ressource": "Ressourcenetværk",
    "helhedsplan": "Helhedsplan",
    "moeder": "Gode møder",
    "drift": "Drift og affald",
    "beskaeftigelse": "Beskæftigelse",
    "samskabelse": "Samskabelse",
}


def author(user, presentation: str, *, organisation=None, job_title: str = "") -> Author:
    profile, _created = Profile.objects.get_or_create(user=user)
    changed = False
    if organisation is not None and profile.organisation_id != organisation.pk:
        profile.organisation = organisation
        changed = True
    if job_title and profile.job_title != job_title:
        profile.job_title = job_title
        changed = True
    if changed:
        profile.save()
    return Author.objects.update_or_create(user=user, defaults={"presentation": presentation})[0]


def post(slug, *, tags, **fields) -> BlogPost:
    row, _created = BlogPost.objects.update_or_create(slug=slug, defaults=fields)
    row.tags.set(tags)
    return row


def load(site: Site) -> None:
    today, networks = site.today, site.networks
    centre, _c = Organisation.objects.update_or_create(
        name="Albertslund Boligsociale Center", municipality="Albertslund", defaults={"kind": OrganisationKind.OTHER}
    )
    trine = author(
        site.users["trine"],
        "Blogger om det boligsociale samarbejde i Albertslund.",
        organisation=centre,
        job_title="Netværkskoordinator",
    )
    mette = author(
        site.users["mette"],
        "Konsulent i Boligsocialnet og tovholder for netværket for sociale viceværter.",
        job_title="Konsulent",
    )
    tags = {
        key: Tag.objects.update_or_create(name=name, defaults={"slug": danish_slug(name)})[0]
        for key, name in TAGS.items()
    }

    resource_post = site.posts["resource"] = post(
        RESOURCE_POST_SLUG,
        title="Ressourcenetværk – hvorfor nu det?",
        author=trine,
        teaser=(
            "Albertslunds nye helhedsplan gav os ressourcenetværk: tre fora, hvor kommune, beboere og boligsociale "
            "medarbejdere mødes om én indsats ad gangen. Her er tanken bag – og det, vi har lært indtil nu."
        ),
        body=text("blog_ressourcenetvaerk.md"),
        status=PostStatus.PUBLISHED,
        published_at=at(dt.date(2022, 8, 18), 10),
        network=networks["naboskab"],
        comments_open=True,
        tags=[tags["ressource"], tags["helhedsplan"], tags["moeder"], tags["samskabelse"]],
    )
    if not resource_post.images.exists():
        # A fixed file name: loading the demo again (or in every test) reuses the file instead of adding one.
        name = "blog/demo/ressourcenetvaerk.png"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(diagram_png()))
        PostImage.objects.create(
            post=resource_post,
            image=name,
            order=1,
            alt_text=(
                "Tegning af de tre ressourcenetværk: Familier/Forebyggelse, Uddannelse/Beskæftigelse og "
                "Naboskab/Trivsel, med kommune, afdelingsbestyrelser, frivillige, drift og boligsociale medarbejdere."
            ),
            caption="De tre ressourcenetværk følger helhedsplanens tre indsatser.",
        )

    site.posts["waste"] = post(
        "har-i-ogsaa-problemer-med-affaldssortering",
        title="Har I også problemer med affaldssortering i jeres boligområde?",
        author=mette,
        teaser="Fire greb fra netværket for sociale viceværter, når de nye affaldsfraktioner driller.",
        body=text("blog_affaldssortering.md"),
        status=PostStatus.PUBLISHED,
        published_at=at(today - dt.timedelta(days=9), 9),
        network=networks["vicevaerter"],
        comments_open=True,
        tags=[tags["drift"]],
    )
    site.posts["product"] = post(
        "saadan-kan-du-teste-dit-produkt",
        title="Sådan kan du teste dit produkt ved start af en socialøkonomisk virksomhed",
        author=trine,
        teaser="Det første møde i ressourcenetværket for uddannelse og beskæftigelse gav idéer – og en enkel måde at teste dem på.",
        body=text("blog_test_dit_produkt.md"),
        status=PostStatus.PUBLISHED,
        published_at=at(today - dt.timedelta(days=30), 9),
        network=networks["uddannelse"],
        comments_open=True,
        tags=[tags["beskaeftigelse"], tags["ressource"]],
    )
    site.posts["draft"] = post(
        "kladde-erfaringer-fra-det-virtuelle-moede",
        title="Erfaringer fra vores første virtuelle netværksmøde (kladde)",
        author=mette,
        teaser="",
        body="Skrives færdig efter mødet. Husk: kamera tændt, korte breakout-rum, én ordstyrer.",
        status=PostStatus.DRAFT,
        published_at=at(today, 8),
        network=None,
        comments_open=True,
        tags=[tags["moeder"]],
    )
