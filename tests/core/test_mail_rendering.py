"""Mails as a parent's mail program sees them: their language, links, title and Message-ID."""

import re
from email import message_from_bytes
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from buddies.models import BuddyRequest, Municipality
from contact.models import ContactRequest
from events.models import Signup
from oudersteunpunt.models import QueuedMail
from tests.buddies.test_buddies import form_data as buddy_form
from tests.contact.test_contact import form_data as contact_form
from tests.core.mail_kinds import mail_templates_on_disk, produce_every_mail_kind
from tests.events.test_signup import form_data as signup_form
from tests.factories import EventFactory

pytestmark = pytest.mark.django_db

URL = re.compile(r"(https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+)")


class MailHTML(HTMLParser):
    """The title, the language, the links and the text that is not inside a link."""

    def __init__(self):
        super().__init__()
        self.title = ""
        self.lang = None
        self.hrefs = []
        self.loose_text = []
        self._in = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])
        self._in.append(tag)

    def handle_endtag(self, tag):
        while self._in and self._in.pop() != tag:
            pass

    def handle_data(self, data):
        if "title" in self._in:
            self.title += data
        elif "a" not in self._in:
            self.loose_text.append(data)


def parse(html):
    parser = MailHTML()
    parser.feed(html)
    return parser


class TestMailInTheParentsLanguage:
    def test_contact_from_english_page_gets_english_mail(self, client, site_settings, mailoutbox):
        client.post("/en/contact/", contact_form())
        assert ContactRequest.objects.get().mail_language == "en"
        to_parent, to_consulent = mailoutbox
        assert to_parent.subject.startswith("We have received your question")
        assert "Dear Sanne de Vries," in to_parent.body
        assert "Kind regards," in to_parent.body
        assert parse(to_parent.alternatives[0][0]).lang == "en"
        # The consulent works in Dutch, whatever the parent chose.
        assert to_consulent.subject.startswith("Nieuwe vraag")

    def test_buddy_request_from_english_page_gets_english_mail(self, client, site_settings, mailoutbox):
        place = Municipality.objects.create(name="Alkmaar")
        client.post("/en/buddy/", buddy_form(place))
        assert BuddyRequest.objects.get().mail_language == "en"
        to_parent = mailoutbox[0]
        assert to_parent.to == ["linda@example.org"]
        assert to_parent.subject.startswith("We have received your buddy request")
        assert "Dear Linda de Boer," in to_parent.body

    def test_signup_from_english_page_gets_english_mail_and_english_links(self, client, mailoutbox):
        event = EventFactory()
        client.post(reverse("events:detail", args=[event.slug]).replace("/agenda/", "/en/agenda/", 1), signup_form())
        signup = Signup.objects.get()
        assert signup.mail_language == "en"
        (confirmation,) = mailoutbox
        assert confirmation.subject.startswith("You are signed up")
        assert f"/en/agenda/afmelden/{signup.token}/" in confirmation.body
        # English day names in the details too.
        assert event.starts_at.strftime("%A") in confirmation.body

    def test_dutch_page_still_gives_dutch_mail(self, client, mailoutbox):
        event = EventFactory()
        client.post(reverse("events:detail", args=[event.slug]), signup_form())
        assert Signup.objects.get().mail_language == "nl"
        assert mailoutbox[0].subject.startswith("Je bent aangemeld")

    def test_later_mails_keep_the_language(self, monkeypatch):
        rendered = produce_every_mail_kind(monkeypatch, language="en")
        for template in (
            "events/email/waiting",
            "events/email/moved_up",
            "events/email/reminder",
            "events/email/event_cancelled",
            "contact/email/confirmation",
            "buddies/email/request_received",
            "buddies/email/introduction_parent",
            "buddies/email/evaluation",
        ):
            subject, text, html = rendered[template]
            assert parse(html).lang == "en", template
            assert "Beste" not in text and "Hartelijke groet" not in text, template
        assert "/en/buddy/evaluatie/" in rendered["buddies/email/evaluation"][1]


class TestEveryMailKind:
    @pytest.fixture
    def rendered(self, monkeypatch, site_settings):
        return produce_every_mail_kind(monkeypatch)

    def test_every_kind_is_covered(self, rendered):
        # A new mail template without a place in produce_every_mail_kind fails here, so it gets checked too.
        assert set(rendered) == mail_templates_on_disk()

    def test_every_link_is_a_link(self, rendered):
        for template, (_subject, text, html) in rendered.items():
            page = parse(html)
            loose = URL.findall(" ".join(page.loose_text))
            assert loose == [], f"{template}: address outside <a href>: {loose}"
            for address in URL.findall(text):
                address = address.rstrip(".,)")
                assert any(address in href for href in page.hrefs), f"{template}: {address} not linked in HTML"

    def test_every_mail_has_its_subject_as_title(self, rendered):
        for template, (subject, _text, html) in rendered.items():
            page = parse(html)
            assert subject and page.title == subject, template
            assert page.lang == "nl", template

    def test_mails_are_signed_by_the_organisation(self, monkeypatch, site_settings):
        site_settings.name = "Oudersteunpunt Lindewaarde"
        site_settings.partnership_name = "Samenwerkingsverband Lindewaarde"
        site_settings.save()
        rendered = produce_every_mail_kind(monkeypatch)
        for template, (_subject, text, html) in rendered.items():
            assert "Samenwerkingsverband Lindewaarde" in html, template
            if "Hartelijke groet" in text:
                assert "Oudersteunpunt Lindewaarde\nSamenwerkingsverband Lindewaarde" in text, template


def test_message_id_uses_the_sites_domain(settings, mailoutbox):
    settings.SITE_URL = "https://steunpunt.example.nl"
    from oudersteunpunt.mail import deliver, queue_mail

    mail = queue_mail(template="contact/email/notify_consulent", to=["a@example.org"], context={"request": None})
    deliver(mail.pk)  # already sent after "commit" (the fixture sends at once); this one does nothing
    assert QueuedMail.objects.get(pk=mail.pk).is_sent
    message = message_from_bytes(mailoutbox[-1].message().as_bytes())
    assert message["Message-ID"].endswith("@steunpunt.example.nl>")
    assert "localhost" not in message["Message-ID"]


def test_parent_learns_who_the_consulent_is(client, site_settings, mailoutbox):
    site_settings.consulent_name = "Carla Voorbeeld"
    site_settings.consulent_title = "Consulent passend onderwijs"
    site_settings.save()
    client.post("/contact/", contact_form())
    to_parent = mailoutbox[0]
    assert "Je vraag komt bij Carla Voorbeeld, consulent passend onderwijs." in to_parent.body
    assert "Carla Voorbeeld" in to_parent.alternatives[0][0]
