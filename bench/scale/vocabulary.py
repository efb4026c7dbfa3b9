"""Danish vocabulary for the ten-year data: names, places, organisations, texts."""

from __future__ import annotations

FIRST_NAMES = (
    "Anne Mette Kirsten Hanne Helle Susanne Lene Marianne Camilla Louise Maria Charlotte Pia Tina Line Julie "
    "Sofie Emma Ida Signe Maja Karen Birgitte Lone Trine Sanne Dorthe Rikke Nanna Cecilie Mathilde Fatima Aisha "
    "Amina Leyla Zeynep Sara Yasmin Mariam Hiba Noor Peter Jens Lars Henrik Søren Thomas Michael Martin Jesper "
    "Anders Niels Rasmus Mads Morten Christian Jakob Kasper Frederik Mikkel Jonas Simon Ole Poul Kim Jan Torben "
    "Bo Steen Ahmad Mohammed Ali Omar Hassan Yusuf Ibrahim Emre Mustafa Karim Bilal Tariq Asger Esben Vibeke "
    "Inge Jette Bente Gitte Malene Dorte Heidi Stine Mie Astrid Freja Karoline"
).split()
LAST_NAMES = (
    "Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen Petersen Madsen "
    "Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen Knudsen Jakobsen Mikkelsen Olesen "
    "Frederiksen Laursen Henriksen Lund Holm Schmidt Eriksen Kristiansen Nørgaard Østergaard Vestergaard Kjær "
    "Bach Dahl Friis Bruun Lauridsen Svendsen Thygesen Damgaard Iversen Jeppesen Berg Clausen Winther Skov "
    "Ahmed Ali Hussein Mohamed Yilmaz Demir Özdemir Khan Rahimi Haddad Abdi Nguyen Toft Brandt Gregersen Juhl"
).split()
MUNICIPALITIES = [
    ("København", "2300", "København S"),
    ("Aarhus", "8220", "Brabrand"),
    ("Odense", "5240", "Odense NØ"),
    ("Aalborg", "9220", "Aalborg Øst"),
    ("Esbjerg", "6700", "Esbjerg"),
    ("Randers", "8900", "Randers C"),
    ("Kolding", "6000", "Kolding"),
    ("Horsens", "8700", "Horsens"),
    ("Vejle", "7100", "Vejle"),
    ("Roskilde", "4000", "Roskilde"),
    ("Herning", "7400", "Herning"),
    ("Albertslund", "2620", "Albertslund"),
    ("Brøndby", "2605", "Brøndby"),
    ("Gladsaxe", "2860", "Søborg"),
    ("Høje-Taastrup", "2630", "Taastrup"),
    ("Ishøj", "2635", "Ishøj"),
    ("Hvidovre", "2650", "Hvidovre"),
    ("Rødovre", "2610", "Rødovre"),
    ("Ballerup", "2750", "Ballerup"),
    ("Herlev", "2730", "Herlev"),
    ("Frederiksberg", "2000", "Frederiksberg"),
    ("Køge", "4600", "Køge"),
    ("Holbæk", "4300", "Holbæk"),
    ("Slagelse", "4200", "Slagelse"),
    ("Næstved", "4700", "Næstved"),
    ("Helsingør", "3000", "Helsingør"),
    ("Hillerød", "3400", "Hillerød"),
    ("Fredericia", "7000", "Fredericia"),
    ("Svendborg", "5700", "Svendborg"),
    ("Sønderborg", "6400", "Sønderborg"),
    ("Viborg", "8800", "Viborg"),
    ("Silkeborg", "8600", "Silkeborg"),
    ("Holstebro", "7500", "Holstebro"),
    ("Frederikshavn", "9900", "Frederikshavn"),
    ("Hjørring", "9800", "Hjørring"),
    ("Guldborgsund", "4800", "Nykøbing F"),
    ("Kalundborg", "4400", "Kalundborg"),
    ("Ringsted", "4100", "Ringsted"),
]
AREAS = (
    "Gellerup|Bispehaven|Tingbjerg|Mjølnerparken|Vollsmose|Korsløkken|Skovparken|Rosenhøj|Urbanplanen|"
    "Hørgården|Askerød|Gadehavegård|Ishøj Strand|Hedemarken|Høje Gladsaxe|Charlotteager|Lindholm|"
    "Stengårdsvej|Værebro Park|Finlandsparken|Sundparken|Tåstrupgård|Vapnagaard|Agervang|Nøjsomhed|"
    "Ringparken|Munkebo|Motalavej|Skovvejen|Tarup|Solbakken|Kildeparken|Skovgårdsparken|Sønderbro|"
    "Vejlby Vest|Søndermarken|Tjørnehøj|Præstebro|Sydhavnen|Akacieparken|Bellahøj|Lundtoftegade|"
    "Aldersrogade|Folehaven|Husum|Kokkedal|Bøgelunden|Albertslund Syd|Galgebakken|Hyldespjældet"
).split("|")
HOUSING = (
    "AAB|KAB|fsb|3B|Lejerbo|Domea.dk|Boligkontoret Danmark|DAB|Boligselskabet Sjælland|Brabrand Boligforening|"
    "Østjysk Bolig|Civica|Himmerland Boligforening|Fyns Almennyttige Boligselskab|Vejle Boligforening|"
    "Ringgården|Bo-Vest|Frederiksberg Forenede Boligselskaber|AL2bolig|Boligforeningen VIBO|Alabu Bolig"
).split("|")
NGOS = (
    "Red Barnet|Mødrehjælpen|Settlementet|Dansk Flygtningehjælp|Ungdommens Røde Kors|Foreningen Nydansker|"
    "Headspace|Bydelsmødrene|Lektiehjælpen|DGI|Dansk Folkeoplysnings Samråd|Kræftens Bekæmpelse|"
    "Center for Boligsocial Udvikling (CFBU)|Landsbyggefonden|BL - Danmarks Almene Boliger|Als Research|"
    "Rambøll Management Consulting|Oxford Research|Tverskov Kommunikation & Udvikling"
).split("|")
JOB_TITLES = (
    "Boligsocial medarbejder|Projektleder|Social vicevært|Områdesekretær|Frivilligkoordinator|Beboerrådgiver|"
    "Kultur- og fritidskonsulent|Ungekoordinator|Driftschef|Afdelingsformand|Jobkonsulent|Familiekonsulent|"
    "Sundhedsplejerske|SSP-konsulent|Lektiecafékoordinator|Leder af boligsocial helhedsplan|Fritidsjobkonsulent|"
    "Kommunikationsmedarbejder|Evalueringskonsulent|Udviklingskonsulent|Bestyrelsesmedlem|Skoleleder"
).split("|")
PHRASES = (
    "unges vej til uddannelse og job|frivillige i boligområdet|tryghed i hverdagen|beboerdemokrati i praksis|"
    "ensomhed blandt ældre|den sociale vicevært som brobygger|samarbejdet med kommunen|børns trivsel i skolen|"
    "forældresamarbejde|sundhed og bevægelse|digital inklusion|fællesspisning og naboskab|"
    "forebyggelse af kriminalitet|nye beboere i afdelingen|fritidsjob til unge|lektiecaféer der virker|"
    "mental sundhed blandt unge|gældsrådgivning|kultur som løftestang|evaluering af helhedsplanen|"
    "data i det boligsociale arbejde|renovering og genhusning|beboerinddragelse i byudvikling|"
    "foreningslivet i boligområdet|bydelsmødre|sprog og dagtilbud|partnerskaber med erhvervslivet|"
    "ungeråd og medindflydelse|at holde fast i de frivillige|trivsel i afdelingsbestyrelsen|konflikthåndtering|"
    "misbrug og netværk|grønne fællesskaber|byhaver og udeliv|kommunikation til beboerne|"
    "sociale medier i det boligsociale arbejde|overgangen fra folkeskole til ungdomsuddannelse|"
    "mødet med myndighederne|økonomisk trivsel i familien|idræt for piger"
).split("|")
NETWORK_TOPICS = [
    ("Lokalsamfund og medborgerskab", 0),
    ("Sociale viceværter", 1),
    ("Beboerdemokrati", 0),
    ("Unge og fritid", 3),
    ("Frivillighed", 4),
    ("Uddannelse og beskæftigelse", 3),
    ("Familier og forebyggelse", 2),
    ("Sundhed og trivsel", 4),
    ("Tryghed og kriminalitetsforebyggelse", 4),
    ("Helhedsplanledere", 5),
    ("Kommunikation og formidling", 5),
    ("Børn og læring", 2),
    ("Ældre og fællesskaber", 4),
]
REGIONS = ["Hovedstaden", "Sjælland", "Fyn", "Østjylland", "Nord- og Vestjylland"]
THEMES = [
    "Lokalsamfund og medborgerskab",
    "Drift og sociale viceværter",
    "Familier og forebyggelse",
    "Uddannelse og beskæftigelse",
    "Naboskab og trivsel",
    "Samarbejde mellem kommune og boligorganisation",
]
WORK_AREAS = (
    "Boligsociale indsatser|Kultur og fritid (kommune)|Foreningsunderstøttelse|Udvikling (boligorganisation)|"
    "Frivillighed|Beboerdemokrati|Ungeråd|NGO'er og lignende|Drift og ejendomskontor|Beskæftigelse|"
    "Skole og uddannelse|Sundhed"
).split("|")
TARGET_GROUPS = (
    "Medarbejdere|Sociale viceværter|Afdelingsbestyrelser|Kommunale medarbejdere|Frivillige og aktive beboere|Ledere"
).split("|")
COMMENTS = [
    "Jeg kommer lidt senere, da jeg har et andet møde til kl. 10.",
    "Glæder mig!",
    "Kan jeg tage en kollega med?",
    "Jeg har brug for en parkeringsplads tæt på indgangen.",
    "Vi er to fra afdelingen, den anden tilmelder sig selv.",
]
EVALUATION_COMMENTS = [
    "Rigtig godt møde med gode oplæg.",
    "For lidt tid til erfaringsudveksling.",
    "Tak for en inspirerende dag - vi tager idéerne med hjem.",
    "Oplægget var godt, men lokalet var for lille.",
    "Dejligt at møde kolleger fra andre boligområder.",
    "Jeg savnede konkrete værktøjer.",
]
POST_TITLES = [
    "Erfaringer med {p}?",
    "Deler gerne vores materiale om {p}",
    "Kender nogen en god oplægsholder om {p}?",
    "Invitation: åbent hus om {p}",
    "Spørgsmål til næste møde: {p}",
]
POST_BODIES = [
    "Vi er i gang med at se på {p} i vores område og vil meget gerne høre, hvad I andre har gjort. "
    "Hvad virkede, og hvad ville I gøre anderledes?",
    "Vi har lavet en lille guide om {p}, som jeg gerne deler. Skriv til mig, så sender jeg den.",
    "På sidste møde talte vi om {p}. Jeg har samlet noterne her, så vi kan arbejde videre til næste gang.",
]
REPLIES = [
    "Godt spørgsmål - vi har gode erfaringer med at inddrage beboerne fra starten.",
    "Det vil jeg også gerne høre mere om. Kan vi tage det op på næste møde?",
    "Vi prøvede det sidste år; skriv til mig, så fortæller jeg mere.",
    "Tak for at dele!",
]
IDEA_TAGS = ["unge", "frivillige", "beboerdemokrati", "tryghed", "sundhed", "kultur", "job", "familier", "ældre"]
DIETS = ["vegetarian", "vegan", "no_pork", "halal", "gluten_free", "lactose_free", "nut_allergy", "fish_allergy"]
TZ_NAME = "Europe/Copenhagen"

_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae", "Ö": "oe"})


def ascii_slug(text: str) -> str:
    text = text.lower().translate(_ASCII)
    out = []
    for char in text:
        if char.isalnum() and char.isascii():
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out).strip("-")
