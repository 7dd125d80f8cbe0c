from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import transaction

from oudersteunpunt.mail import queue_mail
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


def test_failing_mail_server_loses_nothing(settings, mailoutbox):
    settings.EMAIL_BACKEND = "tests.helpers.FailingEmailBackend"
    mail = send_test_mail()
    mail.refresh_from_db()
    assert not mail.is_sent
    assert mail.attempts == 1
    assert "421" in mail.last_error

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_queued_mail")
    mail.refresh_from_db()
    assert mail.is_sent
    assert [m.subject for m in mailoutbox] == ["Hallo Sanne"]

    call_command("send_queued_mail")
    assert len(mailoutbox) == 1, "a sent mail is never sent twice"


def test_no_mail_when_the_transaction_rolls_back(mailoutbox):
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(template="email/test", to=["ouder@example.org"], context={"name": "Sanne"})
        raise RuntimeError
    assert mailoutbox == []
    assert not QueuedMail.objects.exists()
