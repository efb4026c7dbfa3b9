"""Comments on the blog: published ones by members and guests, one guest's held for moderation."""

from __future__ import annotations

import datetime as dt

from content.enums import CommentStatus
from content.models import Comment

from ..site import Site


def comment(post, body, *, days_after, status, user=None, name="", email="") -> Comment:
    row = Comment.objects.filter(post=post, body=body).first()
    if row is None:
        row = Comment.objects.create(post=post, body=body, user=user, name=name, email=email, status=status)
    else:
        Comment.objects.filter(pk=row.pk).update(status=status, user=user, name=name, email=email)
    Comment.objects.filter(pk=row.pk).update(created_at=post.published_at + dt.timedelta(days=days_after, hours=3))
    return row


def load(site: Site) -> None:
    resource_post, waste_post = site.posts["resource"], site.posts["waste"]
    comment(
        resource_post,
        "Tak for et klart indlæg. Vi har lånt jeres 'the why'-spørgsmål til vores egne møder i kultur og fritid "
        "– det gør det meget lettere at sige nej til de punkter, der ikke hører hjemme på dagsordenen.",
        days_after=1,
        status=CommentStatus.PUBLISHED,
        user=site.users["line"],
    )
    comment(
        resource_post,
        "Godt at se, at maden er med på listen! Hos os er det netop snakken over frokosten, der får de frivillige "
        "til at komme igen.",
        days_after=2,
        status=CommentStatus.PUBLISHED,
        name="Gitte fra beboerhuset",
        email="gitte.beboerhus@example.dk",
    )
    comment(
        resource_post,
        "Hvordan giver I deltagerne en rolle på mødet i praksis? Er det noget, I aftaler på forhånd?",
        days_after=3,
        status=CommentStatus.PUBLISHED,
        user=site.users["maja"],
    )
    comment(
        resource_post,
        "Vi er ved at starte noget lignende i vores kommune. Må vi kontakte jer og høre mere om kommissoriet? "
        "Se evt. vores plan på https://helhedsplan.example.dk/netvaerk",
        days_after=5,
        status=CommentStatus.PENDING,
        name="Rasmus Lund",
        email="rasmus.lund@example.dk",
    )
    comment(
        waste_post,
        "Affaldsambassadører har virket rigtig godt hos os – især når de får en t-shirt og lidt anerkendelse.",
        days_after=1,
        status=CommentStatus.PUBLISHED,
        name="Jonas, varmemester",
        email="jonas.varmemester@example.dk",
    )
