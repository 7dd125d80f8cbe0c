"""Who runs the site comes from the site settings: footer, privacy, accessibility, structured data."""

import datetime
import json
import re

import pytest
from django.contrib.auth.models import Group

from oudersteunpunt import demo
from oudersteunpunt.models import SiteSettings
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation(site_settings):
    site_settings.name = "Oudersteunpunt Testwaarde"
    site_settings.partnership_name = "Samenwerkingsverband Testwaarde"
    site_settings.address = "Teststraat 1\n9999 ZZ Testwaarde"
    site_settings.kvk_number = "99999999"
    site_settings.municipalities = "Testwaarde\nProefdorp"
    site_settings.accessibility_status = SiteSettings.AccessibilityStatus.PARTIAL
    site_settings.accessibility_date = datetime.date(2026, 11, 25)
    site_settings.accessibility_checks = "axe-core op alle pagina's: geen fouten\nLighthouse: score 100"
    site_settings.accessibility_problems = "De kaart heeft geen tekstversie."
    site_settings.save()
    return site_settings


@pytest.fixture
def pages():
    for slug in ("privacy", "toegankelijkheid", "over-ons"):
        PageFactory(slug=slug, title=slug.capitalize(), body="<p>Eigen tekst van de organisatie.</p>")


@pytest.mark.parametrize("url", ["/", "/en/", "/contact/", "/buddy/", "/agenda/", "/privacy/", "/toegankelijkheid/"])
def test_every_page_footer_names_the_organisation(client, organisation, pages, url):
    html = client.get(url).content.decode()
    footer = html[html.index('<footer class="site-footer">') :]
    assert "Oudersteunpunt Testwaarde" in footer
    assert "Samenwerkingsverband Testwaarde" in footer
    assert "Teststraat 1" in footer and "012 345 67 89" in footer
    assert "Oudersteunpunt Testwaarde" in html[: html.index("</header>")]


def test_home_has_organisation_as_structured_data(client, organisation):
    html = client.get("/").content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == "Oudersteunpunt Testwaarde"
    assert data["parentOrganization"]["name"] == "Samenwerkingsverband Testwaarde"
    assert data["areaServed"] == ["Testwaarde", "Proefdorp"]
    assert data["telephone"] == "012 345 67 89"


def test_structured_data_cannot_end_its_script(client, organisation):
    organisation.name = "Oudersteunpunt </script><script>alert(1)</script>"
    organisation.save()
    html = client.get("/").content.decode()
    assert "<script>alert(1)" not in html


class TestPrivacyPage:
    def test_names_controller_rights_and_the_authority(self, client, organisation, pages):
        html = client.get("/privacy/").content.decode()
        assert "Eigen tekst van de organisatie." in html
        assert "verwerkingsverantwoordelijke" in html
        assert "Samenwerkingsverband Testwaarde" in html and "99999999" in html
        assert "Autoriteit Persoonsgegevens" in html and 'href="https://autoriteitpersoonsgegevens.nl/"' in html
        for right in ("zien welke gegevens", "verbeteren", "wissen"):
            assert right in html

    def test_retention_periods_are_the_ones_the_site_applies(self, client, settings, organisation, pages):
        settings.PAGE_CACHE_SECONDS = 0  # settings change only with a restart; here within one test
        settings.EVENT_SIGNUP_RETENTION_DAYS = 30
        settings.CONTACT_RETENTION_MONTHS = 12
        settings.BUDDY_RETENTION_MONTHS = 12
        html = client.get("/privacy/").content.decode()
        assert "30 dagen na de activiteit" in html
        assert html.count("12 maanden") == 2
        settings.EVENT_SIGNUP_RETENTION_DAYS = 14
        settings.CONTACT_RETENTION_MONTHS = 6
        html = client.get("/privacy/").content.decode()
        assert "14 dagen na de activiteit" in html and "6 maanden nadat je vraag is afgerond" in html

    def test_each_form_lists_what_it_stores_and_who_sees_it(self, client, organisation, pages):
        html = client.get("/privacy/").content.decode()
        sections = dict(re.findall(r'<h3 id="gegevens-\d+">(.*?)</h3>(.*?)</section>', html, re.S))
        assert set(sections) == {
            "Aanmelding voor een activiteit",
            "Mail bij nieuwe activiteiten",
            "Aanvraag voor een buddy",
            "Vraag aan de consulent",
            "Verhaal van een ouder",
        }
        contact = sections["Vraag aan de consulent"]
        assert "Je naam" in contact and "Je telefoonnummer" in contact
        # Read from the roles' permissions: the netwerkgroep cannot open a question to the consulent.
        assert "de consulent" in contact.lower() and "netwerkgroep" not in contact
        assert "netwerkgroep" in sections["Aanmelding voor een activiteit"]
        # Only an address, seen by those who see other parents' addresses too.
        subscriptions = sections["Mail bij nieuwe activiteiten"]
        assert "Je e-mailadres" in subscriptions and "7 dagen" in subscriptions
        assert "de consulent" in subscriptions.lower() and "netwerkgroep" not in subscriptions
        assert (
            "netwerkgroep" in sections["Verhaal van een ouder"]
            and "Je e-mailadres" in sections["Verhaal van een ouder"]
        )

    def test_who_sees_follows_the_permissions(self, client, organisation, pages):
        Group.objects.get(name="netwerkgroep").permissions.add(
            *Group.objects.get(name="consulent").permissions.filter(codename="view_contactrequest")
        )
        html = client.get("/privacy/").content.decode()
        contact = html[html.index("Vraag aan de consulent</h3>") :]
        assert "netwerkgroep" in contact[: contact.index("</section>")]

    def test_in_english(self, client, organisation, pages):
        html = client.get("/en/privacy/").content.decode()
        assert "Autoriteit Persoonsgegevens" in html and "30 days after the activity" in html


class TestAccessibilityPage:
    def test_follows_the_model_statement(self, client, organisation, pages):
        html = client.get("/toegankelijkheid/").content.decode()
        assert "voldoet gedeeltelijk aan WCAG 2.1 niveau AA" in html
        assert '<time datetime="2026-11-25">25 november 2026</time>' in html
        assert "<li>axe-core op alle pagina&#x27;s: geen fouten</li>" in html
        assert "<li>Lighthouse: score 100</li>" in html
        assert "<li>De kaart heeft geen tekstversie.</li>" in html
        assert 'href="mailto:steunpunt@example.org"' in html and 'href="tel:0123456789"' in html
        assert "Eigen tekst van de organisatie." in html

    def test_status_is_data(self, client, organisation, pages):
        client.get("/toegankelijkheid/")  # cached; saving the settings must renew it
        organisation.accessibility_status = SiteSettings.AccessibilityStatus.COMPLIES
        organisation.accessibility_problems = ""
        organisation.save()
        html = client.get("/toegankelijkheid/").content.decode()
        assert "deze website voldoet aan WCAG 2.1 niveau AA" in html
        assert "geen problemen" in html


class TestDemo:
    def test_fills_in_a_made_up_organisation_once(self, db):
        demo.load_organisation()
        site = SiteSettings.load()
        assert site.name == demo.DEMO_ORGANISATION["name"] and site.partnership_name
        assert site.address and site.kvk_number and site.municipality_list() and site.consulent_name
        assert site.accessibility_date and site.accessibility_check_list()

    def test_never_overwrites_the_organisations_own_details(self, organisation):
        demo.load_organisation()
        site = SiteSettings.load()
        assert site.name == "Oudersteunpunt Testwaarde"
        assert site.address.startswith("Teststraat")


def test_netwerkgroep_edits_the_organisation_in_the_admin(client, site_settings):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(role="netwerkgroep"))
    url = "/beheer/oudersteunpunt/sitesettings/1/change/"
    page = client.get(url).content.decode()
    for label in ("Naam van het samenwerkingsverband", "KvK-nummer", "Toegankelijkheid: status"):
        assert label in page
    data = {
        "name": "Oudersteunpunt Proef",
        "partnership_name": "SWV Proef",
        "address": "Proefstraat 2\n1111 AA Proef",
        "kvk_number": "11111111",
        "municipalities": "Proef",
        "phone": "012 345 67 89",
        "email": "steunpunt@example.org",
        "opening_hours": "",
        "consulent_name": "",
        "consulent_title": "",
        "consulent_email": "",
        "accessibility_status": "niet",
        "accessibility_date": "25-11-2026",
        "accessibility_checks": "",
        "accessibility_problems": "",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "SWV Proef" in client.get("/").content.decode()


def test_logo_from_the_settings_in_the_header(client, organisation):
    from tests.core.test_images import image_file

    organisation.logo = image_file(2400, 2400, "PNG", "logo.png")
    organisation.save()
    html = client.get("/").content.decode()
    header = html[: html.index("</header>")]
    assert f'src="{SiteSettings.load().logo.url}"' in header
    assert SiteSettings.load().logo.width <= 1600  # made smaller like page images


def test_a_wrong_kvk_number_gets_a_clear_message(client, site_settings):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(role="netwerkgroep"))
    url = "/beheer/oudersteunpunt/sitesettings/1/change/"
    data = {"name": "Oudersteunpunt", "kvk_number": "1234 567", "accessibility_status": "voldoet"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Een KvK-nummer heeft 8 cijfers" in response.content.decode()
    assert 'value="1234 567"' in response.content.decode()
