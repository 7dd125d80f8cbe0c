"""Houd me op de hoogte (issue 17): mail about new events, double opt-in, one mail per event, one-click unsubscribe."""

import datetime
import json
import re
import threading
from email import message_from_bytes
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from events.models import EventAnnouncement, Subscription
from events.services import (
    event_announce_to_subscribers,
    event_cancel,
    subscription_confirm,
    subscription_purge,
    subscription_request,
)
from oudersteunpunt.models import QueuedMail
from tests.events.test_calendar import SECRET_LINK, everything_in, form_values
from tests.factories import EventFactory, EventTypeFactory, StaffFactory
from tests.helpers import guard_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

SUBSCRIBE = "/agenda/op-de-hoogte/"
ONE_CLICK = re.compile(r"^<(https?://[^>]+/agenda/op-de-hoogte/afmelden/[^/>]+/)>$")


@pytest.fixture
def types():
    return {
        "cafe": EventTypeFactory(),
        "po": EventTypeFactory(slug="passend-onderwijs-cafe", name="Passend-onderwijs-café"),
    }


def subscribe(client, *type_list, email="mila@example.org", prefix=""):
    return client.post(f"{prefix}{SUBSCRIBE}", {"email": email, "types": [t.pk for t in type_list], **guard_fields()})


def confirm_link(mail):
    return re.search(r"https?://[^/\s]+(/(?:en/)?agenda/op-de-hoogte/bevestigen/[^/\s]+/)", mail.body).group(1)


def one_click_url(mail):
    """What a mail program reads: the header as it goes over the wire."""
    message = message_from_bytes(mail.message().as_bytes())
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header is folded onto the next line (RFC 5322); a mail program unfolds it.
    value = re.sub(r"\r?\n[ \t]", " ", message["List-Unsubscribe"]).strip()
    match = ONE_CLICK.match(value)
    assert match, value
    return match.group(1)


def confirmed(email="mila@example.org", *type_list):
    subscription = subscription_request(email=email, types=type_list)
    return subscription_confirm(confirm_token=subscription.confirm_token)


def publish_in_admin(client, event, **changes):
    url = reverse("admin:events_event_change", args=[event.pk])
    data = form_values(client.get(url).content.decode())
    data.update({"published": "on", **changes})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def volunteer():
    client = Client()
    client.force_login(StaffFactory(role="netwerkgroep"))
    return client


class TestTheWholeWay:
    def test_subscribe_confirm_and_hear_of_two_new_events_once_each(self, client, types, volunteer, mailoutbox):
        response = subscribe(client, types["cafe"])
        assert response.status_code == 302 and response.url == "/agenda/op-de-hoogte/verstuurd/"
        assert "Kijk in je mail" in client.get(response.url).content.decode()
        [confirmation] = mailoutbox
        assert confirmation.to == ["mila@example.org"]
        assert "Bevestig" in confirmation.subject and "Oudercafé" in confirmation.body
        one_click_url(confirmation)  # the confirmation mail can be unsubscribed from too
        subscription = Subscription.objects.get()
        assert not subscription.is_confirmed and list(subscription.types.all()) == []

        # A link checker or preview bot opens the link: that confirms nothing.
        link = confirm_link(confirmation)
        page = client.get(link)
        assert page.status_code == 200 and "Ja, houd me op de hoogte" in page.content.decode()
        assert page["X-Robots-Tag"] == "noindex, nofollow" and "private" in page["Cache-Control"]
        subscription.refresh_from_db()
        assert not subscription.is_confirmed
        assert "Gelukt" in client.post(link).content.decode()
        subscription.refresh_from_db()
        assert subscription.is_confirmed and list(subscription.types.all()) == [types["cafe"]]
        assert client.post(link).status_code == 404  # used once

        mailoutbox.clear()
        first = EventFactory(type=types["cafe"], published=False, online_url=SECRET_LINK, title="Oudercafé in mei")
        second = EventFactory(type=types["cafe"], published=False, title="Oudercafé in juni")
        other = EventFactory(type=types["po"], published=False, title="Passend-onderwijs-café")
        assert mailoutbox == []  # drafts are not news
        for event in (first, second, other):
            publish_in_admin(volunteer, event)
        assert sorted(m.subject for m in mailoutbox) == [
            "Nieuw in de agenda: Oudercafé in juni",
            "Nieuw in de agenda: Oudercafé in mei",
        ]
        for mail in mailoutbox:
            assert mail.to == ["mila@example.org"]
            url = one_click_url(mail)
            assert url.endswith(subscription.get_unsubscribe_url())
            assert url in mail.body and f'href="{url}"' in mail.alternatives[0][0]  # visible too
            assert SECRET_LINK not in everything_in(mail) and "geheim" not in everything_in(mail)
        assert "Online" in next(m for m in mailoutbox if "mei" in m.subject).body

        # Saving again, publishing again after a pause, or the time changing: never a second mail.
        publish_in_admin(volunteer, first, title="Oudercafé in mei (nieuwe titel)")
        first.published = False
        first.save()
        publish_in_admin(volunteer, first)
        assert event_announce_to_subscribers(event=first) == 0
        assert len(mailoutbox) == 2
        assert EventAnnouncement.objects.get(event=first).recipients == 1

        # One click in the mail program: a POST with no cookie and no CSRF token.
        mail_program = Client(enforce_csrf_checks=True)
        response = mail_program.post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 200
        assert "Je bent afgemeld voor deze mails" in response.content.decode()
        assert not Subscription.objects.exists()
        # Idempotent: again is fine, and the link then says kindly that it is not known.
        assert (
            mail_program.post(
                url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
            ).status_code
            == 200
        )
        gone = client.get(url)
        assert gone.status_code == 404 and "Deze link werkt niet" in gone.content.decode()

        publish_in_admin(volunteer, EventFactory(type=types["cafe"], published=False))
        assert len(mailoutbox) == 2

    def test_unsubscribe_page_asks_before_it_unsubscribes(self, client, types, mailoutbox):
        subscription = confirmed("mila@example.org", types["cafe"])
        url = subscription.get_unsubscribe_url()
        page = client.get(url)
        assert page.status_code == 200 and "Ja, meld me af voor deze mails" in page.content.decode()
        assert page["X-Robots-Tag"] == "noindex, nofollow"
        assert Subscription.objects.exists()
        assert (
            "Je bent afgemeld voor deze mails" in client.post(url, {"List-Unsubscribe": "One-Click"}).content.decode()
        )
        assert not Subscription.objects.exists()

    def test_unknown_links_give_a_friendly_page(self, client):
        for path in ("/agenda/op-de-hoogte/bevestigen/onbekend/", "/agenda/op-de-hoogte/afmelden/onbekend/"):
            response = client.get(path)
            assert response.status_code == 404
            assert "Deze link werkt niet" in response.content.decode()
        assert client.post("/agenda/op-de-hoogte/afmelden/onbekend/").status_code == 200
        assert client.post("/agenda/op-de-hoogte/bevestigen/onbekend/").status_code == 404


class TestWhatIsNotNews:
    def test_past_cancelled_and_unpublished_events_mail_nobody(self, types, mailoutbox):
        confirmed("mila@example.org", types["cafe"])
        mailoutbox.clear()
        now = timezone.now()
        past = EventFactory(type=types["cafe"], starts_at=now - datetime.timedelta(days=2))
        running = EventFactory(type=types["cafe"], starts_at=now - datetime.timedelta(minutes=10))
        draft = EventFactory(type=types["cafe"], published=False)
        called_off = EventFactory(type=types["cafe"])
        event_cancel(event=called_off)
        for event in (past, running, draft, called_off):
            assert event_announce_to_subscribers(event=event) == 0
        assert mailoutbox == []
        assert not EventAnnouncement.objects.filter(event=draft).exists()  # it can still be news once published
        draft.published = True
        draft.save()
        assert event_announce_to_subscribers(event=draft) == 1

    def test_unconfirmed_addresses_hear_nothing(self, types, mailoutbox):
        subscription_request(email="mila@example.org", types=[types["cafe"]])
        mailoutbox.clear()
        assert event_announce_to_subscribers(event=EventFactory(type=types["cafe"])) == 0
        assert mailoutbox == []

    @pytest.mark.skipif(connection.vendor != "postgresql", reason="real parallel writers need PostgreSQL (CI runs it)")
    @pytest.mark.django_db(transaction=True)
    def test_two_servers_saving_at_once_send_one_mail(self, types, mailoutbox):
        confirmed("mila@example.org", types["cafe"])
        confirmed("piet@example.org", types["cafe"])
        event = EventFactory(type=types["cafe"])
        mailoutbox.clear()
        start = threading.Barrier(6)
        counts, errors = [], []

        def save():
            try:
                start.wait()
                counts.append(event_announce_to_subscribers(event=event))
            except Exception as error:  # collected and asserted below
                errors.append(error)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=save) for _ in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert errors == []
        assert sorted(counts) == [0, 0, 0, 0, 0, 2]
        assert QueuedMail.objects.filter(subject__startswith="Nieuw in de agenda").count() == 2


class TestAskingAgain:
    def test_the_page_is_the_same_for_a_known_and_an_unknown_address(self, types, mailoutbox):
        first = Client()
        known = first.get(subscribe(first, types["cafe"]).url).content.decode()
        subscription_confirm(confirm_token=Subscription.objects.get().confirm_token)
        second = Client()
        response = subscribe(second, types["po"], email=" MILA@example.org ")
        assert response.url == "/agenda/op-de-hoogte/verstuurd/"
        assert second.get(response.url).content.decode() == known
        assert "mila@example.org" not in known
        assert Subscription.objects.count() == 1

    def test_a_new_choice_counts_only_once_confirmed(self, client, types, mailoutbox):
        subscription = confirmed("mila@example.org", types["cafe"])
        subscribe(client, types["po"])
        subscription.refresh_from_db()
        assert list(subscription.types.all()) == [types["cafe"]]  # someone else cannot change it
        new_link = confirm_link(mailoutbox[-1])
        subscribe(client, types["cafe"], types["po"])
        old_link, new_link = new_link, confirm_link(mailoutbox[-1])
        assert client.post(old_link).status_code == 404  # only the latest link works
        client.post(new_link)
        assert set(subscription.types.all()) == {types["cafe"], types["po"]}
        assert subscription.token == Subscription.objects.get().token  # unsubscribe links in old mails still work

    def test_a_type_from_its_own_page_is_ticked(self, client, types):
        type_page = client.get(types["po"].get_absolute_url()).content.decode()
        assert f'href="{SUBSCRIBE}?soort=passend-onderwijs-cafe"' in type_page
        form = client.get(SUBSCRIBE, {"soort": "passend-onderwijs-cafe"}).content.decode()
        ticked = re.findall(r'<input type="checkbox" name="types" value="(\d+)"[^>]*checked', form)
        assert ticked == [str(types["po"].pk)]


class TestBadInput:
    @pytest.mark.parametrize(
        ("data", "field", "message"),
        [
            ({"email": "geen-adres", "types": ["CAFE"]}, "email", "Vul een geldig e-mailadres in"),
            ({"email": "", "types": ["CAFE"]}, "email", "Vul je e-mailadres in."),
            ({"email": "mila@example.org"}, "types", "Kies minstens één soort activiteit."),
            ({"email": "mila@example.org", "types": ["999999"]}, "types", "Kies een soort activiteit uit de lijst."),
            ({"email": "mila@example.org", "types": ["abc"]}, "types", "Kies een soort activiteit uit de lijst."),
            ({"email": "mila\x00@example.org", "types": ["CAFE"]}, "email", "onzichtbare tekens"),
        ],
    )
    def test_errors_next_to_the_field_and_what_was_typed_stays(self, client, types, mailoutbox, data, field, message):
        data = {**data, "types": [str(types["cafe"].pk) if t == "CAFE" else t for t in data.get("types", [])]}
        response = client.post(SUBSCRIBE, {**data, **guard_fields()})
        assert response.status_code == 200
        html = response.content.decode()
        assert "Er is iets niet goed ingevuld" in html
        assert message in str(response.context["form"].errors[field])
        # Next to the field: Django's error list with the field's own id.
        assert f'id="id_{field}_error"' in html
        if data["email"] and "\x00" not in data["email"]:
            assert f'value="{data["email"]}"' in html
        for pk in data["types"]:
            if pk == str(types["cafe"].pk):
                assert re.search(rf'value="{pk}"[^>]*checked', html)
        assert not Subscription.objects.exists() and mailoutbox == []

    def test_too_many_posts_are_refused_and_keep_the_input(self, client, types, settings, mailoutbox):
        settings.OSP_FORM_RATE_LIMIT = "1/h"
        assert subscribe(client, types["cafe"]).status_code == 302
        response = subscribe(client, types["cafe"], email="piet@example.org")
        assert response.status_code == 429
        assert "kort na elkaar veel berichten" in response.content.decode()
        assert 'value="piet@example.org"' in response.content.decode()
        assert Subscription.objects.count() == 1

    def test_a_robot_filling_the_honeypot_is_refused(self, client, types):
        response = client.post(
            SUBSCRIBE, {"email": "bot@example.org", "types": [types["cafe"].pk], **guard_fields(), "website": "x"}
        )
        assert response.status_code == 200
        assert not Subscription.objects.exists()


class TestForgetting:
    def test_unconfirmed_addresses_go_after_seven_days_confirmed_ones_stay(self, types, mailoutbox):
        old = subscription_request(email="oud@example.org", types=[types["cafe"]])
        fresh = subscription_request(email="nieuw@example.org", types=[types["cafe"]])
        kept = confirmed("blijft@example.org", types["cafe"])
        subscription_request(email="blijft@example.org", types=[types["po"]])  # a change nobody confirms
        eight_days_ago = timezone.now() - datetime.timedelta(days=8)
        Subscription.objects.filter(email__in=["oud@example.org", "blijft@example.org"]).update(
            requested_at=eight_days_ago
        )
        out = StringIO()
        call_command("purge_event_subscriptions", stdout=out)
        assert "1 niet bevestigde adressen gewist" in out.getvalue()
        assert set(Subscription.objects.values_list("email", flat=True)) == {"nieuw@example.org", "blijft@example.org"}
        kept.refresh_from_db()
        assert list(kept.types.all()) == [types["cafe"]]
        assert kept.confirm_token is None and kept.pending_type_ids == []  # the old link no longer works
        assert subscription_confirm(confirm_token=old.confirm_token) is None
        assert fresh.pk

    def test_the_nightly_retention_of_the_agenda_forgets_them_too(self, types, mailoutbox):
        subscription_request(email="oud@example.org", types=[types["cafe"]])
        assert subscription_purge() == 0  # not before its time
        Subscription.objects.update(requested_at=timezone.now() - datetime.timedelta(days=7, minutes=1))
        call_command("purge_event_signups", stdout=StringIO())
        assert not Subscription.objects.exists()

    def test_export_and_erase_cover_subscriptions(self, types, mailoutbox):
        confirmed("mila@example.org", types["cafe"])
        out = StringIO()
        call_command("personal_data", "export", "MILA@example.org", stdout=out)
        [exported] = json.loads(out.getvalue())["mail bij nieuwe activiteiten"]
        assert exported["e-mail"] == "mila@example.org" and exported["soorten"] == ["Oudercafé"]
        call_command("personal_data", "erase", "mila@example.org", stdout=StringIO())
        assert not Subscription.objects.exists()
        assert not QueuedMail.objects.about("mila@example.org").exists()

    def test_a_wiped_mail_keeps_no_unsubscribe_link(self, types, mailoutbox):
        confirmed("mila@example.org", types["cafe"])
        mail = QueuedMail.objects.get()
        assert "List-Unsubscribe" in mail.headers
        QueuedMail.objects.filter(pk=mail.pk).wipe()
        assert QueuedMail.objects.get(pk=mail.pk).headers == {}

    def test_the_privacy_page_says_what_is_kept_and_for_how_long(self, client, types):
        from tests.factories import PageFactory

        PageFactory(slug="privacy", title="Privacy")
        html = client.get("/privacy/").content.decode()
        assert "Mail bij nieuwe activiteiten" in html
        assert "Bevestig je niet binnen 7 dagen" in html


class TestLanguage:
    def test_from_the_english_page_the_mails_and_links_are_english(self, client, types, mailoutbox):
        subscribe(client, types["cafe"], prefix="/en")
        [confirmation] = mailoutbox
        assert confirmation.subject == "Confirm: mail about new events"
        assert "/en/agenda/op-de-hoogte/afmelden/" in one_click_url(confirmation)
        client.post(confirm_link(confirmation))
        event_announce_to_subscribers(event=EventFactory(type=types["cafe"], title="Oudercafé"))
        assert mailoutbox[-1].subject == "New in the calendar: Oudercafé"
        assert "Unsubscribe" in mailoutbox[-1].alternatives[0][0]


def test_the_agenda_offers_the_subscription_and_the_feed(client, types):
    html = client.get("/agenda/").content.decode()
    assert f'href="{SUBSCRIBE}"' in html
    assert '<link rel="alternate" type="application/atom+xml" href="/agenda/agenda.atom"' in html
    page = client.get(SUBSCRIBE)
    assert page.status_code == 200
    assert 'name="email"' in page.content.decode() and "Passend-onderwijs-café" in page.content.decode()


def test_private_links_stay_out_of_search_engines(client, types, mailoutbox):
    from urllib.robotparser import RobotFileParser

    subscription = subscription_request(email="mila@example.org", types=[types["cafe"]])
    parser = RobotFileParser()
    parser.parse(client.get("/robots.txt").content.decode().splitlines())
    for prefix in ("", "/en"):
        for url in (subscription.get_confirm_url(), subscription.get_unsubscribe_url()):
            assert not parser.can_fetch("*", f"http://testserver{prefix}{url}"), url
        assert parser.can_fetch("*", f"http://testserver{prefix}{SUBSCRIBE}")


def test_the_english_pages_show_no_dutch_interface_text(client, types, mailoutbox):
    from tests.core.test_translations import PO, EnglishText, read_po

    catalogue = {
        e["msgid"] for e in read_po(PO) if e.get("msgstr") and e["msgstr"] != e["msgid"] and len(e["msgid"]) > 3
    }
    subscription = subscription_request(email="mila@example.org", types=[types["cafe"]])
    pages = [
        client.get(f"/en{SUBSCRIBE}"),
        client.post(f"/en{SUBSCRIBE}", {"email": "geen-adres", **guard_fields()}),  # the error state
        client.get(f"/en{SUBSCRIBE}verstuurd/"),
        client.get(f"/en{subscription.get_confirm_url()}"),
        client.get(f"/en{subscription.get_unsubscribe_url()}"),
        client.get("/en/agenda/op-de-hoogte/afmelden/onbekend/"),
    ]
    for response in pages:
        parser = EnglishText()
        parser.feed(response.content.decode())
        assert parser.texts
        assert [text for text in parser.texts if text in catalogue] == [], response.request["PATH_INFO"]
    assert "Keep me informed" in pages[0].content.decode()
    assert "Choose at least one kind of event." in pages[1].content.decode()


def test_the_subscription_page_is_in_the_sitemap(client):
    assert f"http://testserver{SUBSCRIBE}</loc>" in client.get("/sitemap-agenda.xml").content.decode()


def test_the_consulent_sees_the_addresses_in_the_admin_the_netwerkgroep_does_not(types, mailoutbox):
    confirmed("mila@example.org", types["cafe"])
    url = reverse("admin:events_subscription_changelist")
    consulent, volunteer = Client(), Client()
    consulent.force_login(StaffFactory(role="consulent"))
    volunteer.force_login(StaffFactory(role="netwerkgroep"))
    page = consulent.get(url)
    assert page.status_code == 200 and "mila@example.org" in page.content.decode()
    assert "Oudercafé" in page.content.decode()
    assert volunteer.get(url).status_code == 403
    event = EventFactory(type=types["cafe"])
    change = volunteer.get(reverse("admin:events_event_change", args=[event.pk])).content.decode()
    assert "Dit gebeurt één keer, als je de activiteit publiceert." in change
