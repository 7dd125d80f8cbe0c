"""Demo agenda: a year of Oudercafés, Passend-onderwijs-cafés with themes, a dialoogsessie."""

import datetime

from django.utils import timezone

from .models import Audience, Event, EventAnnouncement, EventType, Role, Signup, Subscription, new_token

TYPES = [
    (
        "oudercafe",
        "Oudercafé",
        "Ouders praten in een veilige, kleine groep over de lastige en de mooie kanten van het ouderschap. "
        "We gebruiken daarbij het Ouderschapsspel: een gespreksspel met kaarten over opvoeden en ouderschap, "
        "dat je in een kleine groep speelt. De kaarten helpen om makkelijker te vertellen wat je meemaakt. "
        "Je hoeft niets voor te bereiden.",
        "ouders van een kind met een extra onderwijs- of ondersteuningsbehoefte",
        "Vier keer per jaar",
        Audience.PARENTS,
    ),
    (
        "passend-onderwijs-cafe",
        "Passend-onderwijs-café",
        "Ouders en professionals praten samen over één thema rond passend onderwijs. Iedereen leert van de kant van de ander.",
        "ouders en professionals uit het onderwijs",
        "Een paar keer per jaar, steeds met een ander thema",
        Audience.BOTH,
    ),
    (
        "dialoogsessie",
        "Dialoogsessie",
        "Professionals maken kennis met het perspectief van ouders: wat maken ouders mee, en wat helpt hen echt?",
        "professionals: leerkrachten, intern begeleiders, directeuren en anderen",
        "Een paar keer per jaar",
        Audience.PROFESSIONALS,
    ),
]

DESCRIPTION = {
    "oudercafe": "<p>Welkom bij het Oudercafé. We beginnen met koffie en thee. Daarna praten we in een kleine groep, met hulp van het Ouderschapsspel. Wat je vertelt, blijft in de groep.</p><p>Je mag alleen luisteren. Je mag ook je partner of iemand anders meenemen.</p>",
    "passend-onderwijs-cafe": "<p>In dit café praten ouders en professionals samen over het thema. Een ouder van de netwerkgroep leidt het gesprek. We zorgen dat ouders altijd in de meerderheid zijn.</p>",
    "dialoogsessie": "<p>In deze sessie vertellen ouders van de netwerkgroep over hun ervaringen. Daarna gaan we in gesprek: wat neem je mee naar je eigen school?</p>",
}

# (type slug, title, theme, days from today, capacity, max professionals, audience, full?)
EVENTS = [
    ("oudercafe", "Oudercafé: even op adem komen", "Tijd voor jezelf", -75, 12, None, Audience.PARENTS, False),
    ("oudercafe", "Oudercafé: samen sterker", "Steun aan elkaar", 12, 12, None, Audience.PARENTS, True),
    ("oudercafe", "Oudercafé: trots op jezelf", "Goede-ouder-ervaringen", 95, 12, None, Audience.PARENTS, False),
    ("oudercafe", "Oudercafé: praten over school", "Gesprekken met school", 180, 12, None, Audience.PARENTS, False),
    (
        "passend-onderwijs-cafe",
        "Passend-onderwijs-café: thuiszitten",
        "Thuiszitten: hoe voorkomen we het?",
        -30,
        30,
        10,
        Audience.BOTH,
        False,
    ),
    (
        "passend-onderwijs-cafe",
        "Passend-onderwijs-café: het OPP",
        "Samen werken aan het OPP",
        26,
        30,
        10,
        Audience.BOTH,
        False,
    ),
    (
        "passend-onderwijs-cafe",
        "Passend-onderwijs-café: de overstap naar het VO",
        "De overstap naar de middelbare school",
        60,
        30,
        10,
        Audience.BOTH,
        True,
    ),
    (
        "dialoogsessie",
        "Dialoogsessie: het ouderperspectief",
        "Wat ouders nodig hebben in een gesprek",
        40,
        20,
        None,
        Audience.PROFESSIONALS,
        False,
    ),
]

PEOPLE = [
    "Sanne",
    "Mehmet",
    "Fatima",
    "Joost",
    "Ilse",
    "Kees",
    "Noor",
    "Samira",
    "Pieter",
    "Anouk",
    "Daan",
    "Yara",
    "Ruben",
    "Esra",
    "Tim",
    "Lotte",
]


def load(stdout, scale=1):
    types = {}
    for order, (slug, name, description, for_whom, frequency, audience) in enumerate(TYPES):
        types[slug], _created = EventType.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "for_whom": for_whom,
                "frequency": frequency,
                "audience": audience,
                "order": order,
            },
        )
    today = timezone.localdate()
    for type_slug, title, theme, days, capacity, max_pro, audience, full in EVENTS:
        start = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=days), datetime.time(19, 30))
        )
        event, created = Event.objects.get_or_create(
            slug=_slug(title),
            defaults={
                "type": types[type_slug],
                "title": title,
                "theme": theme,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=2),
                "place_name": "Buurthuis De Linde, grote zaal",
                "address": "Lindelaan 12, Alkmaar",
                "description": DESCRIPTION[type_slug],
                "audience": audience,
                "capacity": capacity,
                "max_professionals": max_pro,
            },
        )
        if created:
            _fill(event, full=full)
    _subscribers(types)
    if scale > 1:
        load_scaled(types, scale)


# (address, type slugs, confirmed?): made up, on example.org.
SUBSCRIBERS = [
    ("ouder.mila@example.org", ["oudercafe"], True),
    ("gezin.bakker@example.org", ["oudercafe", "passend-onderwijs-cafe"], True),
    ("ib.de-linde@example.org", ["passend-onderwijs-cafe", "dialoogsessie"], True),
    ("nog.niet.bevestigd@example.org", ["oudercafe"], False),
]


def _subscribers(types):
    """A few people who asked for mail about new events; the demo's own events count as told."""
    now = timezone.now()
    for email, slugs, confirmed in SUBSCRIBERS:
        subscription, created = Subscription.objects.get_or_create(
            email=email,
            defaults={
                "confirmed_at": now if confirmed else None,
                "requested_at": None if confirmed else now,
                "pending_type_ids": [] if confirmed else [types[slug].pk for slug in slugs],
                "confirm_token": None if confirmed else new_token(),
            },
        )
        if created and confirmed:
            subscription.types.set([types[slug] for slug in slugs])
    # Demo events appear at once: editing one in the admin later mails nobody about it.
    EventAnnouncement.objects.bulk_create(
        [EventAnnouncement(event=event) for event in Event.objects.filter(announcement__isnull=True)],
        ignore_conflicts=True,
    )


def _slug(title):
    from django.utils.text import slugify

    return slugify(title.replace(":", ""))


def _fill(event, *, full, prefix=""):
    """Demo sign-ups written straight to the table: demo data sends no mail."""
    Signup.objects.bulk_create(_signups(event, full=full, prefix=prefix))


def _signups(event, *, full, prefix=""):
    taken = event.capacity if full else event.capacity // 2
    signups = []
    for i in range(taken + (3 if full else 0)):
        name = PEOPLE[i % len(PEOPLE)]
        role = (
            Role.PROFESSIONAL
            if event.audience == Audience.PROFESSIONALS or (event.audience == Audience.BOTH and i % 4 == 3)
            else Role.PARENT
        )
        signups.append(
            Signup(
                event=event,
                name=f"{name} {chr(65 + i % 26)}.",
                email=f"{prefix}{name.lower()}{i}-{event.pk}@example.org",
                role=role,
                consent=True,
                status=Signup.Status.CONFIRMED if i < taken else Signup.Status.WAITING,
            )
        )
    return signups


def load_scaled(types, scale, *, signups=True):
    """Many events and sign-ups for the benchmark (scale 50: 500 events, about 10,000 sign-ups).

    The size tests leave the sign-ups out (``signups=False``): 10,000 events are quick, 200,000 sign-ups are not.
    """
    wanted = 10 * scale
    existing = Event.objects.filter(slug__startswith="extra-activiteit-").count()
    type_list = list(types.values())
    now = timezone.now()
    events = []
    for i in range(existing, wanted):
        start = now + datetime.timedelta(days=(i % 400) - 200, hours=i % 5)
        events.append(
            Event(
                type=type_list[i % len(type_list)],
                title=f"Extra activiteit {i + 1}",
                slug=f"extra-activiteit-{i + 1}",
                starts_at=start,
                ends_at=start + datetime.timedelta(hours=2),
                place_name="Buurthuis De Linde",
                capacity=20,
            )
        )
    # In bulk, so the tests can build scale 1,000 (10,000 events) in seconds.
    Event.objects.bulk_create(events, batch_size=500)
    if not signups:
        return
    signups = [s for n, event in enumerate(events, existing) for s in _signups(event, full=n % 3 == 0, prefix="x")]
    Signup.objects.bulk_create(signups, batch_size=1000)
