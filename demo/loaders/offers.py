"""The catalogue of offers: Tverskov's two theme days, and two requests for "Dialog i udsatte boligområder".

The agreed request can be turned into a draft theme day in the admin. Rows are
written directly, so loading sends no emails.
"""

from __future__ import annotations

from django.utils import timezone

from content.enums import OfferFormat, OfferKind, OfferRequestStatus, OfferStatus
from content.models import Offer, OfferRequest, Provider
from netvaerk.enums import OrganisationKind
from netvaerk.models import Organisation

from ..helpers import text
from ..site import Site

DIALOG_OFFER_SLUG = "dialog-i-udsatte-boligomraader"


def load(site: Site) -> None:
    bsn = site.organisers["bsn"]
    tverskov, _c = Provider.objects.update_or_create(
        organisation=site.organisations["tverskov"],
        defaults={
            "presentation": text("provider_tverskov.txt"),
            "contact_name": "Kim Tverskov",
            "email": "kim@tverskov.example",
            "phone": "20 30 40 50",
            "website": "https://tverskov.example",
        },
    )
    dialog, _c = Offer.objects.update_or_create(
        slug=DIALOG_OFFER_SLUG,
        defaults={
            "title": "Dialog i udsatte boligområder",
            "kind": OfferKind.THEME_DAY,
            "subtitle": "Kultur, normer, uskrevne regler og beboerdemokrati",
            "teaser": (
                "En temadag for kommunale ledergrupper og personalegrupper om at forstå – og samarbejde med – "
                "den almene kultur og beboerdemokratiet."
            ),
            "audience": "Kommunale ledergrupper og personalegrupper",
            "introduction": text("offer_dialog_introduction.txt"),
            "points_heading": "På temadagen sætter vi fokus på",
            "points": (
                "Hvilke barrierer møder man, når kommunen møder den almene beboerkultur?\n"
                "Hvordan fungerer beboerdemokratiet – som demokrati og som samarbejdspartner?\n"
                "Hvordan skaber vi bedre samarbejde mellem borgere og kommune?"
            ),
            "description": text("offer_dialog_description.txt"),
            "formats": [OfferFormat.HALF_DAY, OfferFormat.WHOLE_DAY],
            "format_note": "Temadagen designes sammen med jer og tilpasses jeres ønsker og behov.",
            "price_note": "Prisen aftales ud fra antal deltagere og dagens design.",
            "provider": tverskov,
            "organiser": bsn,
            "status": OfferStatus.PUBLISHED,
            "order": 1,
        },
    )
    Offer.objects.update_or_create(
        slug="borgerdialog-i-de-almene-boligomraader",
        defaults={
            "title": "Borgerdialog i de almene boligområder",
            "kind": OfferKind.THEME_DAY,
            "subtitle": "Metoder til at nå de beboere, der sjældent kommer til møderne",
            "teaser": "Praktiske metoder til borgerdialog – fra dørbankning til samtalesaloner – afprøvet på dagen.",
            "audience": "Boligsociale medarbejdere, afdelingsbestyrelser og kommunale medarbejdere",
            "introduction": text("offer_borgerdialog_introduction.txt"),
            "points_heading": "Dagen giver jer",
            "points": (
                "Et overblik over metoder til borgerdialog og hvornår de passer\n"
                "Øvelser i at stille åbne spørgsmål og lytte\n"
                "En plan for jeres næste dialogindsats"
            ),
            "description": "Vi arbejder med jeres egne cases, så deltagerne går hjem med noget, de kan bruge i morgen.",
            "formats": [OfferFormat.HALF_DAY, OfferFormat.WHOLE_DAY, OfferFormat.SERIES],
            "format_note": "Kan også holdes som et forløb over tre eftermiddage.",
            "price_note": "Prisen aftales ud fra antal deltagere og forløbets længde.",
            "provider": tverskov,
            "organiser": bsn,
            "status": OfferStatus.PUBLISHED,
            "order": 2,
        },
    )

    Organisation.objects.update_or_create(
        name="Gladsaxe Kommune, Social og Sundhed",
        municipality="Gladsaxe",
        defaults={"kind": OrganisationKind.MUNICIPALITY},
    )
    OfferRequest.objects.update_or_create(
        offer=dialog,
        email="birgitte.holm@gladsaxe.example",
        defaults={
            "organisation_name": "Gladsaxe Kommune, Social og Sundhed",
            "contact_name": "Birgitte Holm",
            "phone": "39 57 50 00",
            "format": OfferFormat.WHOLE_DAY,
            "period": "Efteråret, gerne en tirsdag eller torsdag",
            "participants": 24,
            "wishes": (
                "Vi er en ny ledergruppe, der skal samarbejde med tre boligafdelinger om helhedsplanen. "
                "Vi vil gerne forstå beboerdemokratiet bedre, før vi går i gang."
            ),
            "status": OfferRequestStatus.NEW,
        },
    )
    OfferRequest.objects.update_or_create(
        offer=dialog,
        email="a.jensen@ribe-bolig.example",
        defaults={
            "organisation_name": "Boligsocial indsats Ribe/Bramming",
            "organisation": site.organisations["ribe"],
            "contact_name": "Anders Jensen",
            "phone": "75 12 34 56",
            "format": OfferFormat.HALF_DAY,
            "period": "Marts eller april",
            "participants": 15,
            "wishes": "For afdelingsbestyrelserne og de kommunale kontaktpersoner sammen.",
            "status": OfferRequestStatus.AGREED,
            "status_changed_at": timezone.now(),
        },
    )
