"""The ten-year builder: registrations following each meeting's capacity, and the emails they cause."""

from __future__ import annotations

import datetime as dt

from bench.scale.build_meetings import MeetingRow
from bench.scale.copying import Copier, indexes_set_aside
from bench.scale.vocabulary import COMMENTS, DIETS, EVALUATION_COMMENTS


class RegistrationsBuilder:
    """Registrations (waiting list, cancellations, attendance) and the emails each one plans."""

    def _allocate_registrations(self) -> None:
        """How many sign-ups each meeting got: by its kind's size, exactly the target in total."""
        rng = self.rng
        huge = self.huge_meeting
        others = [m for m in self.meetings if m.status != "draft" and m is not huge and m.created_at < self.now]
        # The planned capacity stands for the kind's usual size here; the seats are set from the turnout after.
        weights = [(m.capacity or 150) * rng.uniform(0.5, 1.3) for m in others]
        budget = self.n["registrations"] - self.n["huge_meeting"]
        factor = budget / sum(weights)
        sizes = [int(w * factor) for w in weights]
        for k in rng.sample(range(len(others)), budget - sum(sizes)):
            sizes[k] += 1
        huge.registrations = self.n["huge_meeting"]
        for meeting, size in zip(others, sizes):
            meeting.registrations = size
        self.signed_up = [huge, *others]

    def _pool(self, size: int, star: int | None) -> list[int]:
        """Distinct people (indexes) for one meeting; members sign up more often than their share."""
        rng = self.rng
        n_people = len(self.people)
        size = min(size, n_people)
        chosen = dict.fromkeys(rng.sample(range(self.n["members"]), min(self.n["members"], round(size * 0.2))))
        while len(chosen) > size:
            chosen.popitem()
        while len(chosen) < size:
            chosen[rng.randrange(n_people)] = None
        if star is not None and star not in chosen:
            chosen.popitem()
            chosen[star] = None
        pool = list(chosen)
        rng.shuffle(pool)
        return pool

    def _registrations(self) -> None:
        from craft.models import Evaluation
        from registration.models import Registration

        rng = self.rng
        huge = self.huge_meeting
        # One member signs up for every meeting of the big network: My pages with a long history.
        big = self.network_members[1]
        star = big[min(3, len(big) - 1)] - self.first_member
        self.email_plan: list[tuple] = []
        evaluations = []
        answers, answer_choices, invoices = [], [], []
        statuses: dict[str, int] = {}
        attended = 0
        sensitive_before = self.now - dt.timedelta(days=30)
        pk = 0
        copier = Copier(Registration, self.now)
        set_aside = indexes_set_aside(Registration)
        set_aside.__enter__()
        for meeting in self.signed_up:
            size = meeting.registrations
            if not size:
                continue
            pool = self._pool(size, star if meeting.network == 1 else None)
            opened = meeting.created_at + dt.timedelta(days=1)
            closes = self._past(min(meeting.deadline, meeting.starts_at))
            window = max(60.0, (closes - opened).total_seconds())
            times = sorted(opened + dt.timedelta(seconds=rng.random() * window) for _ in pool)
            past = meeting.ends_at < self.now
            cancelled_meeting = meeting.status == "cancelled"
            seats = meeting.capacity if meeting.capacity is not None else 10**9
            confirmed = 0
            waiting = []
            rows = []
            for person_index, created in zip(pool, times):
                person = self.people[person_index]
                pk += 1
                # Nobody cancels the huge meeting: its participant list has exactly huge_meeting rows.
                cancelled = cancelled_meeting or (meeting is not huge and rng.random() < 0.08)
                status = "confirmed" if confirmed < seats or not meeting.waiting_list else "waiting"
                if status == "confirmed":
                    confirmed += 1
                else:
                    waiting.append(len(rows))
                row = {
                    "id": pk,
                    "token": f"{rng.getrandbits(192):048x}",
                    "meeting_id": meeting.id,
                    "user_id": person.user_id if person.user_id and rng.random() < 0.7 else None,
                    "status": status,
                    "name": person.name,
                    "email": person.email,
                    "phone": person.phone,
                    "organisation": person.organisation,
                    "job_title": person.job_title,
                    "privacy_accepted_at": created,
                    "language": "en" if rng.random() < 0.03 else "da",
                    "confirmed_at": created if status == "confirmed" else None,
                    "waiting_since": created if status == "waiting" else None,
                    "created_at": created,
                    "updated_at": created,
                    "comment": rng.choice(COMMENTS) if rng.random() < 0.05 else "",
                    "_person": person_index,
                    "_first": status,
                    "_cancelled": cancelled,
                }
                if meeting.workshops:
                    first, second = rng.sample(meeting.workshops, 2)
                    row["workshop_first_id"] = first
                    row["workshop_second_id"] = second
                if meeting.ends_at > sensitive_before and rng.random() < 0.2:
                    row["sensitive_consent_at"] = created
                    row["diets"] = [rng.choice(DIETS)]
                    if rng.random() < 0.2:
                        row["diet_note"] = "Ingen koriander, tak."
                rows.append(row)
            # Cancellations free seats; the first on the waiting list moves up.
            for row in rows:
                if not row["_cancelled"]:
                    continue
                was_confirmed = row["status"] == "confirmed"
                row["status"] = "cancelled"
                row["cancelled_at"] = self._past(row["created_at"] + dt.timedelta(days=rng.randint(0, 20)))
                row["updated_at"] = row["cancelled_at"]
                if was_confirmed and waiting and not cancelled_meeting:
                    promoted = rows[waiting.pop(0)]
                    if promoted["status"] == "waiting":
                        promoted["status"] = "confirmed"
                        promoted["confirmed_at"] = row["cancelled_at"]
                        promoted["_promoted"] = True
            for row in rows:
                if row["status"] == "confirmed" and meeting.workshops:
                    row["workshop_id"] = row["workshop_first_id"] if rng.random() < 0.8 else row["workshop_second_id"]
                if past and row["status"] == "confirmed" and meeting.status == "published":
                    row["attended"] = rng.random() < 0.82
                    if row["attended"] and rng.random() < 0.6:
                        row["checked_in_at"] = meeting.starts_at + dt.timedelta(minutes=rng.randint(-20, 30))
                if meeting.questions:
                    self._answers(row["id"], meeting.questions, answers, answer_choices)
                if meeting.price:
                    self._invoice(row, invoices)
                self._plan_emails(row, meeting)
                copier.add(row)
                statuses[row["status"]] = statuses.get(row["status"], 0) + 1
                attended += bool(row.get("attended"))
                if row.get("attended") and rng.random() < 0.25 and meeting.ends_at + dt.timedelta(days=1) < self.now:
                    answered = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(1, 6)))
                    evaluations.append(
                        {
                            "id": len(evaluations) + 1,
                            "registration_id": row["id"],
                            "rating": rng.choices([1, 2, 3, 4, 5], [2, 5, 20, 45, 28])[0],
                            "comment": rng.choice(EVALUATION_COMMENTS) if rng.random() < 0.4 else "",
                            "created_at": answered,
                        }
                    )
        copier.flush()
        set_aside.__exit__(None, None, None)
        self.counts[Registration._meta.label] = copier.count
        self._copy(Evaluation, evaluations)
        self._copy_answers(answers, answer_choices)
        self._copy_invoices(invoices)
        self._log(
            f"registrations: {copier.count} {statuses}, attended {attended}, evaluations {len(evaluations)}"
            f" (largest meeting {huge.code}: {huge.registrations})"
        )

    def _plan_emails(self, row: dict, meeting: MeetingRow) -> None:
        """The emails a registration caused, as (time, template, key, registration id, meeting)."""
        plan = self.email_plan
        rid = row["id"]
        created = row["created_at"]
        ref = (rid, row["email"], row["name"], row["token"])
        if row["_first"] == "confirmed":
            plan.append((created, "registration_confirmed", f"confirmation:{rid}", ref, meeting))
        else:
            plan.append((created, "registration_waiting", f"waiting:{rid}", ref, meeting))
            if row.get("_promoted"):
                plan.append((row["confirmed_at"], "registration_promoted", f"promoted:{rid}", ref, meeting))
        if row["status"] == "cancelled":
            template = "meeting_cancelled" if meeting.status == "cancelled" else "registration_cancelled"
            plan.append((row["cancelled_at"], template, f"{template}:{rid}", ref, meeting))
            return
        reminder = meeting.starts_at - dt.timedelta(days=2)
        if row["status"] == "confirmed" and reminder < self.now:
            plan.append((max(reminder, created), "meeting_reminder", f"reminder:{rid}", ref, meeting))
        if row.get("workshop_id") and meeting.allocation == "after_deadline" and meeting.deadline < self.now:
            plan.append(
                (meeting.deadline + dt.timedelta(hours=20), "workshop_assigned", f"workshop:{rid}", ref, meeting)
            )
        if row.get("attended") and meeting.ends_at + dt.timedelta(days=1) < self.now:
            plan.append(
                (
                    meeting.ends_at + dt.timedelta(days=1),
                    "evaluation_request",
                    f"evaluation-request:{rid}",
                    ref,
                    meeting,
                )
            )
