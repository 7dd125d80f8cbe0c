"""One way to send mail: rendered from templates, stored, sent after commit.

A mail is rendered in the recipient's language from ``<name>_subject.txt``,
``<name>.txt`` and ``<name>.html``, stored as a ``QueuedMail`` in the same
transaction as the thing it is about, and sent once that transaction commits.
If the mail server fails, the row stays and ``send_queued_mail`` (cron) tries
again later.
"""

import base64
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db.models import Q
from django.db.transaction import on_commit
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import QueuedMail, SiteSettings

logger = logging.getLogger(__name__)
CLAIM_SECONDS = 120


def mail_language(language):
    """The recipient's language if the site speaks it, else the site's own."""
    return language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def mail_domain():
    """The right-hand side of Message-IDs: the site's own host, never the machine's name."""
    return urlsplit(settings.SITE_URL).hostname or settings.ALLOWED_HOSTS[0].lstrip(".")


def render_mail(template, context, language=None):
    """Subject, text and HTML in the recipient's language; links (``reverse``) follow it too."""
    context = {"site_url": settings.SITE_URL, "site_settings": SiteSettings.load(), **context}
    with translation.override(mail_language(language)):
        subject = render_to_string(f"{template}_subject.txt", context)
        # Like PasswordResetForm.send_mail: a subject is one line.
        subject = " ".join(subject.split())
        body = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", {**context, "subject": subject})
    return subject, body, html


def queue_mail(*, template, to, context, language=None, attachments=()):
    """Store a mail and send it after the current transaction commits."""
    subject, body, html = render_mail(template, context, language)
    mail = QueuedMail.objects.create(
        to=list(to),
        subject=subject,
        body=body,
        html=html,
        attachments=[
            {"filename": name, "content": base64.b64encode(content).decode(), "mimetype": mimetype}
            for name, content, mimetype in attachments
        ],
    )
    on_commit(lambda: deliver(mail.pk))
    return mail


def _claim(pk):
    """Only one worker (request or cron) sends a given mail at a time."""
    now = timezone.now()
    claimed = (
        QueuedMail.objects.filter(pk=pk, sent_at__isnull=True)
        .filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now))
        .update(claimed_until=now + timedelta(seconds=CLAIM_SECONDS))
    )
    return claimed == 1


def deliver(pk):
    """Try to send one stored mail; True when it went out."""
    if not _claim(pk):
        return False
    mail = QueuedMail.objects.get(pk=pk)
    message = EmailMultiAlternatives(
        mail.subject,
        mail.body,
        settings.DEFAULT_FROM_EMAIL,
        mail.to,
        headers={"Message-ID": make_msgid(domain=mail_domain())},
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for item in mail.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    try:
        message.send()
    except Exception as error:  # noqa: BLE001 - any failure of the mail server is retried later
        logger.warning("Mail %s not sent, will retry: %s", pk, error)
        QueuedMail.objects.filter(pk=pk).update(
            attempts=mail.attempts + 1, last_error=str(error)[:2000], claimed_until=None
        )
        return False
    QueuedMail.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=mail.attempts + 1, last_error="")
    return True


def send_queued_mail():
    """Send what is still waiting; returns (sent, failed)."""
    pending = QueuedMail.objects.filter(sent_at__isnull=True, attempts__lt=settings.OSP_MAIL_MAX_ATTEMPTS).values_list(
        "pk", flat=True
    )
    sent = failed = 0
    for pk in list(pending):
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
