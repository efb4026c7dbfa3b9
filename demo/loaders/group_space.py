"""The group space of "Lokalsamfund & medborgerskab": board posts, shared material, minutes, and the member's own sign-up."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from meetings.enums import MeetingStatus
from meetings.models import Meeting
from members.enums import MaterialKind
from members.models import BoardPost, Material, Minutes
from registration.enums import RegistrationStatus
from registration.models import Registration
from registration.services import RegistrationError, registration_create

from ..files import agenda_pdf
from ..site import Site

AGENDA_TITLE = "Dagsorden og deltagerliste (demo)"
CFBU_TITLE = "CFBU: Medborgerskab og social integration"


def load(site: Site) -> None:
    lokal, past_meeting = site.networks["lokal"], site.meetings["gladsaxe_2021"]
    nils, maja, ahmad, line = (site.users[key] for key in ("nils", "maja", "ahmad", "line"))
    now = timezone.now()

    def post(author, title, body, *, pinned=False, parent=None, days_ago=1):
        existing = BoardPost.objects.filter(network=lokal, author=author, title=title, body=body, parent=parent).first()
        if existing:
            return existing
        created = BoardPost.objects.create(
            network=lokal, author=author, title=title, body=body, is_pinned=pinned, parent=parent
        )
        BoardPost.objects.filter(pk=created.pk).update(created_at=now - dt.timedelta(days=days_ago))
        return created

    post(
        nils,
        "Velkommen til netværkets gruppe",
        "Her kan I finde hinandens kontaktoplysninger, skrive beskeder og dele materiale. "
        "Husk at udfylde jeres profil, så de andre kan se, hvad I arbejder med.",
        pinned=True,
        days_ago=30,
    )
    question = post(
        ahmad,
        "Erfaringer med ungeråd?",
        "Vi vil gerne have flere unge med i ungerådet. Hvordan har I fået de unge til at stille op - "
        "og hvordan holder I fast i dem?",
        days_ago=6,
    )
    post(
        line,
        "",
        "Vi har god erfaring med at lade de unge selv stå for et budget. Jeg deler gerne vores skabelon.",
        parent=question,
        days_ago=5,
    )
    post(
        maja, "", "Det vil jeg også gerne høre mere om. Kan vi tage det op på næste møde?", parent=question, days_ago=4
    )
    post(
        maja,
        "Rundvisning hos os til foråret?",
        "Vi vil gerne være værter for et af de fysiske møder og vise vores nye beboerhus frem.",
        days_ago=2,
    )

    if not Material.objects.filter(network=lokal, title=CFBU_TITLE).exists():
        Material.objects.create(
            network=lokal,
            meeting=None,
            kind=MaterialKind.LINK,
            title=CFBU_TITLE,
            description="Rapporten, som oplægget på mødet byggede på.",
            url="https://cfbu.example/medborgerskab-og-social-integration",
            uploaded_by=nils,
        )
    if not Material.objects.filter(network=lokal, title=AGENDA_TITLE).exists():
        content = agenda_pdf()
        material = Material(
            network=lokal,
            meeting=past_meeting,
            kind=MaterialKind.FILE,
            title=AGENDA_TITLE,
            description="Programmet fra mødet i Høje Gladsaxe.",
            original_name="dagsorden-hoeje-gladsaxe.pdf",
            content_type="application/pdf",
            size=len(content),
            uploaded_by=ahmad,
        )
        material.file.save("dagsorden.pdf", ContentFile(content), save=False)
        material.save()

    Minutes.objects.update_or_create(
        meeting=past_meeting,
        defaults={
            "written_by": nils,
            "text": (
                "Til stede: 14 deltagere fra 9 organisationer.\n\n"
                "1. Oplæg om demokratiforståelse blandt unge: De unge engagerer sig, når de får et konkret "
                "ansvar og et budget.\n"
                "2. Erfaringsudveksling: Flere har gode erfaringer med ungeråd; det svære er at holde fast i de "
                "unge, når de starter på en uddannelse.\n"
                "3. Rundvisning i ungdomsklubben ved værten.\n\n"
                "Næste møde: Tingbjerg står for værtskabet. Arbejdsgruppen sender dagsorden ud."
            ),
        },
    )

    # The member's own registration for the network's next meeting, so "My registrations" has a row.
    upcoming = (
        Meeting.objects.filter(network=lokal, status=MeetingStatus.PUBLISHED, registration_deadline__gt=now)
        .order_by("starts_at")
        .first()
    )
    if (
        upcoming
        and not Registration.objects.filter(meeting=upcoming, email__iexact=maja.email)
        .exclude(status=RegistrationStatus.CANCELLED)
        .exists()
    ):
        try:
            registration_create(
                meeting=upcoming,
                data={
                    "name": maja.get_full_name(),
                    "phone": maja.phone,
                    "organisation": site.organisations["gladsaxe"].name,
                    "job_title": "Boligsocial medarbejder",
                },
                email=maja.email,
                user=maja,
            )
        except RegistrationError:
            pass  # Not open for sign-up yet: the page simply shows no upcoming registration.


def load_attendance(site: Site) -> None:
    """Let the minutes name the attendance the check-ins show (runs after every loader that adds participants)."""
    meeting = site.meetings["gladsaxe_2021"]
    present = Registration.objects.filter(meeting=meeting, attended=True)
    people = present.count()
    organisations = present.exclude(organisation="").values("organisation").distinct().count()
    minutes = Minutes.objects.get(meeting=meeting)
    first, _newline, rest = minutes.text.partition("\n")
    line = f"Til stede: {people} deltagere fra {organisations} organisationer."
    if first != line:
        minutes.text = f"{line}\n{rest}"
        minutes.save(update_fields=["text"])
