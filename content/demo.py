"""Demo data for the blog and the offers, in our own Danish words, from the two seed pages.

Called from members.demo.load_demo() after the networks, people and
organisations exist. Idempotent: a second run updates the same rows, and
creates no emails (rows are written directly, not through the services).
"""

from __future__ import annotations

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.text import slugify

from netvaerk.enums import OrganisationKind
from netvaerk.models import Network, Organisation, Organiser

from .enums import CommentStatus, OfferFormat, OfferKind, OfferRequestStatus, OfferStatus, PostStatus
from .models import Author, Comment, Offer, OfferRequest, Post, PostImage, Provider, Tag

RESOURCE_POST_SLUG = "ressourcenetvaerk-hvorfor-nu-det"
DIALOG_OFFER_SLUG = "dialog-i-udsatte-boligomraader"

RESOURCE_POST_BODY = """\
Da Albertslund fik sin nye boligsociale helhedsplan, fik vi samtidig et nyt sted at mødes: ressourcenetværkene. De bygger videre på det, vi før kaldte arbejdssekretariatet – et forum, hvor lokale fagfolk og nøglepersoner to gange om året satte sig sammen om et fælles emne eller en lokal udfordring.

Erfaringen derfra er klar: Når forskellige blikke mødes, og de lokale kræfter kommer i spil, opstår der løsninger, ingen af os havde set komme. Nye initiativer spirer, og netværket på tværs af kommune, boligselskaber og beboere bliver stærkere.

Men hverdagen er travl. De aktive frivillige og bestyrelsesmedlemmer bliver efterspurgt alle steder, forventningerne stiger, og vi skal alle løbe stærkere. Derfor spørger vi hele tiden os selv: Spilder vi nogens tid? Og hvordan gør vi møderne vedkommende for meget forskellige deltagere?

## Tre netværk i stedet for ét

Vi har derfor delt deltagerne op i tre ressourcenetværk, der følger helhedsplanens tre indsatser. Så kan hvert møde have en kortere dagsorden og gå mere i dybden – og vi kan invitere flere fagfolk ind, som kan udfordre os og sikre, at vores indsats spiller sammen med det, kommunen allerede gør.

[billede 1]

## Hvem sidder med?

Kommunens ledere og medarbejdere, repræsentanter for afdelingsbestyrelserne i de fire boligområder, frivillige, driftsfolk og boligsociale medarbejdere. Fra kommunen deltager blandt andre:

- **Familier/Forebyggelse:** dagtilbud, tandplejen, Familiehuset, PPR, skolerne, sundhedsplejen og den kriminalpræventive enhed.
- **Uddannelse/Beskæftigelse:** klubberne, Jobcenteret, vækst og udvikling, den kriminalpræventive enhed, uddannelsesvejledningen og skolerne.
- **Naboskab/Trivsel:** Sundhedshuset, kultur og fritid, sundhed og pleje samt miljø og teknik.

Netværkene kan også invitere andre ind til et bestemt tema – fx boligorganisationerne, politikere, foreninger, lokale virksomheder eller frivillige.

## Hvad netværkene skal

Ressourcenetværkene rådgiver, udvikler og koordinerer. De kan komme med forslag til bestyrelsen om, hvordan ressourcerne prioriteres, og medlemmerne kan indgå aftaler med hinanden, så længe de ikke binder andre. Opgaverne er blandt andet:

- sparring og udvikling af indsatserne på tværs af boligområderne
- at gøre projekterne bedre, så de lykkes i praksis
- erfaringsudveksling på tværs af de lokale styregrupper
- at være katalysator for samarbejdet mellem parterne

## Form og formål

De første tre møder har haft samme ramme: oplæg, workshop og vidensdeling. Men hvert møde er begyndt med *the why*: Hvad er det vigtigste, der skal komme ud af mødet? Ved beskæftigelsesmødet skulle deltagerne komme med idéer til produkter til vores socialøkonomiske virksomhed. Ved familiemødet ville vi blive klogere på, hvordan en god familieindsats skrues sammen. Og ved mødet om naboskab delte deltagerne erfaringer med at tage godt imod nye beboere.

> Vi er ikke i mål, og vi har ikke fundet den perfekte opskrift. Konceptet skal blive ved med at udvikle sig – med plads til skæve idéer.

## Det har vi lært indtil nu

1. Start med *the why* – så bliver mødet skarpere.
2. Læg mødet på et tidspunkt, hvor flest muligt kan komme.
3. Højst 2½ time.
4. Giv deltagerne en rolle på mødet.
5. Små pauser, hvor man kan snakke uformelt.
6. Mad, så folk mingler.
7. Mere workshop og opsamling – mindre oplæg.
8. Få punkter på dagsordenen, så der er plads til refleksion.
9. Lidt løsere styring, så der er plads til det uventede.
10. Saml op på en måde, der passer til mødet: et idékatalog, et kort referat eller en folder.
"""

WASTE_POST_BODY = """\
Overfyldte containere, storskrald på trappen og madaffald i restaffaldet. Når der kommer nye affaldsfraktioner, bliver det hurtigt de sociale viceværter, der står med opgaven – og med de sure miner.

I netværket for sociale viceværter har vi samlet de greb, der virker:

- Snak med beboerne ved containerne i stedet for at hænge sedler op.
- Få en af beboerne med som *affaldsambassadør* på hver opgang.
- Brug billeder og piktogrammer, så sproget ikke står i vejen.
- Fejr det, når det går godt – fx med en fælles kaffe i gården.

## Næste skridt

Vi tager emnet op igen på forårets netværksmøde. Har I erfaringer, vi skal høre om, så skriv en kommentar herunder.
"""

PRODUCT_POST_BODY = """\
Ressourcenetværket for uddannelse og beskæftigelse brugte sit første møde på én opgave: at finde produkter, som vores nye socialøkonomiske virksomhed kan sælge.

Vi startede med *the why* og gav alle deltagere en rolle. Jobcenteret så på, hvilke opgaver der giver erfaring til de unge; klubberne vidste, hvad de unge selv gider; og beboerne kendte markedet – naboerne.

## Test før I bygger

- Lav en lille prøve: ti kasser, én weekend, én opgang.
- Spørg køberne bagefter – hvad ville de betale?
- Skriv ned, hvad der gik galt, før I skalerer op.

Idékataloget fra mødet ligger i netværkets gruppe i medlemsområdet.
"""

DIALOG_INTRO = """\
Når kommunale medarbejdere og projektledere skal arbejde sammen med almene boligorganisationer, afdelingsbestyrelser, varmemestre og boligsociale medarbejdere, træder de ind i en kultur med sine egne normer og uskrevne regler. Beboerdemokratiet bærer værdier med sig fra den gamle arbejderkultur; kulturen er ofte flerkulturel, og mistillid og interne magtkampe kan sætte et tydeligt præg på samarbejdet med kommunen.
"""

DIALOG_DESCRIPTION = """\
Den almene sektor består af både valgte og ansatte, der løser forskellige opgaver i et demokratisk hierarki. Det hierarki skal man kende, hvis samarbejdet skal udvikle sig godt – for samarbejdet står og falder med, om parterne kan afkode hinandens måder at arbejde på og hinandens forventninger.

På temadagen deler deltagerne deres egne erfaringer med boligområdernes kultur, regler og traditioner. Gennem en blanding af oplæg og dialog ser vi på, hvordan den kommunale indsats kan blive stærkere.
"""

TVERSKOV_PRESENTATION = """\
Journalist og konsulent Kim Tverskov har i mere end 15 år udviklet projekter sammen med kommuner og frivillige borgere i lokalsamfund og udsatte boligområder. Han arbejder i krydsfeltet mellem boligorganisationer, almene boligområder og kommuner og har været boligsocial projektleder, freelancejournalist og frivilligkonsulent i projekter med beboer- og borgerinddragelse i centrum. Han underviser på Foreningshøjskolen og har taget initiativ til Beboerhøjskolen.

Temadagene er kendt for at være intense: deltagerne får mange nye input, bliver sat i gang og får en reflekteret dialog, hvor deres egen viden kommer i spil på nye måder.
"""

BORGERDIALOG_INTRO = """\
Hvordan får man fat i de beboere, der aldrig kommer til afdelingsmødet? Temadagen giver konkrete metoder til borgerdialog i almene boligområder – fra dørbankning og pop-up-møder i gården til små, uformelle samtalesaloner.
"""


def _diagram_png() -> bytes:
    """A simple drawing of the three resource networks around the social plan (made here, so no file to ship)."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1200, 560
    image = Image.new("RGB", (width, height), "#eef5f6")
    draw = ImageDraw.Draw(image)

    def font(size, bold=False):
        name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
        try:
            return ImageFont.truetype(f"/usr/share/fonts/truetype/dejavu/{name}", size)
        except OSError:
            return ImageFont.load_default(size=size)

    draw.text((width // 2, 60), "Helhedsplanens tre ressourcenetværk", fill="#083a44", font=font(40, True), anchor="mm")
    circles = [
        (250, "#0b4f5c", "Familier/", "Forebyggelse"),
        (600, "#b8400e", "Uddannelse/", "Beskæftigelse"),
        (950, "#1e6b34", "Naboskab/", "Trivsel"),
    ]
    for x, colour, first, second in circles:
        draw.ellipse((x - 150, 130, x + 150, 430), fill=colour)
        draw.text((x, 255), first, fill="#ffffff", font=font(30, True), anchor="mm")
        draw.text((x, 300), second, fill="#ffffff", font=font(30, True), anchor="mm")
    draw.text(
        (width // 2, 500),
        "Kommune · afdelingsbestyrelser · frivillige · drift · boligsociale medarbejdere",
        fill="#1d2327",
        font=font(26),
        anchor="mm",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _author(user, presentation: str, *, organisation=None, job_title: str = "") -> Author:
    from members.models import Profile

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


def danish_slug(text: str) -> str:
    """A slug that keeps æ, ø and å readable (ae, oe, aa) instead of dropping them."""
    for letter, spelled in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("Æ", "Ae"), ("Ø", "Oe"), ("Å", "Aa")):
        text = text.replace(letter, spelled)
    return slugify(text)


def _tags(names) -> list[Tag]:
    return [Tag.objects.update_or_create(name=name, defaults={"slug": danish_slug(name)})[0] for name in names]


def _post(slug, *, tags, **fields) -> Post:
    post, _created = Post.objects.update_or_create(slug=slug, defaults=fields)
    post.tags.set(tags)
    return post


def _comment(post, body, *, days_after, status, user=None, name="", email="") -> Comment:
    comment = Comment.objects.filter(post=post, body=body).first()
    if comment is None:
        comment = Comment.objects.create(post=post, body=body, user=user, name=name, email=email, status=status)
    else:
        Comment.objects.filter(pk=comment.pk).update(status=status, user=user, name=name, email=email)
    Comment.objects.filter(pk=comment.pk).update(created_at=post.published_at + dt.timedelta(days=days_after, hours=3))
    return comment


def load_content_demo(*, today: dt.date | None = None) -> dict:
    """Blog posts with comments, two offers and two requests (idempotent). Returns counts."""
    today = today or timezone.localdate()
    User = get_user_model()
    users = {user.email: user for user in User.objects.filter(email__endswith=".example")}

    def user(email):
        return users.get(email) or User.objects.get(email=email)

    albertslund, _c = Organisation.objects.update_or_create(
        name="Albertslund Boligsociale Center", municipality="Albertslund", defaults={"kind": OrganisationKind.OTHER}
    )
    trine = _author(
        user("trine.sander@albertslund.example"),
        "Blogger om det boligsociale samarbejde i Albertslund.",
        organisation=albertslund,
        job_title="Netværkskoordinator",
    )
    mette = _author(
        user("mette.konsulent@netvaerk.example"),
        "Konsulent i Boligsocialnet og tovholder for netværket for sociale viceværter.",
        job_title="Konsulent",
    )

    networks = {network.slug: network for network in Network.objects.all()}
    tags = dict(
        zip(
            ["ressource", "helhedsplan", "moeder", "drift", "beskaeftigelse", "samskabelse"],
            _tags(
                [
                    "Ressourcenetværk",
                    "Helhedsplan",
                    "Gode møder",
                    "Drift og affald",
                    "Beskæftigelse",
                    "Samskabelse",
                ]
            ),
        )
    )

    def at(day: dt.date, hour: int) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    resource_post = _post(
        RESOURCE_POST_SLUG,
        title="Ressourcenetværk – hvorfor nu det?",
        author=trine,
        teaser=(
            "Albertslunds nye helhedsplan gav os ressourcenetværk: tre fora, hvor kommune, beboere og boligsociale "
            "medarbejdere mødes om én indsats ad gangen. Her er tanken bag – og det, vi har lært indtil nu."
        ),
        body=RESOURCE_POST_BODY,
        status=PostStatus.PUBLISHED,
        published_at=at(dt.date(2022, 8, 18), 10),
        network=networks.get("ressourcenetvaerk-naboskab"),
        comments_open=True,
        tags=[tags["ressource"], tags["helhedsplan"], tags["moeder"], tags["samskabelse"]],
    )
    if not resource_post.images.exists():
        # A fixed file name: loading the demo again (or in every test) reuses the file instead of adding one.
        name = "blog/demo/ressourcenetvaerk.png"
        if not default_storage.exists(name):
            default_storage.save(name, ContentFile(_diagram_png()))
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

    waste_post = _post(
        "har-i-ogsaa-problemer-med-affaldssortering",
        title="Har I også problemer med affaldssortering i jeres boligområde?",
        author=mette,
        teaser="Fire greb fra netværket for sociale viceværter, når de nye affaldsfraktioner driller.",
        body=WASTE_POST_BODY,
        status=PostStatus.PUBLISHED,
        published_at=at(today - dt.timedelta(days=9), 9),
        network=networks.get("sociale-vicevaerter"),
        comments_open=True,
        tags=[tags["drift"]],
    )
    _post(
        "saadan-kan-du-teste-dit-produkt",
        title="Sådan kan du teste dit produkt ved start af en socialøkonomisk virksomhed",
        author=trine,
        teaser="Det første møde i ressourcenetværket for uddannelse og beskæftigelse gav idéer – og en enkel måde at teste dem på.",
        body=PRODUCT_POST_BODY,
        status=PostStatus.PUBLISHED,
        published_at=at(today - dt.timedelta(days=30), 9),
        network=networks.get("ressourcenetvaerk-uddannelse"),
        comments_open=True,
        tags=[tags["beskaeftigelse"], tags["ressource"]],
    )
    _post(
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

    maja = users.get("medlem@netvaerk.example")
    line = users.get("line.kjaer@albertslund.example")
    if line:
        _comment(
            resource_post,
            "Tak for et klart indlæg. Vi har lånt jeres 'the why'-spørgsmål til vores egne møder i kultur og fritid "
            "– det gør det meget lettere at sige nej til de punkter, der ikke hører hjemme på dagsordenen.",
            days_after=1,
            status=CommentStatus.PUBLISHED,
            user=line,
        )
    _comment(
        resource_post,
        "Godt at se, at maden er med på listen! Hos os er det netop snakken over frokosten, der får de frivillige "
        "til at komme igen.",
        days_after=2,
        status=CommentStatus.PUBLISHED,
        name="Gitte fra beboerhuset",
        email="gitte.beboerhus@example.dk",
    )
    if maja:
        _comment(
            resource_post,
            "Hvordan giver I deltagerne en rolle på mødet i praksis? Er det noget, I aftaler på forhånd?",
            days_after=3,
            status=CommentStatus.PUBLISHED,
            user=maja,
        )
    _comment(
        resource_post,
        "Vi er ved at starte noget lignende i vores kommune. Må vi kontakte jer og høre mere om kommissoriet? "
        "Se evt. vores plan på https://helhedsplan.example.dk/netvaerk",
        days_after=5,
        status=CommentStatus.PENDING,
        name="Rasmus Lund",
        email="rasmus.lund@example.dk",
    )
    _comment(
        waste_post,
        "Affaldsambassadører har virket rigtig godt hos os – især når de får en t-shirt og lidt anerkendelse.",
        days_after=1,
        status=CommentStatus.PUBLISHED,
        name="Jonas, varmemester",
        email="jonas.varmemester@example.dk",
    )

    # --- offers ---------------------------------------------------------------------------------
    bsn = Organiser.objects.get(name="Boligsocialnet")
    tverskov_org, _c = Organisation.objects.update_or_create(
        name="Tverskov Kommunikation & Udvikling", municipality="", defaults={"kind": OrganisationKind.CONSULTANCY}
    )
    tverskov, _c = Provider.objects.update_or_create(
        organisation=tverskov_org,
        defaults={
            "presentation": TVERSKOV_PRESENTATION,
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
            "introduction": DIALOG_INTRO,
            "points_heading": "På temadagen sætter vi fokus på",
            "points": (
                "Hvilke barrierer møder man, når kommunen møder den almene beboerkultur?\n"
                "Hvordan fungerer beboerdemokratiet – som demokrati og som samarbejdspartner?\n"
                "Hvordan skaber vi bedre samarbejde mellem borgere og kommune?"
            ),
            "description": DIALOG_DESCRIPTION,
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
            "introduction": BORGERDIALOG_INTRO,
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
            "organisation": Organisation.objects.filter(name="Boligsocial indsats Ribe/Bramming").first(),
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
    return {"posts": Post.objects.count(), "offers": Offer.objects.count()}
