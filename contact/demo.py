"""Demo requests to the consulent: every status, notes, spread over the last months."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.utils import timezone

from faq.models import Phase

from .models import ContactNote, ContactRequest, Topic

TOPICS = [
    "Gesprek met school",
    "Ontwikkelingsperspectief (OPP)",
    "Extra ondersteuning",
    "Overstap naar speciaal onderwijs",
    "Thuiszitten",
    "Klacht of conflict",
    "Zorgen om mijn kind",
    "Iets anders",
]

# (name, method, phone, email, status, topic, phase slug, days ago, message, note)
REQUESTS = [
    (
        "Marieke B.",
        "email",
        "",
        "marieke@example.org",
        "new",
        "Gesprek met school",
        "in-gesprek-met-school",
        1,
        "Volgende week heb ik een gesprek met de IB'er over mijn zoon. Ik weet niet goed wat ik moet vragen. Kunnen we het samen voorbereiden?",
        "",
    ),
    (
        "Hamid E.",
        "phone",
        "06 12345678",
        "",
        "new",
        "Thuiszitten",
        "thuiszitten",
        9,
        "Onze dochter zit sinds de herfstvakantie thuis. School zegt dat ze niets meer kunnen doen. Wat nu?",
        "",
    ),
    (
        "Joke V.",
        "email",
        "",
        "joke@example.org",
        "in_progress",
        "Ontwikkelingsperspectief (OPP)",
        "extra-ondersteuning",
        14,
        "Ik heb een OPP gekregen maar ik begrijp niet alles wat erin staat. Mag ik het laten uitleggen?",
        "Gebeld, afspraak gemaakt voor volgende week dinsdag.",
    ),
    (
        "Priya S.",
        "phone",
        "06 87654321",
        "priya@example.org",
        "waiting",
        "Overstap naar speciaal onderwijs",
        "andere-school",
        30,
        "School wil een TLV aanvragen voor het SBO. Ik twijfel. Wie kan met me meedenken?",
        "Informatie over SBO-scholen gemaild. Wacht op reactie van moeder.",
    ),
    (
        "Ronald K.",
        "email",
        "",
        "ronald@example.org",
        "closed",
        "Klacht of conflict",
        "vastgelopen",
        70,
        "We komen er met school echt niet meer uit. Ik ben boos en moe.",
        "Twee gesprekken gevoerd; onderwijsconsulent ingeschakeld. Afgesloten in overleg.",
    ),
    (
        "Aylin D.",
        "email",
        "",
        "aylin@example.org",
        "closed",
        "Zorgen om mijn kind",
        "eerste-zorgen",
        120,
        "Mijn zoon van 6 is thuis vaak boos na school. Op school gaat het goed, zeggen ze. Herkennen jullie dit?",
        "Doorverwezen naar het Oudercafé en een buddy aangeboden.",
    ),
    (
        "Ellen T.",
        "phone",
        "010 1234567",
        "",
        "in_progress",
        "Extra ondersteuning",
        "extra-ondersteuning",
        5,
        "Mijn dochter heeft dyslexie en krijgt weinig hulp. Wat mag ik van school verwachten?",
        "Uitleg over basisondersteuning gegeven; school benaderd.",
    ),
]


def load(stdout, scale=1):
    for order, name in enumerate(TOPICS):
        Topic.objects.get_or_create(name=name, defaults={"order": order})
    if ContactRequest.objects.filter(email__endswith="@example.org", name__in=[r[0] for r in REQUESTS]).exists():
        return
    consulent = get_user_model().objects.filter(username="consulent").first()
    topics = {t.name: t for t in Topic.objects.all()}
    phases = {p.slug: p for p in Phase.objects.all()}
    now = timezone.now()
    for i, (name, method, phone, email, status, topic, phase, days, message, note) in enumerate(REQUESTS):
        created = now - datetime.timedelta(days=days, hours=i)
        contact_request = ContactRequest.objects.create(
            reference=f"OSP-{timezone.localtime(created).year}-{9000 + i:04d}",
            name=name,
            contact_method=method,
            phone=phone,
            email=email,
            status=status,
            topic=topics[topic],
            phase=phases.get(phase),
            message=message,
            consent=True,
            assigned_to=consulent if status != "new" else None,
            created_at=created,
        )
        if note:
            ContactNote.objects.create(request=contact_request, author=consulent, text=note)
    load_history(topics, phases, now, count=60 * max(scale, 1))


def load_history(topics, phases, now, count):
    """Closed, already anonymised requests over the last year: only what the overview needs."""
    rng = random.Random(42)
    topic_list, phase_list = list(topics.values()), list(phases.values())
    ContactRequest.objects.bulk_create(
        ContactRequest(
            reference=f"OSP-H-{i:05d}",
            name="",
            message="",
            status=ContactRequest.Status.CLOSED,
            topic=rng.choice(topic_list),
            phase=rng.choice(phase_list) if phase_list else None,
            created_at=now - datetime.timedelta(days=rng.randint(10, 360)),
            closed_at=now,
            anonymised_at=now,
            consent=True,
        )
        for i in range(count)
    )
