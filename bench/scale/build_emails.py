"""The ten-year builder: export logs, the outgoing emails, meeting history and the sequences."""

from __future__ import annotations

import base64
import datetime as dt

from bench.scale.copying import indexes_set_aside


class EmailsBuilder:
    """Export logs, outgoing emails, the meeting history; sequences moved past the copied ids."""

    def _export_logs(self) -> None:
        from registration.models import ExportLog

        rng = self.rng
        staff = self.secretariat_ids + self.consultant_ids
        emails = {pk: f"staff{pk}@netvaerk.example" for pk in staff}
        logs = []
        for meeting in self.meetings:
            if meeting.status != "published" or meeting.deadline > self.now or not meeting.registrations:
                continue
            for _ in range(rng.choice([0, 1, 2, 2, 3, 4])):
                kind, fmt = rng.choice(
                    [
                        ("participants", "xlsx"),
                        ("participants", "csv"),
                        ("sign_in_sheet", "pdf"),
                        ("badges", "pdf"),
                        ("catering", "pdf"),
                        ("waiting_list", "xlsx"),
                    ]
                )
                user = rng.choice(staff)
                logs.append(
                    {
                        "created_at": self._past(meeting.deadline + dt.timedelta(hours=rng.randint(1, 100))),
                        "user_id": user,
                        "user_email": emails[user],
                        "kind": kind,
                        "format": fmt,
                        "meeting_id": meeting.id,
                        "row_count": meeting.registrations,
                        "columns": ["name", "email", "organisation", "job_title", "status"],
                        "sensitive": kind == "catering",
                        "parameters": {"scope": "confirmed"} if kind == "participants" else {},
                    }
                )
        for network in self.networks:
            for year in range(self.first_day.year, self.now.year + 1):
                if rng.random() < 0.5:
                    logs.append(
                        {
                            "created_at": self._past(self._at(dt.date(year, 12, 1), 10)),
                            "user_id": self.secretariat_ids[0],
                            "user_email": emails[self.secretariat_ids[0]],
                            "kind": "network_registrations",
                            "format": "xlsx",
                            "network_id": network["id"],
                            "row_count": rng.randint(50, 600),
                            "parameters": {"fra": f"{year}-01-01", "til": f"{year}-12-31"},
                        }
                    )
        logs.sort(key=lambda row: row["created_at"])
        self._copy(ExportLog, ({"id": pk, **row} for pk, row in enumerate(logs, 1)))
        self._log(f"export log: {len(logs)} downloads")

    def _emails(self) -> None:
        """The outbox: what the registrations and the members' area sent, trimmed or topped up to the target."""
        from outbox.models import OutgoingEmail

        rng = self.rng
        target = self.n["emails"]
        plan = self.email_plan
        others = self.member_emails + self.content_emails
        over = len(plan) + len(others) - target
        if over > 0:
            # Fewer reminders (some meetings have them switched off) until the total fits.
            reminders = [k for k, item in enumerate(plan) if item[1] == "meeting_reminder"]
            drop = set(rng.sample(reminders, min(over, len(reminders))))
            plan = [item for k, item in enumerate(plan) if k not in drop]
            over = len(plan) + len(others) - target
            if over > 0:
                others = others[: max(0, len(others) - over)]
                over = len(plan) + len(others) - target
            if over > 0:  # only at odd scales: fewer registration emails
                drop = set(rng.sample(range(len(plan)), over))
                plan = [item for k, item in enumerate(plan) if k not in drop]
        else:
            # Staff wrote to the participants of some meetings (the admin's "write to participants").
            confirmed = [item for item in plan if item[1] == "registration_confirmed"]
            for k in range(-over):
                _created, _t, _k, ref, meeting = confirmed[k % len(confirmed)]
                when = self._past(meeting.starts_at - dt.timedelta(days=7 + k // len(confirmed)))
                plan.append((when, "participants_message", f"message:{meeting.id}:{ref[0]}:{k}", ref, meeting))
        items = [(item[0], 0, k) for k, item in enumerate(plan)] + [(item[0], 1, k) for k, item in enumerate(others)]
        items.sort()
        signature = "\n\nVenlig hilsen\nBoligsocialnet\nTelefon 33 76 20 00 · boligsocialnet@netvaerk.example"
        html_head = (
            '<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" '
            'content="width=device-width, initial-scale=1"><title>Boligsocialnet</title><style>'
            "body{margin:0;padding:0;background:#f4f4f2;font-family:Arial,Helvetica,sans-serif;color:#1d1d1b;"
            "line-height:1.5;font-size:16px}.wrapper{width:100%;background:#f4f4f2;padding:24px 0}"
            ".container{max-width:640px;margin:0 auto;background:#ffffff;border-radius:6px;overflow:hidden}"
            ".header{background:#00594f;color:#ffffff;padding:20px 28px;font-size:18px;font-weight:bold}"
            ".content{padding:24px 28px}h1{font-size:22px;line-height:1.3;margin:0 0 16px}p{margin:0 0 14px}"
            "table.facts{border-collapse:collapse;width:100%;margin:8px 0 18px}table.facts td{padding:6px 8px;"
            "border-bottom:1px solid #e3e3df;vertical-align:top}table.facts td.label{color:#5b5b57;width:30%}"
            ".button{display:inline-block;background:#00594f;color:#ffffff!important;text-decoration:none;"
            "padding:12px 20px;border-radius:4px;font-weight:bold}.programme td{padding:4px 8px;"
            "border-bottom:1px solid #eee}.footer{color:#6b6b66;font-size:12px;padding:18px 28px;"
            "border-top:1px solid #e3e3df}a{color:#00594f}@media (max-width:480px){.content{padding:18px}"
            'h1{font-size:20px}}</style></head><body><div class="wrapper"><div class="container">'
            '<div class="header">Boligsocialnet</div><div class="content">'
        )
        html_foot = (
            '</div><div class="footer">Du får denne mail, fordi du har tilmeldt dig et møde hos Boligsocialnet. '
            "Vi behandler dine oplysninger efter vores privatlivspolitik.<br>Boligsocialnet · Telefon 33 76 20 00 · "
            '<a href="https://boligsocialnet.example">boligsocialnet.example</a></div></div></div></body></html>'
        )
        subjects = {
            "registration_confirmed": "Din plads er bekræftet: {title}",
            "registration_waiting": "Du er på ventelisten: {title}",
            "registration_promoted": "Du har fået en plads: {title}",
            "registration_cancelled": "Din afmelding er modtaget: {title}",
            "meeting_cancelled": "Aflyst: {title}",
            "meeting_reminder": "Påmindelse: {title} den {date}",
            "workshop_assigned": "Din workshop til {title}",
            "evaluation_request": "Hvordan var {title}?",
            "participants_message": "Praktisk information om {title}",
        }
        ics_cache: dict[int, list] = {}
        base = "https://netvaerk.example"
        sent_until = self.now - dt.timedelta(minutes=30)

        def rows():
            for created, source, k in items:
                if source == 0:
                    _c, template, key, reg, meeting = plan[k]
                    local = meeting.starts_at.astimezone(self.tz)
                    date = f"{local:%d.%m.%Y} kl. {local:%H.%M}"
                    _rid, recipient, name, token = reg
                    ref = ("meetings.meeting", str(meeting.id))
                    subject = subjects[template].format(title=meeting.title, date=f"{local:%d.%m.%Y}")
                    lines = [
                        f"Kære {name}",
                        f"{subject}.",
                        f"Tid: {date}\nSted: {meeting.venue}\nTilmeldingsfrist: {meeting.deadline.astimezone(self.tz):%d.%m.%Y}",
                        f"Program:\n{meeting.programme}",
                        f"Se programmet og din tilmelding her:\n{base}/tilmelding/{token}/",
                        "Kan du ikke komme alligevel, så meld fra via linket, så din plads kan gå til en på "
                        "ventelisten. Har du spørgsmål til mødet, så svar på denne mail.",
                    ]
                    attachments = []
                    if template == "registration_confirmed":
                        if meeting.id not in ics_cache:
                            ics = (
                                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Netvaerk//DA\r\nBEGIN:VEVENT\r\n"
                                f"UID:{meeting.code}@netvaerk.example\r\nDTSTART:{meeting.starts_at:%Y%m%dT%H%M%SZ}\r\n"
                                f"DTEND:{meeting.ends_at:%Y%m%dT%H%M%SZ}\r\nSUMMARY:{meeting.title}\r\n"
                                f"LOCATION:{meeting.venue}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
                            )
                            ics_cache[meeting.id] = [
                                {
                                    "filename": f"{meeting.code}.ics",
                                    "content_type": "text/calendar; method=PUBLISH; charset=utf-8",
                                    "content": base64.b64encode(ics.encode()).decode(),
                                }
                            ]
                        attachments = ics_cache[meeting.id]
                else:
                    _c, template, key, _network = others[k]
                    person = self.people[rng.randrange(self.n["members"])]
                    recipient, name, ref = person.email, person.name, ("", "")
                    subject = {
                        "members_new_post": "Nyt opslag i netværkets gruppe",
                        "minutes_reminder": "Husk referatet fra mødet",
                        "members_membership_requested": "Ny anmodning om medlemskab",
                        "members_membership_approved": "Du er nu medlem af netværket",
                        "members_membership_declined": "Om din anmodning om medlemskab",
                        "content_comment_new": "Ny kommentar på bloggen",
                        "content_offer_request": "Forespørgsel på et tilbud",
                    }[template]
                    lines = [f"Kære {name}", f"{subject}.", f"Se mere her:\n{base}/mine-sider/"]
                    attachments = []
                text = "\n\n".join(lines) + signature
                html = (
                    html_head
                    + f"<h1>{subject}</h1>"
                    + "".join(f"<p>{line}</p>" for line in lines).replace("\n", "<br>")
                    + html_foot
                )
                status = "sent"
                if created > sent_until:
                    status = rng.choice(["queued", "queued", "sending"])
                elif rng.random() < 0.01:
                    status = "failed"
                row = {
                    "idempotency_key": key,
                    "message_id": f"<{rng.getrandbits(128):032x}@netvaerk.example>",
                    "recipient": recipient,
                    "from_email": "Boligsocialnet <noreply@netvaerk.example>",
                    "reply_to": "netvaerk@netvaerk.example",
                    "template": template,
                    "language": "da",
                    "subject": subject,
                    "text_body": text,
                    "html_body": html,
                    "attachments": attachments,
                    "status": status,
                    "attempts": {"sent": 1, "failed": 8, "queued": 0, "sending": 1}[status],
                    "last_error": "550 5.1.1 Mailbox unavailable" if status == "failed" else "",
                    "ref_type": ref[0],
                    "ref_id": ref[1],
                    "next_attempt_at": created,
                    "last_attempt_at": created + dt.timedelta(seconds=3) if status != "queued" else None,
                    "sent_at": created + dt.timedelta(seconds=3) if status == "sent" else None,
                    "created_at": created,
                    "updated_at": created,
                }
                yield row

        with indexes_set_aside(OutgoingEmail):
            n = self._copy(OutgoingEmail, ({"id": pk, **row} for pk, row in enumerate(rows(), 1)))
        self._log(f"outbox: {n} emails")

    def _history(self) -> None:
        """One "created" and one "changed" history row per meeting (django-simple-history), by SQL."""
        from django.db import connection

        from meetings.models import Meeting

        history = Meeting.history.model
        own = {f.column for f in Meeting._meta.concrete_fields}
        columns = [f.column for f in history._meta.concrete_fields if f.column in own and f.column != "updated_at"]
        column_list = ", ".join(f'"{c}"' for c in columns)
        table = history._meta.db_table
        with connection.cursor() as cursor:
            for kind, when in (("+", "created_at"), ("~", "updated_at")):
                cursor.execute(
                    f'INSERT INTO "{table}" ({column_list}, history_date, history_type, history_change_reason, '
                    f"history_user_id) SELECT {column_list}, {when}, %s, NULL, NULL FROM {Meeting._meta.db_table}",
                    [kind],
                )
        self._log("meeting history")

    def _reset_sequences(self) -> None:
        from django.apps import apps
        from django.core.management.color import no_style
        from django.db import connection

        models = [model for model in apps.get_models(include_auto_created=True) if model._meta.managed]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
