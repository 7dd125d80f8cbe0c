"""A hanging mail server never holds up a parent (issue 19.4).

The mail server here accepts a connection and never answers, as a broken one
does. A sign-up and a contact request go through without any connection to it;
the worker sends the mail once the server is back.
"""

import socket
from io import StringIO

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.test import Client

from events.models import Signup
from oudersteunpunt.models import QueuedMail
from tests.factories import EventFactory
from tests.helpers import guard_fields

# Real commits: mail that was sent "after commit" inside the request would show here.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("site_settings")]


@pytest.fixture
def hanging_mail_server(settings):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.setblocking(False)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = listener.getsockname()
    settings.EMAIL_TIMEOUT = 1
    yield listener
    listener.close()


def connections(listener):
    count = 0
    while True:
        try:
            conn, _address = listener.accept()
        except BlockingIOError:
            return count
        conn.close()
        count += 1


def test_a_sign_up_never_waits_for_the_mail_server(hanging_mail_server, settings):
    event = EventFactory()
    data = {"name": "Sanne", "email": "sanne@example.org", "role": "parent", "people": "1", "consent": "on"}
    response = Client().post(event.get_absolute_url(), {**data, **guard_fields()})
    assert response.status_code == 302
    assert Signup.objects.get().email == "sanne@example.org"
    assert connections(hanging_mail_server) == 0, "the request did not touch the mail server"
    assert QueuedMail.objects.pending().count() == 1

    # The worker does wait for it, up to EMAIL_TIMEOUT, and keeps the mail.
    call_command("send_mail_worker", "--once", stdout=StringIO())
    assert connections(hanging_mail_server) == 1
    mail = QueuedMail.objects.get()
    assert mail.sent_at is None and mail.attempts == 1

    # The server is back (here: Django's test backend): the mail goes out on a later round.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    QueuedMail.objects.update(claimed_until=None)  # instead of waiting for the retry
    call_command("send_mail_worker", "--once", stdout=StringIO())
    assert [m.to for m in django_mail.outbox] == [["sanne@example.org"]]
    assert QueuedMail.objects.get().is_sent


def test_a_contact_request_never_waits_for_the_mail_server(hanging_mail_server):
    data = {"name": "Sanne", "contact_method": "email", "email": "sanne@example.org", "message": "Vraag"}
    response = Client().post("/contact/", {**data, "consent": "on", **guard_fields()})
    assert response.status_code == 302
    assert connections(hanging_mail_server) == 0
    assert QueuedMail.objects.pending().count() == 2  # the parent and the consulent


def test_a_password_reset_never_waits_for_the_mail_server(hanging_mail_server):
    from tests.factories import StaffFactory
    from tests.helpers import reapply_role_migrations

    reapply_role_migrations()  # a flushed database has no groups
    staff = StaffFactory(role="consulent")
    response = Client().post("/account/password/reset/", {"email": staff.email})
    assert response.status_code == 302
    assert connections(hanging_mail_server) == 0
    assert QueuedMail.objects.pending().get().to == [staff.email]
