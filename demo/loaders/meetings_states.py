"""The other states a meeting page shows: a paid theme day with a waiting list, a cancelled and a draft meeting."""

from __future__ import annotations

import datetime as dt

from meetings.enums import AgendaItemKind as K
from meetings.enums import MeetingKind, MeetingStatus

from ..helpers import P, at, meeting, weekday_after
from ..site import Site


def load(site: Site) -> None:
    common = {"organiser": site.organisers["bsn"], "status": MeetingStatus.PUBLISHED}

    # A theme day that stands alone, with a price.
    day = weekday_after(site.today, 55, weekday=4)
    site.meetings["theme_day"] = meeting(
        None,
        [
            P((9, 0), (9, 30), K.ARRIVAL, "Morgenkaffe"),
            P((9, 30), (10, 30), K.TALK, "Den almene kultur og beboerdemokratiet", speakers="Kim Tverskov"),
            P((10, 30), (10, 45), K.BREAK, "Pause"),
            P((10, 45), (12, 0), K.GROUP_WORK, "Dialog: Barrierer i mødet mellem kommune og beboere"),
            P((12, 0), (12, 45), K.MEAL, "Frokost"),
            P((12, 45), (14, 0), K.GROUP_WORK, "Sådan etablerer vi bedre samarbejdsrelationer"),
            P((14, 0), (14, 30), K.WRAP_UP, "Opsamling og næste skridt"),
        ],
        network=None,
        kind=MeetingKind.THEME_DAY,
        title="Dialog i udsatte boligområder",
        teaser="Kultur, normer, uskrevne regler og beboerdemokrati - en temadag for kommunale ledere og medarbejdere.",
        description=(
            "Når kommunalt ansatte skal samarbejde med boligorganisationer, afdelingsbestyrelser og varmemestre, "
            "træder de ind i en kultur, der kan være svær at afkode. På temadagen ser vi på den almene kultur og de "
            "mange aktører i boligområderne, og deltagerne deler deres egne erfaringer."
        ),
        target_groups=[site.target_groups["kommune"], site.target_groups["ledere"]],
        starts_at=at(day, 9, 0),
        ends_at=at(day, 14, 30),
        registration_deadline=at(day - dt.timedelta(days=14), 23, 59),
        venue=site.venues["abc"],
        capacity=25,
        price=1250,
        waiting_list_enabled=True,
        **common,
    )

    # A cancelled and a draft meeting, to show those states.
    day = weekday_after(site.today, 12)
    site.meetings["cancelled"] = meeting(
        None,
        [P((10, 0), (12, 0), K.GROUP_WORK, "Erfaringsudveksling")],
        network=site.networks["vicevaerter"],
        title="Erfaringsudveksling om affaldssortering",
        teaser="Har I også udfordringer med affaldssortering? Vi deler greb, der virker.",
        starts_at=at(day, 10, 0),
        ends_at=at(day, 12, 0),
        registration_deadline=at(day - dt.timedelta(days=2), 12, 0),
        venue=site.venues["rosenhoj"],
        organiser=site.organisers["bsn"],
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Mødet er aflyst på grund af for få tilmeldte. Emnet tages op igen på forårets netværksmøde.",
    )
    day = weekday_after(site.today, 120)
    site.meetings["draft"] = meeting(
        None,
        [P((13, 0), (15, 30), K.OTHER, "Program følger")],
        network=site.networks["lokal"],
        title="Forårsmøde (kladde)",
        starts_at=at(day, 13, 0),
        ends_at=at(day, 15, 30),
        registration_deadline=at(day - dt.timedelta(days=7), 12, 0),
        organiser=site.organisers["bsn"],
        status=MeetingStatus.DRAFT,
    )
