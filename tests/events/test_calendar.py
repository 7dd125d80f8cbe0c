"""Calendar files: the right hour everywhere, the online link only for participants,
and cancellations and new times that reach the calendars people added the event to."""

import datetime
import os
import shutil
import subprocess
import zoneinfo
from html.parser import HTMLParser
from pathlib import Path

import icalendar
import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Signup
from events.services import event_announce_new_time, event_cancel, send_event_reminders, signup_cancel, signup_create
from tests.factories import EventFactory, SignupFactory, StaffFactory

pytestmark = pytest.mark.django_db

AMSTERDAM = zoneinfo.ZoneInfo("Europe/Amsterdam")
SECRET_LINK = "https://meet.example.org/geheim-oudercafe-4711"
ICALJS = Path(os.environ.get("ICALJS_DIR") or Path(settings.BASE_DIR) / "node_modules" / "ical.js")


def at(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=AMSTERDAM)


def summer_and_winter_events():
    return [
        EventFactory(title="Zomercafé", starts_at=at(2027, 5, 23, 19, 30), ends_at=at(2027, 5, 23, 21, 30)),
        EventFactory(title="Wintercafé", starts_at=at(2027, 1, 23, 19, 30), ends_at=at(2027, 1, 23, 21, 30)),
    ]


def calendar_of(mail):
    files = [content for name, content, _type in mail.attachments if name.endswith(".ics")]
    assert len(files) == 1, mail.attachments
    return icalendar.Calendar.from_ical(files[0])


class FormValues(HTMLParser):
    """What a browser would send back from the admin's change form, unchanged."""

    def __init__(self):
        super().__init__()
        self.values, self._select, self._textarea = {}, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.values[name] = attrs.get("value") or ""
        elif tag == "select":
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self.values[self._select] = attrs.get("value") or ""
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html):
    parser = FormValues()
    parser.feed(html)
    return {name: value for name, value in parser.values.items() if name != "csrfmiddlewaretoken"}


def everything_in(mail):
    parts = [mail.subject, mail.body, *(content for content, _type in mail.alternatives)]
    parts += [content.decode() if isinstance(content, bytes) else content for _n, content, _t in mail.attachments]
    return "\n".join(parts)


class TestTimes:
    def test_times_are_in_utc_so_no_time_zone_rules_are_needed(self, client):
        summer_and_winter_events()
        content = client.get("/agenda/agenda.ics").content.decode()
        starts = sorted(line for line in content.splitlines() if line.startswith("DTSTART"))
        # 19:30 in Amsterdam is 17:30 UTC in summer (CEST) and 18:30 UTC in winter (CET).
        assert starts == ["DTSTART:20270123T183000Z", "DTSTART:20270523T173000Z"]
        # No VTIMEZONE left whose transitions a calendar could read wrongly.
        assert "BEGIN:VTIMEZONE" not in content
        assert not [line for line in content.splitlines() if line.startswith("RDATE") and "," in line]

    def test_python_icalendar_reads_the_local_hour(self, client):
        summer_and_winter_events()
        calendar = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics").content)
        local = {str(e["summary"]): e.decoded("dtstart").astimezone(AMSTERDAM) for e in calendar.walk("VEVENT")}
        assert local == {"Zomercafé": at(2027, 5, 23, 19, 30), "Wintercafé": at(2027, 1, 23, 19, 30)}

    @pytest.mark.skipif(
        not (shutil.which("node") and ICALJS.is_dir()),
        reason="needs node and ical.js: `npm install --no-save ical.js@2` in the repository, or set ICALJS_DIR",
    )
    def test_mozilla_icaljs_reads_the_same_hour(self, client):
        summer_and_winter_events()
        feed = client.get("/agenda/agenda.ics").content
        script = Path(__file__).with_name("icaljs_times.cjs")
        result = subprocess.run(
            ["node", str(script), str(ICALJS)], input=feed, capture_output=True, check=True, timeout=60
        )
        assert result.stdout.decode().split() == ["2027-01-23T18:30:00.000Z", "2027-05-23T17:30:00.000Z"]


class TestOnlineLink:
    def test_no_public_output_contains_the_online_link(self, client, mailoutbox):
        event = EventFactory(place_name="", online_url=SECRET_LINK)
        full = EventFactory(place_name="", online_url=SECRET_LINK, capacity=1)
        signup_create(event=full, name="Eerste", email="eerste@example.org")
        signup_create(event=full, name="Wachtende", email="wacht@example.org")  # waiting list
        public = [
            "/",
            "/agenda/",
            reverse("events:detail", args=[event.slug]),
            reverse("events:detail", args=[full.slug]),
            "/agenda/agenda.ics",
            reverse("events:ics", args=[event.slug]),
            "/sitemap.xml",
            "/en/agenda/",
            f"/en{reverse('events:detail', args=[event.slug])}",
        ]
        for path in public:
            response = client.get(path)
            assert response.status_code == 200, path
            assert SECRET_LINK not in response.content.decode(), path
            assert "geheim-oudercafe" not in response.content.decode(), path
        feed = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics").content)
        assert all(str(e["location"]).endswith("Online") for e in feed.walk("VEVENT"))
        waiting_mail = next(m for m in mailoutbox if m.to == ["wacht@example.org"])
        assert SECRET_LINK not in everything_in(waiting_mail)
        assert "Online" in waiting_mail.body

    def test_confirmation_and_its_calendar_file_carry_the_link(self, mailoutbox):
        event = EventFactory(online_url=SECRET_LINK)
        signup_create(event=event, name="Sanne", email="sanne@example.org")
        mail = mailoutbox[0]
        assert SECRET_LINK in mail.body
        assert f'href="{SECRET_LINK}"' in mail.alternatives[0][0]
        item = calendar_of(mail).walk("VEVENT")[0]
        assert SECRET_LINK in str(item["description"])
        assert SECRET_LINK in str(item["location"])

    def test_reminder_carries_the_link(self, mailoutbox):
        event = EventFactory(online_url=SECRET_LINK, starts_at=timezone.now() + datetime.timedelta(hours=20))
        SignupFactory(event=event, email="sanne@example.org")
        assert send_event_reminders() == 1
        assert SECRET_LINK in mailoutbox[0].body
        assert SECRET_LINK in mailoutbox[0].alternatives[0][0]

    def test_moved_up_mail_and_its_calendar_file_carry_the_link(self, mailoutbox):
        event = EventFactory(online_url=SECRET_LINK, capacity=1)
        first = signup_create(event=event, name="Eerste", email="eerste@example.org").signup
        signup_create(event=event, name="Tweede", email="tweede@example.org")
        mailoutbox.clear()
        signup_cancel(token=first.token)
        [moved_up] = mailoutbox
        assert moved_up.to == ["tweede@example.org"]
        assert SECRET_LINK in moved_up.body
        assert SECRET_LINK in str(calendar_of(moved_up).walk("VEVENT")[0]["description"])

    def test_cancellation_mail_does_not_carry_the_link(self, mailoutbox):
        event = EventFactory(online_url=SECRET_LINK)
        signup_create(event=event, name="Sanne", email="sanne@example.org")
        mailoutbox.clear()
        event_cancel(event=event)
        assert SECRET_LINK not in everything_in(mailoutbox[0])


def sign_up_two(event, mailoutbox):
    """One person with a place (and a calendar file), one on the waiting list."""
    confirmed = signup_create(event=event, name="Sanne", email="sanne@example.org").signup
    waiting = signup_create(event=event, name="Wachtende", email="wacht@example.org").signup
    assert (confirmed.status, waiting.status) == (Signup.Status.CONFIRMED, Signup.Status.WAITING)
    confirmation = calendar_of(mailoutbox[0])
    mailoutbox.clear()
    return confirmation


class TestCancellation:
    def test_cancelling_sends_a_calendar_cancellation_for_the_same_appointment(self, mailoutbox):
        event = EventFactory(capacity=1)
        confirmation = sign_up_two(event, mailoutbox)
        assert event_cancel(event=event) == 2
        by_address = {m.to[0]: m for m in mailoutbox}
        cancellation = calendar_of(by_address["sanne@example.org"])
        before, after = confirmation.walk("VEVENT")[0], cancellation.walk("VEVENT")[0]
        assert str(confirmation["method"]) == "REQUEST"
        assert str(cancellation["method"]) == "CANCEL"
        assert str(after["uid"]) == str(before["uid"])
        assert str(after["status"]) == "CANCELLED"
        assert int(after["sequence"]) > int(before["sequence"])
        assert "sanne@example.org" in str(after["attendee"])
        assert str(after["organizer"]).startswith("mailto:")
        # Somebody on the waiting list never got an appointment, so there is none to remove.
        assert by_address["wacht@example.org"].attachments == []
        assert "niet door" in by_address["wacht@example.org"].body

    def test_the_admin_action_sends_the_cancellation(self, client, mailoutbox):
        event = EventFactory()
        signup_create(event=event, name="Sanne", email="sanne@example.org")
        mailoutbox.clear()
        client.force_login(StaffFactory(role="netwerkgroep"))
        response = client.post(
            reverse("admin:events_event_changelist"),
            {"action": "cancel_events", "_selected_action": [event.pk]},
        )
        assert response.status_code == 302
        [mail] = mailoutbox
        assert str(calendar_of(mail)["method"]) == "CANCEL"

    def test_the_public_feed_shows_the_cancellation_too(self, client, mailoutbox):
        event = EventFactory()
        event_cancel(event=event)
        item = icalendar.Calendar.from_ical(client.get("/agenda/agenda.ics").content).walk("VEVENT")[0]
        assert (str(item["status"]), int(item["sequence"])) == ("CANCELLED", 1)


class TestNewTime:
    def test_a_new_time_sends_an_updated_appointment(self, mailoutbox):
        event = EventFactory(capacity=1, starts_at=at(2027, 5, 23, 19, 30), ends_at=at(2027, 5, 23, 21, 30))
        confirmation = sign_up_two(event, mailoutbox)
        Event.objects.filter(pk=event.pk).update(starts_at=at(2027, 5, 23, 20), ends_at=at(2027, 5, 23, 22))
        assert event_announce_new_time(event=event) == 2
        by_address = {m.to[0]: m for m in mailoutbox}
        update = calendar_of(by_address["sanne@example.org"])
        before, after = confirmation.walk("VEVENT")[0], update.walk("VEVENT")[0]
        assert str(update["method"]) == "REQUEST"
        assert str(after["uid"]) == str(before["uid"])
        assert int(after["sequence"]) > int(before["sequence"])
        assert after.decoded("dtstart") == at(2027, 5, 23, 20)
        assert "20.00" in by_address["sanne@example.org"].body
        assert by_address["wacht@example.org"].attachments == []
        assert "20.00" in by_address["wacht@example.org"].body

    def test_sequence_only_goes_up(self, mailoutbox):
        event = EventFactory()
        signup_create(event=event, name="Sanne", email="sanne@example.org")
        sequences = [int(calendar_of(mailoutbox[-1]).walk("VEVENT")[0]["sequence"])]
        for _ in range(2):
            event_announce_new_time(event=event)
            sequences.append(int(calendar_of(mailoutbox[-1]).walk("VEVENT")[0]["sequence"]))
        event_cancel(event=event)
        sequences.append(int(calendar_of(mailoutbox[-1]).walk("VEVENT")[0]["sequence"]))
        assert sequences == sorted(set(sequences))
        assert len(sequences) == 4

    def test_the_admin_mails_participants_when_the_time_changes_and_only_then(self, client, mailoutbox):
        event = EventFactory(starts_at=at(2027, 5, 23, 19, 30), ends_at=at(2027, 5, 23, 21, 30))
        signup_create(event=event, name="Sanne", email="sanne@example.org")
        mailoutbox.clear()
        client.force_login(StaffFactory(role="netwerkgroep"))
        url = reverse("admin:events_event_change", args=[event.pk])
        data = form_values(client.get(url).content.decode())
        data["title"] = "Oudercafé met een nieuwe titel"
        assert client.post(url, data).status_code == 302
        assert mailoutbox == []
        data.update({"starts_at_1": "20:00", "ends_at_1": "22:00"})
        assert client.post(url, data).status_code == 302
        [mail] = mailoutbox
        assert str(calendar_of(mail)["method"]) == "REQUEST"
        assert calendar_of(mail).walk("VEVENT")[0].decoded("dtstart") == at(2027, 5, 23, 20)

    def test_a_past_event_mails_nobody(self, mailoutbox):
        event = EventFactory(starts_at=timezone.now() - datetime.timedelta(days=2))
        assert event_announce_new_time(event=event) == 0  # past: nobody to tell
        assert mailoutbox == []
