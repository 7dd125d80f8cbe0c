"""Nothing of a parent is left after erase or after the retention periods (issue 19.5).

A parent's name and address are planted through every public form (contact,
buddy, event sign-up, a search without results), the consulent writes a note and
the admin keeps its history. Then every column of every table the database has
(``connection.introspection.table_names()``, so a table added later is searched
too) is searched for the name and the address, and every session is decoded.
"""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from buddies.models import BuddyRequest
from contact.models import ContactNote, ContactRequest
from events.models import Signup
from stories.models import Story
from stories.services import story_approve, story_request_approval
from tests.factories import EventFactory, MunicipalityFactory, PhaseFactory, StaffFactory
from tests.helpers import guard_fields

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_settings")]

NAME = "Zwanetta Quaadvliegh"
EMAIL = "zwanetta.quaadvliegh@voorbeeld.nl"
# Lower case and in pieces: search words are folded and split (zwanetta, quaadvliegh, voorbeeld, nl).
NEEDLES = ["quaadvliegh", "zwanetta", EMAIL]
RETENTION_COMMANDS = [
    "purge_event_signups",
    "anonymise_contact_requests",
    "anonymise_buddy_data",
    "anonymise_stories",
    "purge_queued_mail",
    "purge_missed_searches",
]


def where_found():
    """{table: [columns]} holding any needle, searched in every column of every table."""
    found = {}
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        for table in tables:
            for column in connection.introspection.get_table_description(cursor, table):
                name = f"LOWER(CAST({connection.ops.quote_name(column.name)} AS TEXT))"
                where = " OR ".join(f"{name} LIKE %s" for _ in NEEDLES)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)} WHERE {where}",
                    [f"%{needle}%" for needle in NEEDLES],
                )
                if cursor.fetchone()[0]:
                    found.setdefault(table, []).append(column.name)
    for session in Session.objects.all():
        if any(needle in json.dumps(session.get_decoded()).lower() for needle in NEEDLES):
            found.setdefault("django_session (decoded)", []).append(session.pk)
    print(f"searched {len(tables)} tables: {', '.join(sorted(tables))}")  # noqa: T201
    return found


@pytest.fixture
def planted(mailoutbox):
    """The parent uses every public form; the consulent handles the request in the admin."""
    parent = Client()
    person = {"name": NAME, "email": EMAIL, "consent": "on"}
    response = parent.post(
        "/contact/",
        {**person, "contact_method": "email", "message": f"Ik ben {NAME}.", "good_times": "ochtend", **guard_fields()},
    )
    assert response.status_code == 302
    place = MunicipalityFactory()
    response = parent.post(
        "/buddy/",
        {**person, "contact_method": "email", "municipality": place.pk, "child_age": "9", "hopes": NAME}
        | guard_fields(),
    )
    assert response.status_code == 302
    event = EventFactory()
    response = parent.post(
        event.get_absolute_url(), {**person, "role": "parent", "people": "1", "remarks": NAME, **guard_fields()}
    )
    assert response.status_code == 302
    response = parent.post("/agenda/op-de-hoogte/", {"email": EMAIL, "types": [event.type_id], **guard_fields()})
    assert response.status_code == 302  # mail about new events, not confirmed
    # A story, published with the parent's approval and without a name shown (a first name the parent
    # chose to show stays with the published story, by design).
    response = parent.post(
        "/verhalen/vertel/",
        {
            **person,
            "name_shown": "anonymous",
            "happened": "Het ging niet goed op school.",
            "phase": PhaseFactory().pk,
            **guard_fields(),
        },
    )
    assert response.status_code == 302
    story = Story.objects.get()
    story.title = "Een verhaal"
    story.save()
    story = story_request_approval(story=story)
    story_approve(token=story.token, digest=story.digest())
    parent.get("/zoeken/", {"q": NAME})
    parent.get("/zoeken/", {"q": EMAIL})  # an address typed in the search box is never kept

    consulent = StaffFactory(role="consulent")
    request = ContactRequest.objects.get()
    ContactNote.objects.create(request=request, author=consulent, text=f"Gebeld met {NAME}.")
    request.status = ContactRequest.Status.CLOSED
    request.save()
    LogEntry.objects.create(
        user=consulent,
        content_type=ContentType.objects.get_for_model(ContactRequest),
        object_id=str(request.pk),
        object_repr=str(request),
        action_flag=CHANGE,
        change_message="[]",
    )
    found = where_found()
    # The test can fail: the planted data is really there, in each part and in the outbox.
    for table in [
        "contact_contactrequest",
        "contact_contactnote",
        "buddies_buddyrequest",
        "events_signup",
        "events_subscription",
        "stories_story",
        "oudersteunpunt_queuedmail",
        "faq_missedsearch",
        "django_admin_log",
    ]:
        assert table in found, table
    assert len(mailoutbox) >= 3
    return event


def test_erase_leaves_nothing_anywhere(planted):
    out = StringIO()
    call_command("personal_data", "export", EMAIL, stdout=out)
    exported = json.loads(out.getvalue())
    assert exported["uitgaande mail"] and exported["zoekopdrachten zonder resultaat"]

    call_command("personal_data", "erase", EMAIL, stdout=StringIO())
    assert where_found() == {}
    assert Signup.objects.count() == 1 and BuddyRequest.objects.count() == 1, "the counts stay"


def test_the_retention_commands_leave_nothing_once_their_time_has_passed(planted):
    later = timezone.now() + timedelta(days=400)
    left = {}
    with time_machine.travel(later, tick=False):
        for command in RETENTION_COMMANDS:
            call_command(command, stdout=StringIO())
            left[command] = sorted(where_found())
    print(left)  # noqa: T201
    assert not {"events_signup", "events_subscription"} & set(left["purge_event_signups"])
    assert not {"contact_contactrequest", "contact_contactnote"} & set(left["anonymise_contact_requests"])
    assert "buddies_buddyrequest" not in left["anonymise_buddy_data"]
    assert "stories_story" not in left["anonymise_stories"]
    assert "oudersteunpunt_queuedmail" not in left["purge_queued_mail"]
    assert left["purge_missed_searches"] == []


def test_nothing_is_forgotten_before_its_time(planted):
    with time_machine.travel(timezone.now() + timedelta(days=1), tick=False):
        for command in RETENTION_COMMANDS:
            call_command(command, stdout=StringIO())
    assert "oudersteunpunt_queuedmail" in where_found()
