"""Every kind of mail the site sends, produced the way the site produces it.

Used by the mail tests and by ``make vnu``. It records what ``render_mail`` returns
per template, so a test can look at each kind's HTML part.
"""

import datetime
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from oudersteunpunt import mail

TEMPLATES_DIR = Path(settings.BASE_DIR) / "templates"


def mail_templates_on_disk():
    """Each ``<name>_subject.txt`` under a templates ``email`` folder is one kind of mail."""
    return {
        str(path.relative_to(TEMPLATES_DIR)).removesuffix("_subject.txt")
        for path in TEMPLATES_DIR.glob("**/email/*_subject.txt")
    }


def produce_every_mail_kind(monkeypatch, language="nl"):
    """Run the services that send mail; returns {template: (subject, text, html)}."""
    from buddies.services import (
        buddy_account_create,
        buddy_request_create,
        match_accept,
        match_decline,
        match_end,
        match_propose,
    )
    from contact.services import contact_request_create
    from events.models import Signup
    from events.services import (
        event_announce_new_time,
        event_announce_to_subscribers,
        event_cancel,
        send_event_reminders,
        signup_cancel,
        signup_create,
        subscription_confirm,
        subscription_request,
    )
    from oudersteunpunt.models import SiteSettings
    from stories.services import story_approve, story_create, story_reject, story_request_approval
    from tests.factories import BuddyProfileFactory, EventFactory, MunicipalityFactory, PhaseFactory, StaffFactory

    rendered = {}
    original = mail.render_mail

    def recording(template, context, language=None):
        result = original(template, context, language)
        rendered[template] = result
        return result

    monkeypatch.setattr(mail, "render_mail", recording)

    site = SiteSettings.load()
    site.consulent_email = "consulent@example.org"
    site.save()

    event = EventFactory(capacity=1, online_url="https://meet.example.org/oudercafe")
    first = signup_create(event=event, name="Sanne", email="sanne@example.org", mail_language=language).signup
    signup_create(event=event, name="Piet", email="piet@example.org", mail_language=language)
    signup_create(event=event, name="Piet", email="piet@example.org", mail_language=language)  # already there
    signup_cancel(token=first.token)  # Piet moves up
    send_event_reminders(now=event.starts_at - datetime.timedelta(hours=2))
    event.starts_at += datetime.timedelta(hours=1)
    event.save()
    event_announce_new_time(event=event)
    event_cancel(event=event)
    assert Signup.objects.filter(event=event).count() == 2

    subscription = subscription_request(email="mila@example.org", types=[event.type], mail_language=language)
    subscription_confirm(confirm_token=subscription.confirm_token)
    new = EventFactory(type=event.type, online_url="https://meet.example.org/oudercafe")
    assert event_announce_to_subscribers(event=new) >= 1  # demo subscribers may be there too

    contact_request_create(name="Sanne", email="sanne.vraag@example.org", message="Wie helpt?", mail_language=language)

    ask = {
        "name": "Linda de Boer",
        "email": "linda.mails@example.org",
        "phone": "06 12345678",
        "municipality": MunicipalityFactory(),
        "child_age": 10,
        "hopes": "Iemand die luistert.",
        "mail_language": language,
    }
    request, _already = buddy_request_create(**ask)
    buddy_request_create(**ask)  # asked before: the mail says so
    # As the admin adds a buddy: an account (the invitation mail), then the profile.
    user = buddy_account_create(email="bram.mails@example.org", first_name="Bram")
    buddy = BuddyProfileFactory(user=user, first_name="Bram", trained_on=timezone.localdate(), capacity=2)
    match = match_propose(buddy_request=request, buddy=buddy)
    match_decline(match_pk=match.pk, buddy=buddy)
    other = BuddyProfileFactory(capacity=1)
    match = match_propose(buddy_request=request, buddy=other)
    match = match_accept(match_pk=match.pk, buddy=other)
    match_end(match=match, reason="Klaar.")

    StaffFactory(role="netwerkgroep", email="netwerkgroep.mails@example.org")
    phase = PhaseFactory()
    story_fields = {
        "happened": "Mijn zoon wilde niet meer naar school.",
        "helped": "Een gesprek met de juf.",
        "proud": "Dat we het samen deden.",
        "phase": phase,
        "themes": [],
        "name": "Sanne de Vries",
        "name_shown": "first_name",
        "mail_language": language,
    }
    story = story_create(email="sanne.verhaal@example.org", **story_fields)
    story.title = "Samen naar de juf"
    story.save()
    story = story_request_approval(story=story)
    story_approve(token=story.token, digest=story.digest())
    story_reject(story=story_create(email="piet.verhaal@example.org", **story_fields))
    return rendered
