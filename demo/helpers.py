"""Small builders every loader shares: dates, users, tags, meetings with their programme, texts."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify

from meetings.models import AgendaItem, Meeting, Workshop
from members.services import user_email_verify

TEXTS = Path(__file__).resolve().parent / "texts"


def text(name: str) -> str:
    """A long demo text (blog post, offer) kept as a file under demo/texts/."""
    return (TEXTS / name).read_text(encoding="utf-8")


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def weekday_after(today: dt.date, days: int, weekday: int = 3) -> dt.date:
    """The first given weekday (Thursday by default) at least `days` days ahead."""
    day = today + dt.timedelta(days=days)
    return day + dt.timedelta(days=(weekday - day.weekday()) % 7)


def tags(model, names):
    return [model.objects.update_or_create(slug=slugify(name), defaults={"name": name})[0] for name in names]


def danish_slug(text: str) -> str:
    """A slug that keeps æ, ø and å readable (ae, oe, aa) instead of dropping them."""
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(letter, spelled)
    return slugify(text)


def user(email, first, last, *, staff=False, superuser=False, password=None, groups=()):
    """The user with this email, created or brought back to these names, flags, password and groups."""
    User = get_user_model()
    person, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, "is_staff": staff, "is_superuser": superuser}
    )
    changed = False
    for field, value in {"first_name": first, "last_name": last, "is_staff": staff, "is_superuser": superuser}.items():
        if getattr(person, field) != value:
            setattr(person, field, value)
            changed = True
    if password and (created or not person.check_password(password)):
        person.set_password(password)
        changed = True
    if changed or created:
        person.save()
    # Every demo login goes through allauth, which wants a verified address.
    user_email_verify(user=person)
    for name in groups:
        person.groups.add(Group.objects.get(name=name))
    return person


def P(start, end, kind, title, speakers="", bullets=(), description=""):
    """One row of a programme: (hour, minute) start and end, kind, title and the rest."""
    return (start, end, kind, title, speakers, bullets, description)


def meeting(code: str | None, programme, workshops=(), target_groups=(), **fields) -> Meeting:
    """The meeting with this code (or this title in this network), its programme and workshops replaced."""
    lookup = {"code": code} if code else {"title": fields["title"], "network": fields.get("network")}
    row = Meeting.objects.filter(**lookup).first() or Meeting(code=code or "")
    for key, value in fields.items():
        setattr(row, key, value)
    row.save()
    row.target_groups.set(target_groups)
    row.agenda_items.all().delete()
    AgendaItem.objects.bulk_create(
        AgendaItem(
            meeting=row,
            start_time=dt.time(*start),
            end_time=dt.time(*end) if end else None,
            kind=kind,
            title=title,
            speakers=speakers,
            bullet_points="\n".join(bullets),
            description=description,
            order=index,
        )
        for index, (start, end, kind, title, speakers, bullets, description) in enumerate(programme)
    )
    existing = {w.title: w for w in row.workshops.all()}
    keep = []
    for index, (title, description, capacity) in enumerate(workshops):
        workshop = existing.get(title) or Workshop(meeting=row, title=title)
        workshop.description = description
        workshop.capacity = capacity
        workshop.order = index
        workshop.save()
        keep.append(workshop.pk)
    row.workshops.exclude(pk__in=keep).delete()
    return row
