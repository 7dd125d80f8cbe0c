"""Demo content for the core: the fixed pages, contact details and a user per role.

Everything here is written so that running it twice changes nothing.
"""

from datetime import date

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from . import registry, roles
from .models import Page, SiteSettings

DEMO_PASSWORD = "oudersteunpunt-demo"  # demo only, printed by make run
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXP"

# (e-mail, first name, role or None, staff?); parts add their own (registry.register_demo_users).
DEMO_USERS = [
    ("beheerder@example.org", "Bea", roles.BEHEERDER, True),
    ("netwerkgroep@example.org", "Nora", roles.NETWERKGROEP, True),
    ("consulent@example.org", "Carla", roles.CONSULENT, True),
]

PAGES = {
    "over-ons": (
        "Over het Oudersteunpunt",
        "Ouders helpen ouders, samen met het samenwerkingsverband.",
        """
<p>Het Oudersteunpunt is er voor ouders van een kind dat op school extra hulp of ondersteuning nodig heeft.
We willen dat passend onderwijs vriendelijker wordt voor ouders, en dat ouders sterker staan.</p>
<h2>Wie zijn wij?</h2>
<p>Het Oudersteunpunt is bedacht en opgezet door de <strong>netwerkgroep</strong>: ouders die zelf een kind
hebben met een extra onderwijs- of ondersteuningsbehoefte. We komen een paar keer per jaar bij elkaar en houden
deze website bij. De consulent passend onderwijs van het samenwerkingsverband werkt met ons samen.</p>
<h2>Wat doen we?</h2>
<ul>
<li>We luisteren, zonder oordeel. Je mag je verhaal kwijt.</li>
<li>We denken mee over de volgende stap, maar we nemen de rol van school niet over.</li>
<li>We brengen ouders met elkaar in contact: vier keer per jaar in het Oudercafé, en via een buddy.</li>
<li>In het Passend-onderwijs-café praten ouders en professionals samen over een thema.</li>
<li>In dialoogsessies vertellen ouders aan professionals wat ze meemaken.</li>
</ul>
<p>Waarom we zo werken, lees je in <a href="/visie/">onze visie</a>.</p>
<h2>Zo bereik je ons</h2>
<ul>
<li>Bel of stel je vraag via de <a href="/contact/">contactpagina</a>. De consulent passend onderwijs neemt
contact met je op.</li>
<li>Kom naar een café: de data staan in de <a href="/agenda/">agenda</a>.</li>
<li>Wil je zelf meedoen, in de netwerkgroep of als buddy? Kijk bij <a href="/doe-mee/">doe mee</a>.</li>
</ul>
<h2>Met wie werken we samen?</h2>
<ul>
<li><a href="https://www.stichtingbmp.nl">Stichting BMP</a>, de uitgever van het Ouderschapsspel. Dat spel
gebruiken we in het Oudercafé.</li>
<li><a href="https://schouders.nl">Schouders</a>.</li>
</ul>
""",
    ),
    "visie": (
        "Onze visie",
        "Ouders worden sterker door elkaar, en door professionals die écht luisteren.",
        """
<p>Het Oudersteunpunt werkt vanuit de ouderschapstheorie van Alice van der Pas. Die gaat ervan uit dat ouders
kracht en veerkracht halen uit vier <em>buffers</em>. Alles wat we doen, moet minstens één daarvan versterken.</p>
<h2>1. Een solidaire gemeenschap</h2>
<p>Je bent niet de enige. In het Oudercafé en bij een buddy ontmoet je ouders die hetzelfde meemaken en je zonder
uitleg begrijpen. In het Oudercafé helpt het Ouderschapsspel daarbij: een gespreksspel met kaarten over
opvoeden, dat je in een kleine groep speelt.</p>
<h2>2. Een goede taakverdeling</h2>
<p>Ouders en professionals hebben elk hun eigen rol. Wij helpen je te zien wat je van school en het
samenwerkingsverband mag verwachten, en wat je bij hen mag laten liggen.</p>
<h2>3. Even uit de situatie stappen</h2>
<p>Door erover te praten kijk je er even van een afstandje naar. Dat heet de metapositie. Vaak zie je dan zelf de
volgende stap.</p>
<h2>4. Goede-ouder-ervaringen</h2>
<p>Je doet meer dan je denkt. We staan stil bij wat lukt, zodat je trots mag zijn op jezelf als ouder.</p>
<h2>Wat dit vraagt van professionals</h2>
<p>Professionals die nieuwsgierig zijn naar wat er bij ouders speelt, en elke ouder willen begrijpen. Daarom
vertellen ouders in dialoogsessies over hun ervaringen. Zo groeit het begrip aan beide kanten.</p>
<p>En omdat ouders steeds andere dingen nodig hebben, is het Oudersteunpunt nooit helemaal af.</p>
""",
    ),
    "disclaimer": (
        "Disclaimer",
        "Wat je wel en niet van de informatie op deze website mag verwachten.",
        """
<p>De informatie op deze website is algemeen. Je kunt er geen rechten aan ontlenen. Elke situatie is anders:
twijfel je, neem dan contact met ons op.</p>
<p>We doen ons best om alles juist, volledig en actueel te houden. Toch kan er iets niet kloppen of verouderd zijn.
Het Oudersteunpunt is niet aansprakelijk voor schade die ontstaat doordat je de informatie op deze website
gebruikt.</p>
<p>Zie je iets wat niet klopt, of mis je iets? Laat het ons weten via de contactpagina. Daar zijn we blij mee.</p>
<p>De teksten op deze website zijn van het Oudersteunpunt. Wil je ze ergens anders gebruiken? Vraag het ons even.</p>
""",
    ),
    "privacy": (
        "Privacy",
        "Welke gegevens we bewaren, waarom, en hoe lang.",
        """
<p>Je hebt geen account nodig om deze website te gebruiken. We gebruiken geen cookies om je te volgen en we
laden niets van andere websites. Daarom zie je ook geen cookiemelding.</p>
<p>Zoek je iets, of klik je op "heeft dit geholpen?", dan tellen we alleen de woorden en antwoorden, nooit wie
het was.</p>
""",
    ),
    "toegankelijkheid": (
        "Toegankelijkheid",
        "Deze website moet voor iedereen te gebruiken zijn.",
        """
<p>We willen dat iedere ouder deze website kan gebruiken: op een telefoon, met alleen een toetsenbord, met een
schermlezer of met grote letters. We schrijven in eenvoudige taal (taalniveau B1) en de website werkt ook zonder
JavaScript.</p>
""",
    ),
}


def load_pages():
    for slug, (title, intro, body) in PAGES.items():
        Page.objects.get_or_create(slug=slug, defaults={"title": title, "intro": intro, "body": body.strip()})
    settings = SiteSettings.row()
    if not settings.phone:
        settings.phone = "012 345 67 89"
        settings.email = "oudersteunpunt@example.org"
        settings.opening_hours = "Maandag, dinsdag en donderdag van 9.00 tot 15.00 uur"
        settings.consulent_email = "consulent@example.org"
        settings.save()


# A made-up organisation: no real samenwerkingsverband, address or KvK number.
DEMO_ORGANISATION = {
    "name": "Oudersteunpunt Lindewaarde",
    "partnership_name": "Samenwerkingsverband Passend Onderwijs Lindewaarde",
    "address": "Voorbeeldstraat 12\n1234 AB Lindewaarde",
    "kvk_number": "00000000",
    "municipalities": "Lindewaarde\nBeekveld\nHeidedorp\nMolenwijk",
    "consulent_name": "Carla Voorbeeld",
    "consulent_title": "Consulent passend onderwijs",
    "accessibility_status": SiteSettings.AccessibilityStatus.PARTIAL,
    "accessibility_date": date(2026, 11, 25),
    "accessibility_checks": (
        "axe-core (WCAG 2.1 A en AA) op alle vaste pagina's, in het Nederlands en het Engels, bij elke testrun "
        "in een echte browser: geen fouten (25 november 2026).\n"
        "Lighthouse 12, mobiel, op de startpagina, de privacypagina en deze pagina: toegankelijkheid 100 van de 100 "
        "(25 november 2026).\n"
        "W3C Nu Html Checker op alle openbare pagina's in beide talen en op alle soorten mail: geen fouten "
        "(25 november 2026).\n"
        "Een automatische test controleert dat je met de Tab-toets meteen naar de inhoud kunt springen."
    ),
    "accessibility_problems": (
        "De website is nog niet met de hand onderzocht door een deskundige (volgens WCAG-EM). Automatische "
        "toetsen vinden maar een deel van de problemen.\n"
        "Vragen, activiteiten en andere teksten die we zelf schrijven zijn alleen in het Nederlands, ook op de "
        "Engelse website."
    ),
}


def load_organisation():
    """Fill in what is still empty, so an organisation's own details are never overwritten."""
    settings = SiteSettings.row()
    changed = False
    for name, value in DEMO_ORGANISATION.items():
        current = getattr(settings, name)
        if not current or current == SiteSettings._meta.get_field(name).default:
            setattr(settings, name, value)
            changed = True
    if changed:
        settings.save()


def all_users():
    return [*DEMO_USERS, *registry.demo_users]


def load_users():
    User = get_user_model()
    for email, first_name, role, staff in all_users():
        user, created = User.objects.get_or_create(
            username=email.split("@")[0],
            defaults={"email": email, "first_name": first_name, "is_staff": staff},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = role == roles.BEHEERDER
            user.save()
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if role:
            user.groups.add(Group.objects.get(name=role))
        if staff and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)
            RecoveryCodes.activate(user)


def load(stdout, scale=1):
    load_pages()
    load_organisation()
    load_users()
