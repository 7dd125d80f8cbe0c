"""Demo stories, written for the demo: no real persons. Three on the site, one waiting for the netwerkgroep."""

import datetime

from django.utils import timezone

from faq.models import Phase, Theme

from .models import Story

# (phase slug, themes, title, what happened, what helped, proud, name, how shown, published days ago or None)
STORIES = [
    (
        "eerste-zorgen",
        ["Merken en bespreken", "Jij als ouder"],
        "Ik dacht dat ik overdreef",
        "Mijn zoon kwam elke dag stil uit school. Hij at slecht en sliep onrustig. Op school zeiden ze dat het "
        "wel goed ging. Ik dacht: misschien overdrijf ik.\n\nNa een paar weken zei hij ineens: 'Ik ben dom, mama.' "
        "Toen wist ik dat ik iets moest doen.",
        "Ik heb een week lang opgeschreven wat ik zag en wat hij zei. Met dat lijstje ben ik naar de juf gegaan. "
        "Ze schrok ervan, want in de klas zag ze het niet. We spraken af dat we elkaar elke vrijdag even mailen.",
        "Dat ik op mijn gevoel ben blijven vertrouwen. Ik ken mijn kind het best. En hij is er trots op dat hij "
        "nu zelf durft te zeggen als iets te moeilijk is.",
        "Mirjam Voorbeeld",
        Story.NameShown.FIRST_NAME,
        40,
    ),
    (
        "in-gesprek-met-school",
        ["Goed voorbereid"],
        "Met een lijstje naar het gesprek",
        "Voor het eerste gesprek met de intern begeleider was ik erg zenuwachtig. Er zaten vier mensen van school "
        "aan tafel en ik alleen. Ik begreep de helft van de woorden niet en durfde niets te vragen.",
        "Het tweede gesprek ging anders. Ik nam een vriendin mee en een briefje met drie vragen. Bij elk moeilijk "
        "woord vroeg ik: wat bedoelt u daarmee? Aan het eind vroeg ik om de afspraken op papier.",
        "Dat ik het tweede gesprek zelf heb geleid. Mijn dochter krijgt nu twee keer per week extra hulp bij lezen, "
        "en ik weet precies wat er is afgesproken.",
        "Rachida Bakker",
        Story.NameShown.INITIALS,
        25,
    ),
    (
        "thuiszitten",
        ["Je kind is thuis", "Verder kijken"],
        "Elke dag een klein stapje",
        "Onze dochter zat vijf maanden thuis. Ze was zo bang voor school dat ze 's ochtends buikpijn kreeg. "
        "Ik heb in die tijd veel gehuild en me vaak alleen gevoeld.",
        "Een andere moeder in het Oudercafé vertelde dat het bij haar ook zo ging. Dat gaf me moed. Met school en "
        "de leerplichtambtenaar maakten we een plan met hele kleine stappen: eerst samen langs school lopen, toen "
        "een uur in een rustig lokaal.",
        "Vorige week liep ze zelf naar school, met de hond tot aan het hek. Ik ben trots op haar. En ook op mezelf, "
        "omdat ik niet ben opgegeven.",
        "",
        Story.NameShown.ANONYMOUS,
        10,
    ),
    (
        "andere-school",
        ["Speciaal onderwijs"],
        "",
        "Na drie jaar zoeken gaat Daan na de zomer naar een school voor speciaal onderwijs. Ik vond het eerst een "
        "nederlaag. Nu zie ik dat hij daar eindelijk mag zijn wie hij is.",
        "Een dag meelopen op de nieuwe school. Daan kwam thuis en zei: 'Daar snappen ze mij.'",
        "Dat we deze keuze samen met Daan hebben gemaakt.",
        "Fatima Voorbeeld",
        Story.NameShown.FIRST_NAME,
        None,
    ),
]


def load(stdout, scale=1):
    from .models import shown_name_for

    if Story.objects.filter(email__endswith="@example.org").exists():
        return
    phases = {phase.slug: phase for phase in Phase.objects.all()}
    now = timezone.now()
    for i, (slug, themes, title, happened, helped, proud, name, name_shown, days) in enumerate(STORIES):
        created = now - datetime.timedelta(days=(days or 0) + 7)
        story = Story(
            phase=phases.get(slug),
            original_happened=happened,
            original_helped=helped,
            original_proud=proud,
            title=title,
            happened=happened,
            helped=helped,
            proud=proud,
            name=name,
            name_shown=name_shown,
            shown_name=shown_name_for(name, name_shown),
            email=f"verhaal{i + 1}@example.org",
            consent=True,
            created_at=created,
        )
        if days is not None:
            published = now - datetime.timedelta(days=days)
            story.state = Story.State.PUBLISHED
            story.clean_texts()
            story.approved_digest = story.digest()
            story.approval_requested_at = story.approved_at = story.published_at = published
        story.save()
        story.themes.set(Theme.objects.filter(phase__slug=slug, name__in=themes))
