from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from oudersteunpunt.mail import _claim, deliver, queue_mail, send_queued_mail
from oudersteunpunt.models import QueuedMail

pytestmark = pytest.mark.django_db(transaction=True)
TEST_TEMPLATES = Path(__file__).resolve().parents[1] / "templates"


@pytest.fixture(autouse=True)
def _test_templates(settings):
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}]


def send_test_mail():
    with transaction.atomic():
        return queue_mail(template="email/test", to=["ouder@example.org"], context={"name": "Sanne"})


def test_mail_is_sent_after_commit(mailoutbox):
    mail = send_test_mail()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Hallo Sanne"
    assert mailoutbox[0].alternatives[0][1] == "text/html"
    mail.refresh_from_db()
    assert mail.is_sent


def test_queueing_never_talks_to_the_mail_server_the_worker_does():
    """Issue 19.4: without the test stand-in for the worker, storing a mail sends nothing."""
    mail = send_test_mail()
    assert django_mail.outbox == []
    call_command("send_mail_worker", "--once", stdout=StringIO())
    assert [m.subject for m in django_mail.outbox] == ["Hallo Sanne"]
    mail.refresh_from_db()
    assert mail.is_sent
    call_command("send_mail_worker", "--once", stdout=StringIO())
    assert len(django_mail.outbox) == 1, "a sent mail is never sent twice"


def test_failing_mail_server_loses_nothing_and_is_tried_again_later(settings):
    settings.EMAIL_BACKEND = "tests.helpers.FailingEmailBackend"
    mail = send_test_mail()
    call_command("send_queued_mail", stdout=StringIO())
    mail.refresh_from_db()
    assert not mail.is_sent
    assert mail.attempts == 1
    assert "421" in mail.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail", stdout=StringIO())
    assert django_mail.outbox == [], "not again at once: the worker waits before a retry"
    with time_machine.travel(timezone.now() + timedelta(minutes=2), tick=False):
        call_command("send_queued_mail", stdout=StringIO())
    mail.refresh_from_db()
    assert mail.is_sent
    assert [m.subject for m in django_mail.outbox] == ["Hallo Sanne"]


def test_a_mail_claimed_by_one_worker_is_not_sent_by_another():
    mail = send_test_mail()
    assert _claim(mail.pk)
    assert not deliver(mail.pk)
    assert django_mail.outbox == []


def test_no_mail_when_the_transaction_rolls_back(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(template="email/test", to=["ouder@example.org"], context={"name": "Sanne"})
        raise RuntimeError
    call_command("send_queued_mail", stdout=StringIO())
    assert mailoutbox == []
    assert not QueuedMail.objects.exists()


def test_the_worker_stops_between_two_mails_never_halfway_one():
    send_test_mail()
    send_test_mail()
    assert send_queued_mail(stop=lambda: bool(django_mail.outbox)) == (1, 0)
    assert QueuedMail.objects.pending().count() == 1
