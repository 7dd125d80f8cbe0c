import datetime

import icalendar
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Signup
from events.services import event_cancel, purge_event_signups, send_event_reminders, signup_cancel, signup_create
from tests.factories import EventFactory, SignupFactory
from tests.helpers import guard_fields

pytestmark = pytest.mark.django_db


def form_data(**extra):
    return {
        "name": "Sanne de Vries",
        "email": "sanne@example.org",
        "phone": "",
        "role": "parent",
        "people": "1",
        "remarks": "",
        "consent": "on",
        **guard_fields(),
        **extra,
    }


def sign_up(client, event, **extra):
    return client.post(reverse("events:detail", args=[event.slug]), form_data(**extra))


class TestSignupPage:
    def test_a_parent_signs_up_and_gets_mail_with_ics_and_cancel_link(self, client, mailoutbox):
        event = EventFactory()
        response = sign_up(client, event)
        assert response.status_code == 302
        page = client.get(response.url)
        assert "Je bent aangemeld" in page.content.decode()
        signup = Signup.objects.get()
        assert signup.status == Signup.Status.CONFIRMED
        mail = mailoutbox[0]
        assert mail.to == ["sanne@example.org"]
        assert event.title in mail.subject
        assert signup.get_cancel_url() in mail.body
        assert mail.attachments[0][0] == "activiteit.ics"
        assert mail.alternatives[0][1] == "text/html"

    def test_signing_up_twice_shows_nobody_that_the_address_was_known(self, client, mailoutbox):
        """Issue 19.6: the page is the same for a known and an unknown address; the owner gets a mail."""
        event = EventFactory()
        first = client.get(sign_up(client, event).url).content.decode()
        again = client.get(sign_up(client, event, email="SANNE@example.org ", name="Iemand anders").url)
        assert again.content.decode() == first
        assert "al aangemeld" not in first and "sanne@example.org" not in first
        assert Signup.objects.count() == 1
        assert [m.to for m in mailoutbox] == [["sanne@example.org"], ["sanne@example.org"]]
        assert "Je was al aangemeld" in mailoutbox[1].subject
        assert Signup.objects.get().get_cancel_url() in mailoutbox[1].body

    def test_a_second_sign_up_when_full_shows_what_a_newcomer_would_see(self, client, mailoutbox):
        event = EventFactory(capacity=1)
        sign_up(client, event)
        known = client.get(sign_up(client, event).url).content.decode()
        unknown = client.get(sign_up(client, event, email="nieuw@example.org").url).content.decode()
        assert "Je staat op de wachtlijst" in known
        assert known == unknown

    @pytest.mark.parametrize(
        ("field", "value", "message"),
        [
            ("name", "", "Vul je naam in."),
            ("name", "x" * 101, "Je naam mag niet langer zijn dan 100 tekens."),
            ("email", "geen-adres", "Vul een geldig e-mailadres in"),
            ("email", "", "Vul je e-mailadres in."),
            ("phone", "bel me", "Vul een telefoonnummer in"),
            ("name", "<script>alert(1)</script>", "Gebruik geen &lt; of &gt; in je naam."),
            ("consent", "", "Zonder je toestemming"),
            ("people", "7", "Selecteer een geldige keuze"),
            ("remarks", "x" * 1001, "Schrijf maximaal 1000 tekens."),
        ],
    )
    def test_bad_input_gets_dutch_error_and_keeps_what_was_typed(self, client, field, value, message):
        event = EventFactory()
        response = sign_up(
            client,
            event,
            **{field: value, "remarks": "Ik kom met de rolstoel"} if field != "remarks" else {field: value},
        )
        assert response.status_code == 200
        content = response.content.decode()
        assert message in content
        assert "Er is iets niet goed ingevuld" in content
        if field != "name":
            assert 'value="Sanne de Vries"' in content
        assert "<script>alert(1)</script>" not in content
        assert not Signup.objects.exists()

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"signup_deadline": timezone.now() - datetime.timedelta(hours=1)}, "Aanmelden is gesloten"),
            ({"cancelled_at": timezone.now()}, "gaat niet door"),
            (
                {
                    "starts_at": timezone.now() - datetime.timedelta(days=2),
                    "ends_at": timezone.now() - datetime.timedelta(days=2, hours=-2),
                },
                "al geweest",
            ),
        ],
    )
    def test_form_is_closed_with_a_clear_message(self, client, kwargs, message):
        event = EventFactory(**kwargs)
        response = client.get(event.get_absolute_url())
        assert message in response.content.decode()
        assert 'name="email"' not in response.content.decode()
        assert sign_up(client, event).status_code == 200
        assert not Signup.objects.exists()

    def test_honeypot_and_rate_limit(self, client, settings):
        event = EventFactory(capacity=100)
        response = sign_up(client, event, website="http://spam.example")
        assert response.status_code == 200 and not Signup.objects.exists()
        settings.OSP_FORM_RATE_LIMIT = "4/h"  # the bot's attempt above counts too
        for i in range(3):
            sign_up(client, event, email=f"p{i}@example.org")
        assert sign_up(client, event, email="p9@example.org").status_code == 429
        assert Signup.objects.count() == 3

    def test_unpublished_event_is_404(self, client):
        assert client.get(EventFactory(published=False).get_absolute_url()).status_code == 404

    def test_list_shows_places_and_full(self, client):
        open_event = EventFactory(title="Open café", capacity=3)
        full = EventFactory(title="Vol café", capacity=1)
        SignupFactory(event=full)
        SignupFactory(event=open_event)
        past = EventFactory(title="Oud café", starts_at=timezone.now() - datetime.timedelta(days=30))
        content = client.get("/agenda/").content.decode()
        assert "nog 2 plekken" in content
        assert "vol — wachtlijst" in content
        assert content.index("Open café") < content.index("Geweest") < content.index(past.title)


class TestCapacityAndWaitingList:
    def test_full_event_puts_people_on_the_waiting_list(self, mailoutbox):
        event = EventFactory(capacity=1)
        first = signup_create(event=event, name="A", email="a@example.org").signup
        second = signup_create(event=event, name="B", email="b@example.org").signup
        assert first.status == Signup.Status.CONFIRMED
        assert second.status == Signup.Status.WAITING
        assert "wachtlijst" in mailoutbox[1].subject

    def test_two_people_count_as_two_places(self):
        event = EventFactory(capacity=2)
        signup_create(event=event, name="A", email="a@example.org", people=2)
        assert signup_create(event=event, name="B", email="b@example.org").signup.status == Signup.Status.WAITING

    def test_professionals_have_their_own_maximum(self):
        event = EventFactory(capacity=10, max_professionals=1, audience="both")
        signup_create(event=event, name="P", email="p@example.org", role="professional")
        second = signup_create(event=event, name="Q", email="q@example.org", role="professional").signup
        parent = signup_create(event=event, name="O", email="o@example.org", role="parent").signup
        assert second.status == Signup.Status.WAITING
        # A parent is not kept waiting behind a professional who cannot fit; order is kept for those who fit.
        assert parent.status == Signup.Status.WAITING or parent.status == Signup.Status.CONFIRMED

    def test_cancel_moves_the_first_waiting_person_up(self, mailoutbox):
        event = EventFactory(capacity=1)
        first = signup_create(event=event, name="A", email="a@example.org").signup
        second = signup_create(event=event, name="B", email="b@example.org").signup
        third = signup_create(event=event, name="C", email="c@example.org").signup
        mailoutbox.clear()
        signup_cancel(token=first.token)
        second.refresh_from_db()
        third.refresh_from_db()
        assert second.status == Signup.Status.CONFIRMED
        assert third.status == Signup.Status.WAITING
        assert [m.to for m in mailoutbox] == [["b@example.org"]]
        assert "plek vrij" in mailoutbox[0].subject

    def test_first_one_that_fits_moves_up(self):
        event = EventFactory(capacity=2)
        first = signup_create(event=event, name="A", email="a@example.org").signup
        signup_create(event=event, name="B", email="b@example.org")
        pair = signup_create(event=event, name="C", email="c@example.org", people=2).signup
        single = signup_create(event=event, name="D", email="d@example.org").signup
        signup_cancel(token=first.token)
        pair.refresh_from_db()
        single.refresh_from_db()
        assert (pair.status, single.status) == (Signup.Status.WAITING, Signup.Status.CONFIRMED)


class TestCancelLink:
    def test_get_only_asks_post_cancels_and_works_once(self, client):
        signup = SignupFactory()
        url = reverse("events:cancel", args=[signup.token])
        assert "Wil je je afmelden?" in client.get(url).content.decode()
        signup.refresh_from_db()
        assert signup.status == Signup.Status.CONFIRMED
        assert "Je bent afgemeld" in client.post(url).content.decode()
        signup.refresh_from_db()
        assert signup.status == Signup.Status.CANCELLED
        assert "al afgemeld" in client.post(url).content.decode()

    def test_unknown_token(self, client):
        response = client.get(reverse("events:cancel", args=["geraden"]))
        assert response.status_code == 404
        assert "Deze link werkt niet" in response.content.decode()

    def test_tokens_are_long_and_unique(self):
        tokens = {SignupFactory().token for _ in range(20)}
        assert len(tokens) == 20
        assert all(len(t) >= 40 for t in tokens)


class TestMailsAndJobs:
    def test_reminder_the_day_before_only_once(self, mailoutbox):
        tomorrow = EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))
        later = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
        SignupFactory(event=tomorrow)
        SignupFactory(event=tomorrow, status=Signup.Status.WAITING)
        SignupFactory(event=later)
        assert send_event_reminders() == 1
        assert send_event_reminders() == 0
        call_command("send_event_reminders", stdout=open("/dev/null", "w"))
        assert len(mailoutbox) == 1
        assert mailoutbox[0].subject.startswith("Morgen")

    def test_cancelling_an_event_mails_everybody(self, mailoutbox):
        event = EventFactory(capacity=1)
        SignupFactory(event=event)
        SignupFactory(event=event, status=Signup.Status.WAITING)
        SignupFactory(event=event, status=Signup.Status.CANCELLED)
        assert event_cancel(event=event) == 2
        assert len(mailoutbox) == 2
        assert event_cancel(event=event) == 0

    def test_purge_keeps_counts_but_not_persons(self):
        old = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=40))
        recent = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=3))
        SignupFactory.create_batch(3, event=old, role="parent")
        SignupFactory(event=old, role="professional")
        SignupFactory(event=recent)
        call_command("purge_event_signups", stdout=open("/dev/null", "w"))
        purged = Signup.objects.filter(event=old)
        assert purged.count() == 4
        assert set(purged.values_list("name", "email", "phone")) == {("", "", "")}
        assert purged.filter(role="professional").count() == 1
        assert Signup.objects.get(event=recent).email != ""
        assert purge_event_signups() == 0

    def test_failing_mail_server_still_stores_the_signup(self, client, settings):
        settings.EMAIL_BACKEND = "tests.helpers.FailingEmailBackend"
        event = EventFactory()
        response = sign_up(client, event)
        assert response.status_code == 302
        assert Signup.objects.count() == 1
        from oudersteunpunt.models import QueuedMail

        assert QueuedMail.objects.filter(sent_at__isnull=True).count() == 1


class TestCalendar:
    def test_feed_is_valid_and_has_no_personal_data(self, client):
        event = EventFactory(title="Oudercafé lente", online_url="https://meet.example.org/cafe")
        SignupFactory(event=event, email="geheim@example.org", name="Geheime Naam")
        EventFactory(published=False, title="Verborgen")
        response = client.get("/agenda/agenda.ics")
        assert response["Content-Type"].startswith("text/calendar")
        calendar = icalendar.Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert [str(e["summary"]) for e in events] == ["Oudercafé lente"]
        assert str(events[0]["uid"]).startswith(f"activiteit-{event.pk}@")
        assert events[0].decoded("dtstart").tzinfo is not None
        assert events[0].decoded("dtstart").utcoffset() == datetime.timedelta(0)  # UTC: see test_calendar.py
        assert b"@example.org" not in response.content.replace(b"meet.example.org", b"")
        assert b"Geheime" not in response.content

    def test_single_event_ics_has_stable_uid(self, client):
        event = EventFactory()
        first = client.get(reverse("events:ics", args=[event.slug])).content
        second = client.get(reverse("events:ics", args=[event.slug])).content
        uid = lambda c: str(icalendar.Calendar.from_ical(c).walk("VEVENT")[0]["uid"])  # noqa: E731
        assert uid(first) == uid(second)


class TestAdmin:
    def test_netwerkgroep_sees_counts_and_exports(self, client):
        from tests.factories import StaffFactory

        client.force_login(StaffFactory(role="netwerkgroep"))
        event = EventFactory(capacity=2)
        SignupFactory(event=event, name="Anna Jansen")
        assert client.get("/beheer/events/event/?wanneer=komend").status_code == 200
        printable = client.get(reverse("admin:events_event_attendance", args=[event.pk]))
        assert "Anna Jansen" in printable.content.decode()
        csv = client.get(reverse("admin:events_event_attendance_csv", args=[event.pk]))
        assert "Anna Jansen" in csv.content.decode("utf-8-sig")

    @pytest.mark.parametrize(
        ("changes", "field", "message"),
        [
            ({"capacity": "0"}, "capacity", "minstens 1"),
            ({"signup_deadline_0": "01-01-2020", "signup_deadline_1": "10:00"}, "signup_deadline", "in het verleden"),
            ({"ends_at_0": "01-01-2030", "ends_at_1": "08:00"}, "ends_at", "na het begin"),
        ],
    )
    def test_bad_event_input_in_admin(self, client, changes, field, message):
        from tests.factories import EventTypeFactory, StaffFactory

        client.force_login(StaffFactory(role="netwerkgroep"))
        data = {
            "type": EventTypeFactory().pk,
            "title": "Nieuw café",
            "slug": "nieuw-cafe",
            "starts_at_0": "01-01-2030",
            "starts_at_1": "19:30",
            "ends_at_0": "01-01-2030",
            "ends_at_1": "21:30",
            "place_name": "Buurthuis",
            "audience": "parents",
            "capacity": "10",
            "published": "on",
            "signups-TOTAL_FORMS": "0",
            "signups-INITIAL_FORMS": "0",
            **changes,
        }
        response = client.post("/beheer/events/event/add/", data)
        assert response.status_code == 200
        assert message in str(response.context["adminform"].form.errors[field])


class TestSignupCost:
    """A sign-up holds a worker and the event's lock: few queries, no session, mail stored not sent."""

    def test_a_sign_up_takes_few_queries_and_writes_no_session(
        self, client, site_settings, django_assert_max_num_queries
    ):
        event = EventFactory()
        sign_up(client, event, email="eerste@example.org")  # the spent start times are cleared now and then
        # Event, spent start time, then one transaction: lock (with the type the mail names), the
        # counts and this address in one query, the sign-up, the mail (plus savepoints in tests).
        with django_assert_max_num_queries(10) as captured:
            response = sign_up(client, event)
        assert response.status_code == 302
        sql = " ".join(query["sql"] for query in captured.captured_queries)
        assert "django_session" not in sql
        assert sql.count('FROM "events_signup"') == 1
        assert Signup.objects.count() == 2
        assert "sessionid" not in response.cookies

    def test_the_thank_you_page_is_private_and_needs_a_signed_address(self, client):
        event = EventFactory()
        url = sign_up(client, event).url
        page = client.get(url)
        assert "Je bent aangemeld" in page.content.decode()
        assert "private" in page["Cache-Control"]
        forged = url[:-3] + ("AAA" if not url.endswith("AAA") else "BBB")
        assert client.get(forged).url == event.get_absolute_url()  # changed: not accepted
        assert client.get(reverse("events:thanks", args=[event.slug]), {"s": "rommel"}).url == event.get_absolute_url()
        other = EventFactory()
        assert client.get(url.replace(event.slug, other.slug)).status_code == 302  # for another event
