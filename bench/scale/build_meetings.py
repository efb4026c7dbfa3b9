"""The ten-year builder: networks with their memberships, and ten years of meetings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from bench.scale.vocabulary import (
    AREAS,
    FIRST_NAMES,
    LAST_NAMES,
    NETWORK_TOPICS,
    PHRASES,
    REGIONS,
    TARGET_GROUPS,
    THEMES,
    WORK_AREAS,
    ascii_slug,
)


@dataclass
class MeetingRow:
    id: int
    code: str
    title: str
    kind: str
    network: int | None
    starts_at: dt.datetime
    ends_at: dt.datetime
    deadline: dt.datetime
    created_at: dt.datetime
    status: str
    capacity: int | None
    waiting_list: bool
    venue: str
    workshops: list[int] = field(default_factory=list)
    allocation: str = "first_come"
    registrations: int = 0
    price: int = 0
    programme: str = ""
    # The meeting's own questions, as the demo's Albertslund meeting asks them:
    # (choice question id, follow-up question id, choice ids, the "Andet" choice id).
    questions: tuple[int, int, list[int], int] | None = None


class MeetingsBuilder:
    """Networks, memberships and meetings (agenda, workshops, programmes)."""

    def _networks(self) -> None:
        from members.models import Membership
        from netvaerk.models import Network

        rng = self.rng
        n = self.n["networks"]
        names = [(f"{topic} - {region}", theme) for region in REGIONS for topic, theme in NETWORK_TOPICS]
        names = names[:n] + [(f"Netværk {k}", k % len(THEMES)) for k in range(len(names), n)]
        rows, tgs, was, wgs = [], [], [], []
        self.networks = []
        for pk, (name, theme) in enumerate(names, 1):
            started = self.first_day + dt.timedelta(days=0 if pk <= n * 0.6 else rng.randint(0, 365 * 7))
            status = rng.choices(["active", "starting", "paused", "closed"], [52, 3, 4, 6])[0]
            if pk == 1:
                status = "active"
            coordinator = self.consultant_ids[pk % len(self.consultant_ids)]
            created = self._at(started, 9)
            topic = name.split(" - ")[0].lower()
            rows.append(
                {
                    "id": pk,
                    "name": name,
                    "slug": ascii_slug(name),
                    "teaser": f"Et netværk for dig, der arbejder med {topic} i de almene boligområder.",
                    "description": (
                        f"Netværket samler medarbejdere, der arbejder med {topic}. Vi deler erfaringer, "
                        "inviterer oplægsholdere og besøger hinandens boligområder.\n\n"
                        "Medlemmerne bestemmer selv, hvilke emner møderne tager op."
                    ),
                    "form": "Et møde har et eller to faglige oplæg og god tid til erfaringsudveksling.",
                    "theme_id": theme + 1,
                    "virtual_meetings_per_year": rng.choice([0, 1, 2]),
                    "physical_meetings_per_year": rng.choice([2, 3, 4]),
                    "organiser_id": rng.choice(list(self.organisers)),
                    "coordinator_id": coordinator,
                    "contact_name": "Netværkskonsulent",
                    "contact_email": "netvaerk@netvaerk.example",
                    "status": status,
                    "is_public": rng.random() < 0.95 or pk == 1,
                    "terms_tasks": "Udveksle erfaringer\nRådgive helhedsplanerne\nUdvikle nye metoder"
                    if rng.random() < 0.5
                    else "",
                    "created_at": created,
                    "updated_at": created,
                }
            )
            self.networks.append({"id": pk, "started": started, "status": status, "coordinator": coordinator})
            for tg in rng.sample(range(1, len(TARGET_GROUPS) + 1), rng.randint(1, 3)):
                tgs.append({"id": len(tgs) + 1, "network_id": pk, "targetgroup_id": tg})
            for wa in rng.sample(range(1, len(WORK_AREAS) + 1), rng.randint(2, 5)):
                was.append({"id": len(was) + 1, "network_id": pk, "workarea_id": wa})
            wgs.append({"id": len(wgs) + 1, "network_id": pk, "user_id": coordinator})
        self._copy(Network, rows)
        self._copy(Network.target_groups.through, tgs)
        self._copy(Network.work_areas.through, was)

        # Memberships: the first network is the big one; the rest share the remaining places.
        memberships = []
        total = round(self.n["members"] * 2.4)
        rest = max(0, total - self.n["big_network_members"])
        weights = [rng.uniform(0.3, 1.0) for _ in range(n - 1)]
        sizes = [self.n["big_network_members"]] + [
            min(self.n["big_network_members"] - 1, max(3, round(rest * w / sum(weights)))) for w in weights
        ]
        self.network_members: dict[int, list[int]] = {}
        for network, size in zip(self.networks, sizes):
            pk = network["id"]
            # The big network's active members must number exactly big_network_members.
            chosen = rng.sample(self.member_ids, min(len(self.member_ids), round(size * 1.18) if pk == 1 else size))
            active = []
            for k, user_id in enumerate(chosen):
                if pk == 1:
                    status = "active" if k < size else rng.choice(["requested", "left", "left", "declined"])
                else:
                    status = rng.choices(["active", "requested", "left", "declined"], [85, 3, 9, 3])[0]
                role = "member"
                if status == "active" and len(active) == 0:
                    role = "coordinator"
                elif status == "active" and len(active) <= 2:
                    role = "working_group"
                asked = self._at(network["started"], 10) + dt.timedelta(days=rng.randint(0, 3000))
                asked = self._past(asked)
                decided = asked + dt.timedelta(days=rng.randint(1, 10)) if status != "requested" else None
                memberships.append(
                    {
                        "id": len(memberships) + 1,
                        "network_id": pk,
                        "user_id": user_id,
                        "role": role,
                        "status": status,
                        "message": "Jeg vil gerne være med i netværket." if rng.random() < 0.3 else "",
                        "notify_new_posts": rng.random() < 0.12,
                        "requested_at": asked,
                        "decided_at": self._past(decided) if decided else None,
                        "decided_by_id": network["coordinator"] if decided else None,
                        "left_at": self._past(decided + dt.timedelta(days=400)) if status == "left" else None,
                        "created_at": asked,
                        "updated_at": asked,
                    }
                )
                if status == "active":
                    active.append(user_id)
                    if role == "working_group":
                        wgs.append({"id": len(wgs) + 1, "network_id": pk, "user_id": user_id})
            self.network_members[pk] = active
        self.memberships = memberships
        self._copy(Membership, memberships)
        self._copy(Network.working_group.through, wgs)
        self._log(f"networks: {n}, memberships: {len(memberships)} ({sizes[0]} active in the largest)")

    def _meetings(self) -> None:
        from meetings.models import AgendaItem, Meeting, MeetingCodeSequence, Workshop

        rng = self.rng
        n = self.n["meetings"]
        days = (self.last_day - self.first_day).days
        plans = []
        # The huge meeting: a national conference two months ahead, no seat limit.
        huge_day = (self.now + dt.timedelta(days=60)).date()
        plans.append((huge_day, None, "conference", True))
        network_weights = [
            (2.5 if net["id"] == 1 else 1.0) * (0.2 if net["status"] == "closed" else 1.0) for net in self.networks
        ]
        for _ in range(n - 1):
            if rng.random() < 0.1:
                kind = rng.choices(["theme_day", "conference", "workshop_evening", "webinar"], [50, 15, 20, 15])[0]
                network = None
                day = self.first_day + dt.timedelta(days=rng.randrange(days))
            else:
                kind = "network_meeting"
                network = rng.choices(self.networks, network_weights)[0]
                start = max(self.first_day, network["started"])
                day = start + dt.timedelta(days=rng.randrange(max(1, (self.last_day - start).days)))
                network = network["id"]
            plans.append((day, network, kind, False))
        plans.sort(key=lambda plan: plan[0])
        meetings, items, workshops, tgs, sequences = [], [], [], [], {}
        questions, choices = [], []
        self.meetings: list[MeetingRow] = []
        venue_count = len(self.venues)
        for pk, (day, network, kind, huge) in enumerate(plans, 1):
            while day.weekday() >= 5:
                day += dt.timedelta(days=1)
            hour = {"network_meeting": rng.choice([9, 10, 13]), "workshop_evening": 17, "webinar": 10}.get(kind, 9)
            starts = self._at(day, hour)
            length = {"network_meeting": 150, "theme_day": 390, "conference": 420, "workshop_evening": 180}.get(
                kind, 90
            )
            ends = starts + dt.timedelta(minutes=length)
            past = ends < self.now
            if huge:
                status = "published"
            elif past:
                status = rng.choices(["published", "cancelled", "draft"], [93, 5, 2])[0]
            else:
                status = rng.choices(["published", "draft", "cancelled"], [72, 25, 3])[0]
            capacity = {
                "network_meeting": rng.randint(25, 60),
                "theme_day": rng.randint(60, 150),
                "conference": rng.randint(150, 600),
                "workshop_evening": rng.randint(30, 50),
                "webinar": rng.choice([None, 100, 200, 300]),
            }[kind]
            if huge:
                capacity = None
            fmt = "online" if kind == "webinar" else rng.choices(["in_person", "online", "hybrid"], [75, 15, 10])[0]
            venue = (
                rng.choice(self.online_venues)
                if fmt == "online"
                else rng.randrange(1, venue_count - len(self.online_venues) + 1)
            )
            year = starts.astimezone(self.tz).year
            sequences[year] = sequences.get(year, 0) + 1
            code = f"{year % 100:02d}-{sequences[year]:03d}"
            phrase = rng.choice(PHRASES)
            title = {
                "network_meeting": rng.choice(
                    ["Netværksmøde: {p}", "Forårsmøde om {p}", "Efterårsmøde om {p}", "Erfaringsudveksling om {p}"]
                ),
                "theme_day": "Temadag om {p}",
                "conference": f"Boligsocial konference {year}: {{p}}",
                "workshop_evening": "Workshopaften: {p}",
                "webinar": "Webinar: {p}",
            }[kind].format(p=phrase)
            if huge:
                title = f"Landskonference om boligsocialt arbejde {year}"
            created = max(self._at(self.first_day, 8), starts - dt.timedelta(days=rng.randint(30, 150)))
            created = self._past(created)
            deadline = self._at(day - dt.timedelta(days=rng.randint(3, 10)), 23, 59)
            with_workshops = (
                huge or kind in ("conference", "workshop_evening") or (kind == "theme_day" and rng.random() < 0.7)
            )
            allocation = "after_deadline" if with_workshops and rng.random() < 0.2 else "first_come"
            meetings.append(
                {
                    "id": pk,
                    "code": code,
                    "network_id": network,
                    "organiser_id": 1 if network is None else rng.choice(list(self.organisers)),
                    "kind": kind,
                    "format": fmt,
                    "title": title,
                    "teaser": f"Vi ser nærmere på {phrase} - med oplæg, cases og god tid til erfaringsudveksling.",
                    "description": (
                        f"Hvordan arbejder vi med {phrase}? Mødet samler erfaringer fra boligområder i hele landet.\n\n"
                        "Vi starter med et oplæg og arbejder derefter i grupper med jeres egne cases. "
                        "Til sidst samler vi op og aftaler, hvad vi tager med videre."
                    ),
                    "purpose": f"At blive klogere på {phrase} og tage konkrete idéer med hjem.",
                    "starts_at": starts,
                    "ends_at": ends,
                    "venue_id": venue,
                    "online_url": "https://teams.example/meet/" + code if fmt != "in_person" else "",
                    "price": 0 if kind in ("network_meeting", "webinar") else rng.choice([0, 0, 450, 1200]),
                    "registration_deadline": deadline,
                    "capacity": capacity,
                    "waiting_list_enabled": huge is False and rng.random() < 0.9,
                    "show_seats_left": rng.random() < 0.3,
                    "status": status,
                    "cancellation_reason": "For få tilmeldte." if status == "cancelled" else "",
                    "workshop_allocation": allocation,
                    "workshop_allocation_state": "final" if allocation == "after_deadline" and past else "open",
                    "created_at": created,
                    "updated_at": self._past(created + dt.timedelta(days=rng.randint(0, 20))),
                }
            )
            row = MeetingRow(
                id=pk,
                code=code,
                title=title,
                kind=kind,
                network=network,
                starts_at=starts,
                ends_at=ends,
                deadline=deadline,
                created_at=created,
                status=status,
                capacity=capacity,
                waiting_list=meetings[-1]["waiting_list_enabled"],
                venue=self.venues[venue - 1]["name"],
                allocation=allocation,
                price=meetings[-1]["price"],
            )
            self.meetings.append(row)
            if huge:
                self.huge_meeting = row
            # Conferences and theme days ask their own questions, since last year every meeting does, before
            # that one in five (chosen by number, so that the rest of the build stays as its seed makes it).
            elif kind in ("conference", "theme_day") or ends > self.now - dt.timedelta(days=365) or pk % 5 == 0:
                row.questions = self._questions(pk, questions, choices)
            for tg in rng.sample(range(1, len(TARGET_GROUPS) + 1), rng.randint(0, 2)):
                tgs.append({"id": len(tgs) + 1, "meeting_id": pk, "targetgroup_id": tg})
            if with_workshops:
                for k in range(6 if huge else rng.randint(3, 6)):
                    workshops.append(
                        {
                            "id": len(workshops) + 1,
                            "meeting_id": pk,
                            "title": f"Workshop {k + 1}: {PHRASES[(PHRASES.index(phrase) + k + 1) % len(PHRASES)]}",
                            "description": "Vi arbejder med konkrete cases fra deltagernes egne områder.",
                            "capacity": None if capacity is None else capacity // 3 + 5,
                            "room": f"Lokale {k + 1}",
                            "order": k,
                        }
                    )
                    row.workshops.append(len(workshops))
            if status != "draft" or rng.random() < 0.5:
                clock = dt.datetime.combine(day, dt.time(hour))
                programme = [("arrival", "Ankomst og kaffe", 15), ("welcome", "Velkommen og dagens program", 15)]
                programme += [("talk", f"Oplæg: {phrase}", 45), ("break", "Pause", 15)]
                programme += rng.sample(
                    [
                        ("case", f"Case fra {rng.choice(AREAS)}", 30),
                        ("group_work", "Gruppearbejde", 40),
                        ("meal", "Frokost", 30),
                        ("workshop", "Workshops", 60),
                    ],
                    rng.randint(1, 3),
                )
                programme += [("plenary", "Opsamling i plenum", 20), ("wrap_up", "Tak for i dag", 0)]
                for order, (item_kind, item_title, minutes) in enumerate(programme):
                    end = clock + dt.timedelta(minutes=minutes)
                    if end.date() != clock.date():
                        break
                    row.programme += f"{clock:%H.%M} {item_title}\n"
                    items.append(
                        {
                            "id": len(items) + 1,
                            "meeting_id": pk,
                            "start_time": clock.time(),
                            "end_time": end.time() if minutes else None,
                            "kind": item_kind,
                            "title": item_title,
                            "speakers": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                            if item_kind in ("talk", "case")
                            else "",
                            "bullet_points": "Hvad virker?\nHvad gør vi anderledes?" if item_kind == "talk" else "",
                            "order": order,
                        }
                    )
                    clock = end
        self._allocate_registrations()
        for row, meeting in zip(meetings, self.meetings):
            if meeting.capacity is not None and meeting.registrations:
                # Seats are planned from the expected turnout; about a third of the meetings fill up.
                meeting.capacity = row["capacity"] = max(10, round(meeting.registrations / rng.uniform(0.75, 1.35)))
            # A meeting that got more sign-ups than seats had its waiting list open.
            if meeting.capacity is not None and meeting.registrations > meeting.capacity:
                row["waiting_list_enabled"] = meeting.waiting_list = True
        capacities = {meeting.id: meeting.capacity for meeting in self.meetings}
        for workshop in workshops:
            capacity = capacities[workshop["meeting_id"]]
            workshop["capacity"] = None if capacity is None else capacity // 3 + 5
        self._copy(Meeting, meetings)
        self._copy(Meeting.target_groups.through, tgs)
        self._copy(Workshop, workshops)
        self._copy(AgendaItem, items)
        self._copy_questions(questions, choices)
        self._copy(MeetingCodeSequence, ({"year": y, "last_number": last} for y, last in sequences.items()))
        self._log(
            f"meetings: {len(meetings)}, agenda items: {len(items)}, workshops: {len(workshops)},"
            f" questions: {len(questions)}"
        )
