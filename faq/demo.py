"""Demo content for Vragen: phases, themes, questions and glossary terms in plain Dutch (B1)."""

import datetime

from django.utils import timezone
from django.utils.text import slugify

from . import search
from .models import HelpfulVote, MissedSearch, Phase, Question, Term, Theme

PHASES = [
    (
        "eerste-zorgen",
        "Eerste zorgen",
        "Je merkt dat het op school niet goed gaat met je kind, maar er is nog niets geregeld.",
        "je kind niet lekker in zijn vel zit op school, moeite heeft met leren, of thuis vaak boos of verdrietig is.",
        "Ik maak me zorgen over hoe het op school gaat.",
    ),
    (
        "in-gesprek-met-school",
        "In gesprek met school",
        "Je praat met de leerkracht of de intern begeleider over wat je kind nodig heeft.",
        "je al een gesprek hebt gehad, of er een wilt aanvragen, en wilt weten hoe je dat goed aanpakt.",
        "Ik praat met school over extra hulp.",
    ),
    (
        "extra-ondersteuning",
        "Extra ondersteuning",
        "Je kind krijgt extra hulp op school, soms met een ontwikkelingsperspectief (OPP).",
        "er een plan is voor je kind, of als school zegt dat de gewone hulp niet genoeg is.",
        "Mijn kind krijgt extra hulp of heeft een OPP.",
    ),
    (
        "andere-school",
        "Een andere school",
        "Je denkt na over speciaal (basis)onderwijs of een andere school die beter past.",
        "school of jij denkt dat je kind op een andere plek beter tot zijn recht komt.",
        "We denken aan een andere of speciale school.",
    ),
    (
        "vastgelopen",
        "Vastgelopen",
        "Je komt er met school niet meer uit, of je voelt je niet gehoord.",
        "gesprekken steeds lastiger worden, je boos of moe bent, of als je niet meer weet wie je kunt vertrouwen.",
        "We komen er met school niet meer uit.",
    ),
    (
        "thuiszitten",
        "Thuiszitten",
        "Je kind gaat niet of maar een paar uur naar school.",
        "je kind langer dan een paar weken thuis is, of maar een paar uur per week naar school gaat.",
        "Mijn kind zit thuis en gaat niet naar school.",
    ),
]

# phase slug -> [(theme, [(title, answer html), ...]), ...]
QUESTIONS = {
    "eerste-zorgen": [
        (
            "Merken en bespreken",
            [
                (
                    "Ik maak me zorgen over mijn kind op school. Wat kan ik doen?",
                    """<p>Je kent je kind het best. Als je je zorgen maakt, is dat een goede reden om met school te
praten. Je hoeft niet te wachten tot het rapport of de tien-minutengesprekken.</p>
<ul><li>Schrijf op wat je ziet: wanneer gaat het mis, en wanneer gaat het juist goed?</li>
<li>Vraag een gesprek aan met de leerkracht. Zeg erbij waar je het over wilt hebben.</li>
<li>Vraag wat de leerkracht in de klas ziet. Soms ziet school iets anders dan jij thuis.</li></ul>
<p>Maak samen een afspraak wanneer jullie weer praten. Zo blijf je het volgen.</p>""",
                ),
                (
                    "Mijn kind is thuis heel anders dan op school. Hoe kan dat?",
                    """<p>Dat komt vaak voor. Veel kinderen houden zich op school de hele dag groot. Thuis, waar ze
zich veilig voelen, komt alle spanning eruit. Dat heet het <strong>colafles-effect</strong>: zoals bij een
fles cola die je schudt, bouwt de spanning zich op, en thuis gaat de dop eraf.</p>
<p>Het betekent niet dat jij iets fout doet. Vertel school wat je thuis ziet, ook als het in de klas
rustig lijkt. Vraag of de leerkracht let op kleine signalen, zoals moe zijn of zich terugtrekken.</p>""",
                ),
                (
                    "Wie is de intern begeleider en wat kan die voor ons doen?",
                    """<p>De IB'er is de collega op school die meedenkt over kinderen die extra hulp nodig hebben.
De IB'er helpt de leerkracht en kan onderzoek of hulp van buiten school regelen.</p>
<p>Je mag zelf vragen of de IB'er bij een gesprek aanschuift. Dat is handig als je het gevoel hebt dat
het probleem groter is dan één klas of één jaar.</p>""",
                ),
            ],
        ),
        (
            "Jij als ouder",
            [
                (
                    "Ik voel me schuldig. Had ik het eerder moeten zien?",
                    """<p>Veel ouders voelen dat. Toch is het niet eerlijk tegenover jezelf. Zorgen groeien vaak
langzaam, en je kind verandert ook. Dat je nu in actie komt, is precies wat een goede ouder doet.</p>
<p>Praten met andere ouders helpt vaak. In het Oudercafé merk je dat je niet de enige bent. Een buddy is een
ouder die dit ook heeft meegemaakt en naar je luistert.</p>""",
                ),
                (
                    "Moet ik school vertellen over de diagnose van mijn kind?",
                    """<p>Dat is jouw keuze. Je bent niet verplicht om een diagnose te delen. Wel helpt het school vaak
om je kind beter te begrijpen en de juiste hulp te geven.</p>
<p>Je kunt ook alleen vertellen wat je kind nodig heeft, zonder de diagnose te noemen. Bijvoorbeeld: "Hij
heeft rust nodig bij een overgang" of "Zij leert beter als ze weet wat er komt."</p>""",
                ),
            ],
        ),
    ],
    "in-gesprek-met-school": [
        (
            "Goed voorbereid",
            [
                (
                    "Hoe bereid ik een gesprek met school voor?",
                    """<p>Een goed gesprek begint thuis. Neem een kwartier de tijd:</p>
<ul><li>Wat wil je dat er na het gesprek anders is? Schrijf één of twee doelen op.</li>
<li>Welke voorbeelden heb je? Concrete voorbeelden zeggen meer dan "het gaat niet goed".</li>
<li>Wat gaat er wél goed? Dat helpt school om te zien wat werkt.</li></ul>
<p>Neem je lijstje mee. Vraag aan het eind wie wat gaat doen, en wanneer jullie elkaar weer spreken.</p>""",
                ),
                (
                    "Mag ik iemand meenemen naar een gesprek?",
                    """<p>Ja. Je mag altijd iemand meenemen: je partner, een familielid, een vriend of een buddy van
het Oudersteunpunt. Laat school wel van tevoren weten wie er meekomt.</p>
<p>Een tweede persoon kan aantekeningen maken en na afloop met je nabespreken wat er is gezegd. Dat
geeft rust, vooral bij lastige gesprekken.</p>""",
                ),
                (
                    "Wat zet school op papier, en mag ik dat lezen?",
                    """<p>School houdt een leerlingdossier bij. Daarin staan bijvoorbeeld toetsen, verslagen van
gesprekken en afspraken. Als ouder mag je het dossier van je kind inzien. Vraag het aan de directeur of de IB'er.</p>
<p>Klopt er iets niet? Dan mag je vragen om het te verbeteren, of je eigen reactie toe te voegen.</p>""",
                ),
            ],
        ),
        (
            "Samen afspraken maken",
            [
                (
                    "Wat is een groeidocument?",
                    """<p>In een groeidocument schrijft school samen met jou op wat je kind kan, wat het nodig heeft,
en wat iedereen gaat doen. Het document groeit mee: steeds als er iets verandert, wordt het aangevuld.</p>
<p>Het groeidocument is ook nodig als school extra hulp aanvraagt bij het samenwerkingsverband. Jouw
inbreng hoort erin. Lees het goed en zeg het als je iets mist.</p>""",
                ),
                (
                    "Wat kan ik doen als afspraken niet worden nagekomen?",
                    """<p>Het gebeurt helaas vaker dan je zou willen. Begin met een vriendelijke vraag aan de
leerkracht of IB'er: "We hadden afgesproken dat…, hoe staat het daarmee?"</p>
<p>Leg afspraken voortaan vast in een korte mail na het gesprek. Gebeurt er dan nog niets, vraag dan een
gesprek aan met de directeur. Je kunt ook de consulent passend onderwijs om raad vragen.</p>""",
                ),
            ],
        ),
    ],
    "extra-ondersteuning": [
        (
            "Het OPP",
            [
                (
                    "Wat is een OPP en waarom krijgt mijn kind er een?",
                    """<p>Een OPP is een plan voor kinderen die meer hulp nodig hebben dan school normaal geeft. Er
staat in wat je kind waarschijnlijk kan bereiken, en welke hulp daarvoor nodig is.</p>
<p>School moet met jou overleggen over het OPP. Je hebt <strong>instemmingsrecht</strong> op het deel over de
hulp: zonder jouw handtekening onder dat deel kan het plan niet doorgaan.</p>""",
                ),
                (
                    "Ik ben het niet eens met het OPP. Wat nu?",
                    """<p>Zeg het eerst tegen school, liefst in een gesprek en daarna op papier. Leg uit wat je anders
wilt en waarom. Vaak kom je er samen uit.</p>
<p>Lukt dat niet, dan hoef je niet te tekenen voor het handelingsdeel. Je kunt de consulent passend onderwijs vragen om mee te
denken. Als laatste stap kun je naar de Geschillencommissie passend onderwijs.</p>""",
                ),
                (
                    "Hoe vaak wordt het OPP besproken?",
                    """<p>School bespreekt het OPP minstens één keer per jaar met jou. Het is verstandig om het vaker
te doen, bijvoorbeeld elk half jaar of na een grote verandering.</p>
<p>Vraag bij elk gesprek: wat werkt, wat niet, en wat passen we aan? Zo blijft het plan echt van je kind.</p>""",
                ),
            ],
        ),
        (
            "Hulp in en om school",
            [
                (
                    "Wat is het verschil tussen basisondersteuning en extra ondersteuning?",
                    """<p>Basisondersteuning is de hulp die elke school in het samenwerkingsverband moet kunnen geven.
Bijvoorbeeld extra uitleg, een rustige werkplek of hulp bij dyslexie.</p>
<p>Extra ondersteuning is meer dan dat, zoals een onderwijsassistent, een aangepast programma of hulp van
een specialist. In het schoolondersteuningsprofiel lees je wat jouw school precies kan bieden.</p>""",
                ),
                (
                    "Wat doet het SOT, en mag ik daarbij zijn?",
                    """<p>In het SOT praten school, ouders en deskundigen samen over wat een kind nodig heeft. Er zit
vaak iemand van het samenwerkingsverband bij, soms ook jeugdhulp.</p>
<p>Jij hoort erbij. Jij kent je kind het best, dus jouw verhaal is belangrijk. Bereid het gesprek voor zoals
elk ander gesprek met school, en neem gerust iemand mee.</p>""",
                ),
            ],
        ),
    ],
    "andere-school": [
        (
            "Speciaal onderwijs",
            [
                (
                    "Wat is een TLV en hoe vraag je die aan?",
                    """<p>Een TLV is nodig om naar het speciaal basisonderwijs (SBO) of speciaal onderwijs (SO) te
gaan. School vraagt de TLV aan bij het samenwerkingsverband, samen met jou.</p>
<ul><li>School vult het groeidocument in.</li>
<li>Jij mag je eigen mening toevoegen.</li>
<li>Het samenwerkingsverband besluit, na advies van twee deskundigen.</li></ul>
<p>Een TLV geldt voor een bepaalde tijd. Daarna wordt gekeken of je kind nog steeds op die plek hoort.</p>""",
                ),
                (
                    "Wat is het verschil tussen SBO en SO?",
                    """<p>Op het SBO zitten kinderen in kleinere klassen met meer begeleiding. Het lijkt veel op een
gewone basisschool, maar met meer tijd en rust.</p>
<p>Het SO is voor kinderen die nog meer nodig hebben, bijvoorbeeld door een lichamelijke beperking, een
ziekte of ernstige gedragsproblemen. Voor oudere leerlingen is er het voortgezet speciaal onderwijs (VSO).</p>""",
                ),
                (
                    "Is de overstap naar het speciaal onderwijs een stap terug?",
                    """<p>Veel ouders voelen dat zo. Toch vertellen ouders achteraf vaak dat hun kind weer opbloeide:
eindelijk een plek waar het kan zijn wie het is.</p>
<p>Kijk samen met je kind rond op een paar scholen. Vraag hoe kinderen daar terug kunnen stromen naar het
gewone onderwijs, als dat later past. De overstap is geen eindstation.</p>""",
                ),
            ],
        ),
        (
            "Kiezen en wisselen",
            [
                (
                    "Wat betekent zorgplicht?",
                    """<p>Zorgplicht betekent dat een school moet zorgen voor een passende plek voor een kind dat extra
ondersteuning nodig heeft. Dat kan op de eigen school zijn, of op een andere school die het kind wil
aannemen.</p>
<p>De zorgplicht begint als je je kind schriftelijk aanmeldt en zegt dat het extra ondersteuning nodig
heeft. De school heeft dan zes weken om een plek te vinden, en mag dat één keer met vier weken verlengen.</p>""",
                ),
                (
                    "Hoe vind ik een school die past bij mijn kind?",
                    """<p>Begin bij wat je kind nodig heeft, niet bij de naam van de school. Lees het
schoolondersteuningsprofiel van scholen in de buurt, en ga op bezoek.</p>
<ul><li>Vraag naar een kind zoals het jouwe: hoe zouden ze dat aanpakken?</li>
<li>Let op de sfeer: hoe praten leerkrachten met kinderen?</li>
<li>Vraag andere ouders naar hun ervaring, bijvoorbeeld in het Oudercafé.</li></ul>""",
                ),
            ],
        ),
    ],
    "vastgelopen": [
        (
            "Als het schuurt",
            [
                (
                    "School en ik komen er samen niet meer uit. Wat nu?",
                    """<p>Neem even afstand. Het is normaal om boos of verdrietig te zijn als het niet lukt. Praat er
met iemand over die niet bij school hoort: een vriend, een buddy of de consulent passend onderwijs.</p>
<p>Een nieuw gesprek met een onafhankelijke gespreksleider helpt vaak. Een onderwijsconsulent kan zo'n
gesprek begeleiden. De consulent passend onderwijs denkt ook met je mee.</p>""",
                ),
                (
                    "Waar kan ik een klacht indienen?",
                    """<p>Begin altijd bij school zelf. Elke school heeft een klachtenregeling, die staat in de
schoolgids. Meestal is er ook een vertrouwenspersoon.</p>
<ul><li>Gaat het over toelating, verwijdering of het OPP? Dan kun je naar de Geschillencommissie passend
onderwijs.</li>
<li>Gaat het over een besluit van het samenwerkingsverband, zoals een TLV? Dan kun je eerst bezwaar maken bij het
samenwerkingsverband.</li></ul>
<p>Twijfel je welke weg je moet kiezen? De consulent passend onderwijs helpt je op weg.</p>""",
                ),
                (
                    "Wat kan de onderwijsconsulent voor ons doen?",
                    """<p>Onderwijsconsulenten zijn onafhankelijk en gratis. Ze helpen ouders en scholen als een kind
geen passende plek heeft of dreigt te verliezen. Ze luisteren naar iedereen en zoeken samen naar een oplossing.</p>
<p>Je kunt zelf contact met ze opnemen. School of het samenwerkingsverband kan dat ook, maar alleen met jouw
toestemming.</p>""",
                ),
            ],
        ),
        (
            "Zorgen voor jezelf",
            [
                (
                    "Hoe zorg ik voor mezelf als het zwaar is?",
                    """<p>Als ouder geef je veel. Om dat vol te houden, moet er ook iets terugkomen. Dat is geen luxe,
maar nodig.</p>
<ul><li>Plan elke week iets wat jou energie geeft, hoe klein ook.</li>
<li>Deel de zorg: vraag familie of vrienden om concrete hulp.</li>
<li>Praat met ouders die het kennen. In het Oudercafé en bij een buddy hoef je niets uit te leggen.</li></ul>
<p>Wees ook trots op wat je allemaal al doet. Dat mag best gezegd worden.</p>""",
                ),
                (
                    "Wat is een buddy en wat kan die voor mij betekenen?",
                    """<p>Een buddy is een ouder met een kind dat ook extra ondersteuning nodig heeft. Alle buddy's
hebben de training tot ervaringsdeskundige ouder gevolgd.</p>
<p>Een buddy luistert, deelt ervaringen en denkt met je mee. Een buddy is geen hulpverlener en neemt het
gesprek met school niet over. Je kunt een buddy aanvragen via de buddypagina; je hebt geen account nodig.</p>""",
                ),
            ],
        ),
    ],
    "thuiszitten": [
        (
            "Je kind is thuis",
            [
                (
                    "Mijn kind zit thuis. Wat moet ik als eerste doen?",
                    """<p>Laat school direct weten dat je kind niet naar school gaat, en waarom. School moet dan samen
met jou en het samenwerkingsverband zoeken naar een oplossing. Een thuiszitter mag niet worden vergeten.</p>
<p>Dit kun je deze week doen:</p>
<ol><li>Vraag school om een gesprek, binnen een week. Vraag of de intern begeleider er ook bij is.</li>
<li>Houd bij sinds wanneer je kind thuis is, en welke gesprekken er zijn geweest.</li>
<li>Vraag om een plan op papier: wat gebeurt er de komende weken, wie doet wat, en wanneer praten jullie
weer?</li>
<li>Bel ons of stel je vraag via de <a href="/contact/">contactpagina</a>. De consulent passend onderwijs
denkt met je mee en kan mee naar een gesprek.</li></ol>
<p>Kom je er met school niet uit? Dan kun je gratis hulp vragen aan de <a
href="https://www.onderwijsconsulenten.nl">Onderwijsconsulenten</a>. Zij helpen als een kind geen passende
plek heeft.</p>""",
                ),
                (
                    "Krijg ik problemen met de leerplichtambtenaar?",
                    """<p>De leerplichtambtenaar van de gemeente let erop dat kinderen naar school gaan. Dat voelt
soms als controle, maar de leerplichtambtenaar kijkt ook naar wat er achter het thuiszitten zit, en helpt
zoeken naar een passende plek.</p>
<p>Of er een boete of een proces-verbaal komt, beslist de leerplichtambtenaar. Niemand kan dat vooraf
beloven. Wel helpt het als je:</p>
<ul><li>vroeg met school en de leerplichtambtenaar praat, en vertelt wat er speelt;</li>
<li>contact houdt en je aan afspraken houdt;</li>
<li>bijhoudt welke gesprekken er zijn geweest en wat er is afgesproken;</li>
<li>vraagt of een vrijstelling kan, maar alleen als die past bij de situatie van je kind.</li></ul>
<p>Vraag de leerplichtambtenaar gerust mee te denken. De consulent passend onderwijs kan ook meedenken.</p>""",
                ),
                (
                    "Kan mijn kind een deel van de tijd naar school?",
                    """<p>Ja, dat kan. Een paar uur per dag of per week is vaak een goede eerste stap. School maakt
dan een plan om langzaam op te bouwen, samen met jou en je kind.</p>
<p>Kan je kind door lichamelijke of psychische redenen (nog) niet de hele tijd naar school? Dan kan een
vrijstelling nodig zijn. Die vraag je als ouder zelf aan bij de leerplichtambtenaar, niet school. Voor een
vrijstelling om deze redenen is een verklaring van een arts of psycholoog nodig. Vraag altijd wanneer het
plan weer wordt bekeken.</p>""",
                ),
            ],
        ),
        (
            "Verder kijken",
            [
                (
                    "Mijn kind is al maanden thuis. Hoe houd ik hoop?",
                    """<p>Lange tijd thuis zijn is zwaar, voor je kind en voor jou. Kleine stappen tellen: een
wandeling, een hobby, contact met een vriend. Dat is ook ontwikkeling.</p>
<p>Zoek steun voor jezelf, bijvoorbeeld bij een buddy die ook een thuiszittend kind heeft gehad. En
blijf school en het samenwerkingsverband vragen om een plan. Je mag daar om blijven vragen.</p>""",
                ),
                (
                    "Wat is het Passend-onderwijs-café?",
                    """<p>In het Passend-onderwijs-café praten ouders en professionals samen over een thema, zoals
thuiszitten of de overstap naar de middelbare school. Iedereen leert van elkaars kant van het verhaal.</p>
<p>Je kunt je aanmelden via de agenda. Je hoeft niets voor te bereiden; luisteren mag ook.</p>""",
                ),
            ],
        ),
    ],
}

TERMS = [
    (
        "OPP",
        "ontwikkelingsperspectiefplan",
        "Een plan voor een kind dat extra ondersteuning krijgt. Er staat in wat je kind waarschijnlijk kan bereiken en welke hulp het daarvoor krijgt.",
        "ontwikkelingsperspectief",
    ),
    (
        "TLV",
        "toelaatbaarheidsverklaring",
        "Een besluit van het samenwerkingsverband dat een kind naar het speciaal basisonderwijs of speciaal onderwijs mag.",
        "toelaatbaarheidsverklaring",
    ),
    (
        "IB'er",
        "intern begeleider",
        "De collega op school die meedenkt over leerlingen die extra hulp nodig hebben, en de leerkracht daarbij helpt.",
        "intern begeleider",
    ),
    (
        "SOT",
        "schoolondersteuningsteam",
        "Een overleg waarin school, ouders en deskundigen samen bespreken wat een kind nodig heeft.",
        "schoolondersteuningsteam",
    ),
    (
        "zorgplicht",
        "",
        "De plicht van een school om een passende plek te zoeken voor een kind dat extra ondersteuning nodig heeft.",
        "",
    ),
    (
        "thuiszitter",
        "",
        "Een kind dat leerplichtig is, maar niet of nauwelijks naar school gaat.",
        "thuiszitten, thuiszitters, thuiszittend",
    ),
    (
        "groeidocument",
        "",
        "Een document waarin school en ouders samen opschrijven wat een kind kan, wat het nodig heeft en wie wat doet.",
        "",
    ),
    (
        "SBO",
        "speciaal basisonderwijs",
        "Basisonderwijs in kleinere klassen met meer begeleiding. Je hebt een TLV nodig.",
        "speciaal basisonderwijs",
    ),
    (
        "SO",
        "speciaal onderwijs",
        "Onderwijs voor kinderen die veel extra ondersteuning nodig hebben, bijvoorbeeld door een beperking of ziekte.",
        "speciaal onderwijs",
    ),
    (
        "VSO",
        "voortgezet speciaal onderwijs",
        "Speciaal onderwijs voor leerlingen vanaf ongeveer 12 jaar.",
        "voortgezet speciaal onderwijs",
    ),
    (
        "schoolondersteuningsprofiel",
        "SOP",
        "Een beschrijving van de ondersteuning die een school kan geven. Elke school heeft er een.",
        "ondersteuningsprofiel",
    ),
    (
        "onderwijsconsulent",
        "",
        "Een onafhankelijke deskundige die gratis helpt als een kind geen passende plek heeft of dreigt te verliezen.",
        "onderwijsconsulenten",
    ),
    (
        "samenwerkingsverband",
        "",
        "De samenwerking van alle scholen in een regio. Samen zorgen ze dat elk kind een passende plek krijgt.",
        "samenwerkingsverbanden",
    ),
    (
        "passend onderwijs",
        "",
        "De afspraak dat elk kind onderwijs krijgt dat past bij wat het kan en nodig heeft, zo dicht mogelijk bij huis.",
        "",
    ),
    (
        "leerplichtambtenaar",
        "",
        "De medewerker van de gemeente die let op kinderen die niet naar school gaan, en helpt een oplossing te vinden.",
        "",
    ),
    ("basisondersteuning", "", "De hulp die elke school in het samenwerkingsverband minstens moet kunnen geven.", ""),
    (
        "extra ondersteuning",
        "",
        "Hulp die verder gaat dan de basisondersteuning, zoals een onderwijsassistent of een aangepast programma.",
        "",
    ),
    (
        "arrangement",
        "",
        "Een afspraak over extra hulp, geld of begeleiding voor één kind of een groep kinderen.",
        "arrangementen",
    ),
    (
        "MDO",
        "multidisciplinair overleg",
        "Een overleg met mensen van verschillende beroepen over een kind, bijvoorbeeld school, jeugdhulp en ouders.",
        "multidisciplinair overleg",
    ),
    (
        "vrijstelling",
        "",
        "Toestemming om een kind (een deel van de tijd) niet naar school te laten gaan. Ouders vragen die aan bij de leerplichtambtenaar.",
        "",
    ),
    (
        "Geschillencommissie passend onderwijs",
        "",
        "Een onafhankelijke commissie waar ouders terechtkunnen bij een conflict met school over toelating, verwijdering of het OPP.",
        "geschillencommissie",
    ),
    (
        "MR",
        "medezeggenschapsraad",
        "Een raad van ouders en leerkrachten die meepraat over het beleid van de school.",
        "medezeggenschapsraad",
    ),
    (
        "OPR",
        "ondersteuningsplanraad",
        "Een raad van ouders en leraren die meepraat over het plan van het samenwerkingsverband.",
        "ondersteuningsplanraad",
    ),
    ("jeugdhulp", "", "Hulp van de gemeente voor kinderen en gezinnen, bijvoorbeeld bij opvoeden of gedrag.", ""),
    (
        "leerplicht",
        "",
        "De wet die zegt dat kinderen vanaf 5 jaar naar school moeten, tot het einde van het schooljaar waarin ze 16 worden.",
        "leerplichtig",
    ),
    (
        "ervaringsdeskundige ouder",
        "",
        "Een ouder die zelf een kind met een extra ondersteuningsbehoefte heeft, en getraind is om andere ouders te steunen.",
        "ervaringsdeskundig",
    ),
    (
        "instemmingsrecht",
        "",
        "Het recht van ouders om wel of niet akkoord te gaan met het deel van het OPP over de hulp.",
        "",
    ),
]


def load(stdout, scale=1):
    for term, meaning, explanation, variants in TERMS:
        Term.objects.get_or_create(
            term=term, defaults={"meaning": meaning, "explanation": explanation, "variants": variants}
        )
    today = timezone.localdate()
    questions = {}
    for order, (slug, name, description, here_if, statement) in enumerate(PHASES):
        phase, _created = Phase.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "order": order,
                "description": description,
                "you_are_here_if": here_if,
                "chooser_statement": statement,
            },
        )
        for theme_order, (theme_name, items) in enumerate(QUESTIONS[slug]):
            theme, _created = Theme.objects.get_or_create(
                phase=phase, name=theme_name, defaults={"order": theme_order}
            )
            for q_order, (title, answer) in enumerate(items):
                # One answer is deliberately overdue, so the review list has something to show.
                reviewed = today - datetime.timedelta(days=400 if q_order == 2 and theme_order == 0 else 30 + q_order)
                question, _created = Question.objects.get_or_create(
                    slug=slugify(title)[:200],
                    defaults={
                        "phase": phase,
                        "theme": theme,
                        "title": title,
                        "answer": " ".join(answer.split()),
                        "order": q_order,
                        "last_reviewed": reviewed,
                        "sources": "\n".join(SOURCES.get(title, [])),
                    },
                )
                questions[title] = question
    link_related(questions)
    load_signals(list(questions.values()))
    if scale > 1:
        load_scaled(scale)


RIJKSOVERHEID_PO = "Passend onderwijs (Rijksoverheid) | https://www.rijksoverheid.nl/onderwerpen/passend-onderwijs"
OUDERS_ONDERWIJS = "Ouders & Onderwijs | https://www.oudersenonderwijs.nl"
CONSULENTEN = "Onderwijsconsulenten | https://www.onderwijsconsulenten.nl"
LEERPLICHT = "Leerplicht (Rijksoverheid) | https://www.rijksoverheid.nl/onderwerpen/leerplicht"
LEERPLICHTWET = "Leerplichtwet 1969 (wetten.overheid.nl) | https://wetten.overheid.nl/BWBR0002628"
GESCHILLEN = "Geschillencommissie passend onderwijs | https://www.onderwijsgeschillen.nl"

# question title -> its sources, one "title | url" per line (only stable, official addresses)
SOURCES = {
    "Wat is een OPP en waarom krijgt mijn kind er een?": [RIJKSOVERHEID_PO, OUDERS_ONDERWIJS],
    "Ik ben het niet eens met het OPP. Wat nu?": [OUDERS_ONDERWIJS, GESCHILLEN],
    "Hoe vaak wordt het OPP besproken?": [RIJKSOVERHEID_PO],
    "Wat is het verschil tussen basisondersteuning en extra ondersteuning?": [RIJKSOVERHEID_PO],
    "Wat is een TLV en hoe vraag je die aan?": [RIJKSOVERHEID_PO, OUDERS_ONDERWIJS],
    "Wat betekent zorgplicht?": [RIJKSOVERHEID_PO, OUDERS_ONDERWIJS],
    "Waar kan ik een klacht indienen?": [GESCHILLEN, OUDERS_ONDERWIJS],
    "Wat kan de onderwijsconsulent voor ons doen?": [CONSULENTEN],
    "School en ik komen er samen niet meer uit. Wat nu?": [CONSULENTEN, OUDERS_ONDERWIJS],
    "Mijn kind zit thuis. Wat moet ik als eerste doen?": [CONSULENTEN, LEERPLICHT],
    "Krijg ik problemen met de leerplichtambtenaar?": [LEERPLICHT, LEERPLICHTWET],
    "Kan mijn kind een deel van de tijd naar school?": [LEERPLICHT, LEERPLICHTWET],
    "Wat zet school op papier, en mag ik dat lezen?": [OUDERS_ONDERWIJS],
}


RELATED = [
    ("Hoe bereid ik een gesprek met school voor?", "Mag ik iemand meenemen naar een gesprek?"),
    ("Wat is een OPP en waarom krijgt mijn kind er een?", "Ik ben het niet eens met het OPP. Wat nu?"),
    ("Wat is een TLV en hoe vraag je die aan?", "Wat is het verschil tussen SBO en SO?"),
    ("Mijn kind zit thuis. Wat moet ik als eerste doen?", "Krijg ik problemen met de leerplichtambtenaar?"),
    ("Hoe zorg ik voor mezelf als het zwaar is?", "Wat is een buddy en wat kan die voor mij betekenen?"),
    ("School en ik komen er samen niet meer uit. Wat nu?", "Waar kan ik een klacht indienen?"),
    ("Wat betekent zorgplicht?", "Hoe vind ik een school die past bij mijn kind?"),
]


def link_related(questions):
    for a, b in RELATED:
        questions[a].related.add(questions[b])


def load_scaled(scale):
    """Many extra questions for the benchmark, written once (idempotent by slug)."""
    phases = list(Phase.objects.all())
    wanted = 10 * scale
    existing = Question.objects.filter(slug__startswith="extra-vraag-").count()
    base = Question.objects.exclude(slug__startswith="extra-vraag-").order_by("pk")
    answers = list(base.values_list("answer", flat=True)) or ["<p>Een antwoord.</p>"]
    # The answers repeat: index each once (the tests build 10,000 questions).
    indexes = {answer: search.index_text(answer) for answer in answers}
    new = []
    for i in range(existing, wanted):
        title = f"Extra vraag {i + 1} over school en ondersteuning"
        answer = answers[i % len(answers)]
        # bulk_create skips save(), so the search index is filled in here.
        new.append(
            Question(
                phase=phases[i % len(phases)],
                title=title,
                slug=f"extra-vraag-{i + 1}",
                answer=answer,
                order=100 + i,
                title_index=search.index_text(title),
                body_index=indexes[answer],
            )
        )
    Question.objects.bulk_create(new, batch_size=500)


MISSED = [("pgb zorgkosten", 7), ("autisme zwemles", 4), ("bijles vergoeding", 3), ("dyscalculie", 2)]


def load_signals(questions):
    """Some anonymous feedback and searches without results, so the overview has something to show."""
    if HelpfulVote.objects.exists():
        return
    now = timezone.now()
    votes = [HelpfulVote(question=questions[i % len(questions)], helpful=i % 4 != 0) for i in range(90)]
    HelpfulVote.objects.bulk_create(votes)
    for i, vote in enumerate(votes):
        vote.created_at = now - datetime.timedelta(days=(i * 4) % 360)
    HelpfulVote.objects.bulk_update(votes, ["created_at"])
    for question in questions:
        Question.objects.filter(pk=question.pk).update(
            helpful_yes=question.votes.filter(helpful=True).count(),
            helpful_no=question.votes.filter(helpful=False).count(),
        )
    for words, count in MISSED:
        MissedSearch.objects.get_or_create(words=words, defaults={"count": count})
