"""Demo buddies (one paused, one full), requests in different states, an active match for buddy@example.org."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import BuddyProfile, BuddyRequest, Language, Match, Municipality, SchoolType, Theme

THEMES = [
    "autisme",
    "ADHD",
    "hoogbegaafdheid",
    "dyslexie",
    "thuiszitten",
    "speciaal onderwijs",
    "conflict met school",
    "angst en somberheid",
    "overstap naar het VO",
]
SCHOOL_TYPES = ["regulier basisonderwijs", "SBO", "SO", "VSO", "voortgezet onderwijs"]
MUNICIPALITIES = ["Alkmaar", "Bergen", "Castricum", "Dijk en Waard", "Heiloo", "Uitgeest"]
LANGUAGES = ["Nederlands", "Engels", "Turks", "Arabisch", "Pools", "Papiaments"]

# first name, e-mail, intro, themes, school types, ages, municipalities, languages, capacity, active, ways
BUDDIES = [
    (
        "Bram",
        "buddy@example.org",
        "Vader van twee jongens, de oudste is autistisch en zat een jaar thuis. Ik weet hoe eenzaam dat kan voelen.",
        ["autisme", "thuiszitten"],
        ["regulier basisonderwijs", "SO"],
        "11 en 14",
        ["Alkmaar", "Heiloo"],
        ["Nederlands", "Engels"],
        2,
        True,
        ["phone", "walk"],
    ),
    (
        "Fatma",
        "fatma@example.org",
        "Moeder van een dochter met ADHD. Ik praat graag in het Nederlands of het Turks.",
        ["ADHD", "conflict met school"],
        ["regulier basisonderwijs"],
        "9",
        ["Alkmaar", "Dijk en Waard"],
        ["Nederlands", "Turks"],
        2,
        True,
        ["phone", "cafe"],
    ),
    (
        "Ingrid",
        "ingrid@example.org",
        "Onze zoon is hoogbegaafd en liep vast op school. Nu gaat het goed op een andere school.",
        ["hoogbegaafdheid", "overstap naar het VO"],
        ["regulier basisonderwijs", "voortgezet onderwijs"],
        "13",
        ["Bergen", "Castricum"],
        ["Nederlands"],
        1,
        True,
        ["video", "cafe"],
    ),
    (
        "Youssef",
        "youssef@example.org",
        "Vader van een zoon op het SBO. De overstap was spannend, maar goed.",
        ["speciaal onderwijs", "dyslexie"],
        ["SBO"],
        "8 en 10",
        ["Alkmaar"],
        ["Nederlands", "Arabisch"],
        1,
        True,
        ["phone", "walk"],
    ),
    (
        "Kasia",
        "kasia@example.org",
        "Moeder van een dochter die angstig werd op school. Ik spreek Nederlands en Pools.",
        ["angst en somberheid", "thuiszitten"],
        ["voortgezet onderwijs", "VSO"],
        "15",
        ["Heiloo", "Uitgeest", "Castricum"],
        ["Nederlands", "Pools"],
        2,
        True,
        ["video", "walk"],
    ),
    (
        "Mirjam",
        "mirjam@example.org",
        "Twee kinderen op het SO. Ik denk graag mee over gesprekken met school.",
        ["speciaal onderwijs", "autisme"],
        ["SO", "VSO"],
        "7 en 12",
        ["Dijk en Waard", "Alkmaar"],
        ["Nederlands"],
        1,
        False,
        ["phone"],
    ),
    (
        "Ruud",
        "ruud@example.org",
        "Vader van een zoon met dyslexie en ADHD.",
        ["dyslexie", "ADHD"],
        ["regulier basisonderwijs"],
        "10",
        ["Castricum"],
        ["Nederlands"],
        1,
        True,
        ["cafe"],
    ),
    (
        "Shirley",
        "shirley@example.org",
        "Moeder uit Curaçao, mijn dochter gaat naar het VSO. Ik spreek ook Papiaments.",
        ["speciaal onderwijs", "conflict met school"],
        ["VSO", "SO"],
        "16",
        ["Alkmaar", "Bergen"],
        ["Nederlands", "Papiaments", "Engels"],
        1,
        True,
        ["phone", "video"],
    ),
]

REQUESTS = [
    (
        "Linda",
        "linda@example.org",
        "Alkmaar",
        12,
        "SO",
        ["autisme", "thuiszitten"],
        None,
        "Mijn zoon zit al maanden thuis. Ik zou graag praten met iemand die dit kent.",
        "active",
        "Bram",
    ),
    (
        "Ahmet",
        "ahmet@example.org",
        "Dijk en Waard",
        9,
        "regulier basisonderwijs",
        ["ADHD"],
        "Turks",
        "Ik wil weten hoe ik beter met school kan praten.",
        "proposed",
        "Fatma",
    ),
    (
        "Eva",
        "eva@example.org",
        "Castricum",
        13,
        "voortgezet onderwijs",
        ["hoogbegaafdheid"],
        None,
        "Mijn dochter verveelt zich en is ongelukkig. Wie herkent dit?",
        "active",
        "Ingrid",
    ),
    (
        "Marco",
        "marco@example.org",
        "Heiloo",
        15,
        "VSO",
        ["angst en somberheid"],
        None,
        "Mijn zoon durft niet meer naar school. Ik zoek iemand om mee te praten.",
        None,
        None,
    ),
    (
        "Sara",
        "sara@example.org",
        "Uitgeest",
        6,
        None,
        ["dyslexie"],
        None,
        "Gewoon even sparren met een andere ouder.",
        "ended",
        "Ruud",
    ),
]


def _choices(model, names):
    return {name: model.objects.get_or_create(name=name, defaults={"order": i})[0] for i, name in enumerate(names)}


def load(stdout, scale=1):
    themes = _choices(Theme, THEMES)
    school_types = _choices(SchoolType, SCHOOL_TYPES)
    municipalities = _choices(Municipality, MUNICIPALITIES)
    languages = _choices(Language, LANGUAGES)
    User = get_user_model()
    trained = timezone.localdate() - datetime.timedelta(days=200)
    buddies = {}
    for first, email, intro, t, st, ages, mun, lang, capacity, active, ways in BUDDIES:
        user, _created = User.objects.get_or_create(
            username=email.split("@")[0], defaults={"email": email, "first_name": first}
        )
        buddy, created = BuddyProfile.objects.get_or_create(
            user=user,
            defaults={
                "first_name": first,
                "introduction": intro,
                "children_ages": ages,
                "capacity": capacity,
                "active": active,
                "trained_on": trained,
                "show_on_site": first in ("Bram", "Fatma", "Kasia"),
                "meeting_ways": ways,
            },
        )
        if created:
            buddy.themes.set(themes[n] for n in t)
            buddy.school_types.set(school_types[n] for n in st)
            buddy.municipalities.set(municipalities[n] for n in mun)
            buddy.languages.set(languages[n] for n in lang)
        buddies[first] = buddy
    if BuddyRequest.objects.filter(reference__startswith="BUD-DEMO-").exists():
        return
    now = timezone.now()
    for i, (name, email, mun, age, st, t, lang, hopes, state, buddy_name) in enumerate(REQUESTS):
        buddy_request = BuddyRequest.objects.create(
            reference=f"BUD-DEMO-{i + 1:03d}",
            name=name,
            email=email,
            municipality=municipalities[mun],
            child_age=age,
            school_type=school_types.get(st),
            language=languages.get(lang),
            hopes=hopes,
            consent=True,
            created_at=now - datetime.timedelta(days=40 - i * 5),
        )
        buddy_request.themes.set(themes[n] for n in t)
        if state:
            match = Match(request=buddy_request, buddy=buddies[buddy_name], state=state, reasons=["demo"])
            if state in ("active", "ended"):
                match.decided_at = now - datetime.timedelta(days=30)
                match.start(now - datetime.timedelta(days=28))
            if state == "ended":
                match.ended_at = now - datetime.timedelta(days=2)
                match.end_reason = "Het gaat weer goed; contact in goed overleg afgesloten."
            match.save()
