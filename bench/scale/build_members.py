"""The ten-year builder: the members' group spaces, craft (ideas, proposals) and content (blog, offers)."""

from __future__ import annotations

import datetime as dt

from bench.scale.targets import FULL
from bench.scale.vocabulary import AREAS, IDEA_TAGS, PHRASES, POST_BODIES, POST_TITLES, REPLIES, ascii_slug


class MembersBuilder:
    """Board posts, material and minutes; ideas and proposals; blog posts, comments and offer requests."""

    def _members_area(self) -> None:
        from members.models import BoardPost, Material, Minutes

        rng = self.rng
        posts, materials, minutes = [], [], []
        self.member_emails: list[tuple] = []
        for network in self.networks:
            active = self.network_members.get(network["id"]) or self.member_ids[:3]
            months = max(1, ((self.now.date() - network["started"]).days) // 30)
            for _ in range(round(months * 0.6 * (3 if network["id"] == 1 else 1))):
                created = self._at(network["started"], 10) + dt.timedelta(minutes=rng.randrange(months * 30 * 24 * 60))
                created = self._past(created)
                phrase = rng.choice(PHRASES)
                parent = len(posts) + 1
                posts.append(
                    {
                        "id": parent,
                        "network_id": network["id"],
                        "author_id": rng.choice(active),
                        "title": rng.choice(POST_TITLES).format(p=phrase),
                        "body": rng.choice(POST_BODIES).format(p=phrase),
                        "is_pinned": rng.random() < 0.01,
                        "removed_at": created if rng.random() < 0.01 else None,
                        "created_at": created,
                        "updated_at": created,
                    }
                )
                self.member_emails.append((created, "members_new_post", f"new-post:{parent}", network["id"]))
                for k in range(rng.choice([0, 0, 1, 1, 2, 3, 4])):
                    when = self._past(created + dt.timedelta(hours=rng.randint(1, 200)))
                    posts.append(
                        {
                            "id": len(posts) + 1,
                            "network_id": network["id"],
                            "author_id": rng.choice(active),
                            "parent_id": parent,
                            "body": REPLIES[k % len(REPLIES)],
                            "created_at": when,
                            "updated_at": when,
                        }
                    )
            for _ in range(2):
                materials.append(
                    {
                        "id": self._uuid(),
                        "network_id": network["id"],
                        "kind": "link",
                        "title": f"Rapport om {rng.choice(PHRASES)}",
                        "url": f"https://cfbu.example/rapport/{rng.randint(100, 999)}",
                        "uploaded_by_id": network["coordinator"],
                        "created_at": self._at(network["started"], 12),
                    }
                )
        for meeting in self.meetings:
            if meeting.network is None or meeting.status != "published" or meeting.ends_at > self.now:
                continue
            coordinator = self.networks[meeting.network - 1]["coordinator"]
            written = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(1, 14)))
            if rng.random() < 0.75:
                minutes.append(
                    {
                        "id": self._uuid(),
                        "meeting_id": meeting.id,
                        "text": f"Til stede: {meeting.registrations} tilmeldte.\n\n1. Oplæg og drøftelse.\n"
                        "2. Erfaringsudveksling i grupper.\n\nNæste møde: arbejdsgruppen sender dagsorden ud.",
                        "outputs": "Idékatalog og aftale om næste møde." if rng.random() < 0.5 else "",
                        "written_by_id": coordinator,
                        "created_at": written,
                        "updated_at": written,
                    }
                )
            else:
                self.member_emails.append(
                    (meeting.ends_at + dt.timedelta(days=2), "minutes_reminder", f"minutes-reminder:{meeting.id}", None)
                )
            if rng.random() < 0.4:
                materials.append(
                    {
                        "id": self._uuid(),
                        "network_id": meeting.network,
                        "meeting_id": meeting.id,
                        "kind": "link",
                        "title": f"Oplæg fra {meeting.code}",
                        "url": f"https://slides.example/{meeting.code}",
                        "uploaded_by_id": coordinator,
                        "created_at": written,
                    }
                )
        for membership in self.memberships:
            key = f"membership:{membership['id']}"
            self.member_emails.append(
                (membership["requested_at"], "members_membership_requested", key + ":asked", None)
            )
            if membership["status"] in ("active", "left"):
                self.member_emails.append(
                    (membership["decided_at"], "members_membership_approved", key + ":approved", None)
                )
            elif membership["status"] == "declined":
                self.member_emails.append(
                    (membership["decided_at"], "members_membership_declined", key + ":declined", None)
                )
        self.board_posts = posts
        self._copy(BoardPost, posts)
        self._copy(Material, materials)
        self._copy(Minutes, minutes)
        self._log(f"group spaces: {len(posts)} board posts, {len(materials)} links, {len(minutes)} minutes")

    def _uuid(self) -> str:
        value = f"{self.rng.getrandbits(128):032x}"
        return f"{value[:8]}-{value[8:12]}-4{value[13:16]}-a{value[17:20]}-{value[20:]}"

    def _craft(self) -> None:
        from craft.models import AgendaProposal, Idea, IdeaComment

        rng = self.rng
        ideas, comments, proposals = [], [], []
        for meeting in self.meetings:
            if meeting.network is None or meeting.status != "published" or meeting.ends_at > self.now:
                continue
            active = self.network_members.get(meeting.network) or self.member_ids[:3]
            for _ in range(rng.choice([0, 1, 1, 2, 2])):
                when = self._past(meeting.ends_at + dt.timedelta(days=rng.randint(0, 5)))
                ideas.append(
                    {
                        "id": len(ideas) + 1,
                        "network_id": meeting.network,
                        "meeting_id": meeting.id,
                        "title": f"Prøv {rng.choice(PHRASES)} i lille skala",
                        "description": "Idéen kom op i gruppearbejdet: start småt, inddrag beboerne og evaluer.",
                        "tags": ", ".join(rng.sample(IDEA_TAGS, 2)),
                        "author_id": rng.choice(active),
                        "created_at": when,
                        "updated_at": when,
                    }
                )
                for _ in range(rng.choice([0, 1, 1, 2, 3])):
                    comments.append(
                        {
                            "id": len(comments) + 1,
                            "idea_id": len(ideas),
                            "author_id": rng.choice(active),
                            "body": rng.choice(REPLIES),
                            "created_at": self._past(when + dt.timedelta(days=rng.randint(1, 30))),
                        }
                    )
            if rng.random() < 0.5:
                when = self._past(meeting.starts_at - dt.timedelta(days=rng.randint(10, 40)))
                status = rng.choices(["planned", "declined", "open"], [60, 25, 15])[0]
                proposals.append(
                    {
                        "id": len(proposals) + 1,
                        "network_id": meeting.network,
                        "author_id": rng.choice(active),
                        "title": f"Kan vi tale om {rng.choice(PHRASES)}?",
                        "description": "Det fylder meget hos os lige nu.",
                        "status": status,
                        "meeting_id": meeting.id if status == "planned" else None,
                        "decided_by_id": self.networks[meeting.network - 1]["coordinator"]
                        if status != "open"
                        else None,
                        "decided_at": when + dt.timedelta(days=3) if status != "open" else None,
                        "created_at": when,
                    }
                )
        self._copy(Idea, ideas)
        self._copy(IdeaComment, comments)
        self._copy(AgendaProposal, proposals)
        self._log(f"craft: {len(ideas)} ideas, {len(comments)} comments, {len(proposals)} agenda proposals")

    def _content(self) -> None:
        from content.models import Author, BlogPost, Comment, Offer, OfferRequest, Provider, Tag

        rng = self.rng
        tags = [{"id": i, "name": t, "slug": ascii_slug(t)} for i, t in enumerate(IDEA_TAGS, 1)]
        self._copy(Tag, tags)
        authors = [
            {"id": i, "user_id": user_id, "presentation": "Konsulent i Boligsocialnet", "created_at": self.now}
            for i, user_id in enumerate(self.consultant_ids[:8], 1)
        ]
        self._copy(Author, authors)
        n_posts = max(5, round(480 * self.n["meetings"] / FULL["meetings"]))
        days = (self.now.date() - self.first_day).days
        posts, post_tags, comments = [], [], []
        self.content_emails: list[tuple] = []
        for pk in range(1, n_posts + 1):
            phrase = rng.choice(PHRASES)
            published = self._at(self.first_day, 8) + dt.timedelta(days=days * pk / (n_posts + 1))
            title = f"{phrase[0].upper()}{phrase[1:]}: {rng.choice(['erfaringer fra', 'nyt fra', 'fem råd fra'])} {rng.choice(AREAS)}"
            status = "draft" if pk > n_posts - 3 else "published"
            posts.append(
                {
                    "id": pk,
                    "title": title,
                    "slug": f"{ascii_slug(title)[:180]}-{pk}",
                    "author_id": rng.randint(1, len(authors)),
                    "teaser": f"Hvad har vi lært om {phrase}? Et blik på erfaringerne.",
                    "body": "\n\n".join(
                        [
                            f"## {phrase[0].upper()}{phrase[1:]}",
                            f"I {rng.choice(AREAS)} har medarbejderne arbejdet med {phrase} i tre år. "
                            "Her er, hvad de har lært - og hvad de ville gøre anderledes.",
                            "- Start med beboernes egne ønsker\n- Giv de frivillige et tydeligt ansvar\n"
                            "- Evaluer undervejs, ikke kun til sidst",
                            "Læs mere i netværkets materiale, eller skriv til os.",
                        ]
                    ),
                    "status": status,
                    "published_at": published,
                    "network_id": rng.choice(self.networks)["id"] if rng.random() < 0.4 else None,
                    "created_at": published,
                    "updated_at": published,
                }
            )
            for tag in rng.sample(range(1, len(tags) + 1), rng.randint(1, 3)):
                post_tags.append({"id": len(post_tags) + 1, "blogpost_id": pk, "tag_id": tag})
            if status == "draft":
                continue
            for _ in range(rng.choice([0, 2, 4, 5, 8])):
                member = rng.random() < 0.6
                person = self.people[rng.randrange(len(self.people))]
                status_c = rng.choices(["published", "pending", "hidden"], [85, 5, 10])[0]
                written = self._past(published + dt.timedelta(hours=rng.randint(1, 500)))
                comments.append(
                    {
                        "id": len(comments) + 1,
                        "post_id": pk,
                        "user_id": rng.choice(self.member_ids) if member else None,
                        "name": "" if member else person.name,
                        "email": "" if member else person.email,
                        "body": rng.choice(REPLIES),
                        "status": status_c,
                        "created_at": written,
                        "moderated_at": written if status_c != "pending" and not member else None,
                    }
                )
                self.content_emails.append((written, "content_comment_new", f"blog-comment:{len(comments)}", None))
        self._copy(BlogPost, posts)
        self._copy(BlogPost.tags.through, post_tags)
        self._copy(Comment, comments)

        providers, offers, requests = [], [], []
        ngo_ids = [i for i, o in enumerate(self.organisations, 1) if o[2] == ""][:10]
        for pk, org_id in enumerate(ngo_ids, 1):
            providers.append(
                {
                    "id": pk,
                    "organisation_id": org_id,
                    "presentation": "Vi holder temadage og kurser for boligsociale medarbejdere.",
                    "contact_name": "Kursusafdelingen",
                    "email": f"kurser{pk}@udbyder.example",
                    "created_at": self.now,
                }
            )
        for pk in range(1, 15):
            phrase = PHRASES[pk]
            offers.append(
                {
                    "id": pk,
                    "title": f"Temadag: {phrase}",
                    "slug": f"temadag-{ascii_slug(phrase)}",
                    "kind": rng.choice(["theme_day", "course", "workshop"]),
                    "teaser": f"En dag om {phrase} for hele medarbejdergruppen.",
                    "audience": "Boligsociale medarbejdere og ledere",
                    "introduction": f"Dagen giver jer et fælles sprog om {phrase}.",
                    "points": "Viden og forskning\nCases fra andre områder\nJeres næste skridt",
                    "formats": ["half_day", "whole_day"],
                    "price_note": "Prisen aftales ud fra antal deltagere.",
                    "provider_id": rng.randint(1, len(providers)),
                    "organiser_id": 1,
                    "status": "archived" if pk > 11 else ("draft" if pk > 9 else "published"),
                    "order": pk,
                    "created_at": self.now,
                }
            )
        n_requests = max(5, round(400 * self.n["meetings"] / FULL["meetings"]))
        for pk in range(1, n_requests + 1):
            asked = self._at(self.first_day, 10) + dt.timedelta(days=days * pk / (n_requests + 1))
            person = self.people[rng.randrange(len(self.people))]
            status = rng.choices(["new", "in_dialogue", "agreed", "declined"], [5, 10, 55, 30])[0]
            requests.append(
                {
                    "id": pk,
                    "offer_id": rng.randint(1, len(offers)),
                    "organisation_name": person.organisation,
                    "organisation_id": person.organisation_id,
                    "contact_name": person.name,
                    "email": person.email,
                    "format": "whole_day",
                    "participants": rng.randint(8, 60),
                    "wishes": "Vi vil gerne have dagen i foråret.",
                    "status": status,
                    "status_changed_at": asked + dt.timedelta(days=5) if status != "new" else None,
                    "created_at": asked,
                    "updated_at": asked,
                }
            )
            for role in ("staff", "provider", "receipt"):
                self.content_emails.append((asked, "content_offer_request", f"offer-request:{pk}:{role}", None))
        self._copy(Provider, providers)
        self._copy(Offer, offers)
        self._copy(OfferRequest, requests)
        self._log(f"content: {len(posts)} blog posts, {len(comments)} comments, {len(requests)} offer requests")
