"""One way to send mail: rendered from templates, stored, sent by a worker.

A mail is rendered in the recipient's language from ``<name>_subject.txt``,
``<name>.txt`` and ``<name>.html`` and stored as a ``QueuedMail`` in the same
transaction as the thing it is about. A request never talks to the mail
server: ``send_mail_worker`` (a process next to gunicorn) sends what is waiting
every few seconds, so a slow or hanging mail server never holds up a parent. If
the mail server fails, the row stays and is tried again later.
"""

import base64
import logging
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import make_msgid
from django.db.models import Q
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


def queue_mail(*, template, to, context, language=None, attachments=(), headers=None):
    """Store a mail; the worker sends it once the current transaction has committed.

    ``headers`` are extra header lines sent with it (``{"List-Unsubscribe": "<https://…>"}``).
    """
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
        headers=dict(headers or {}),
    )
    return mail


def queue_message(message):
    """Store a mail built elsewhere (allauth's) in the outbox, for the worker to send."""
    html = next((content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), "")
    return QueuedMail.objects.create(to=list(message.to), subject=message.subject, body=message.body, html=html)


def _claim(pk):
    """Only one worker sends a given mail at a time: the claim is one atomic UPDATE,
    which works alike on SQLite and PostgreSQL; a claim of a worker that died runs out."""
    now = timezone.now()
    claimed = (
        QueuedMail.objects.filter(pk=pk, sent_at__isnull=True, wiped_at__isnull=True)
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
        headers={**mail.headers, "Message-ID": make_msgid(domain=mail_domain())},
    )
    if mail.html:
        message.attach_alternative(mail.html, "text/html")
    for item in mail.attachments:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    try:
        message.send()
    except Exception as error:  # any failure of the mail server is retried later
        # The log gets no addresses (a refusal lists them); the row keeps the reason until it is wiped.
        logger.warning("Mail %s not sent, will retry: %s", pk, type(error).__name__)
        # Wait longer after each failure (1, 2, 4 … minutes, at most 6 hours), so a mail
        # server that is down for a night is not given up on within minutes.
        retry_in = timedelta(minutes=min(2**mail.attempts, 360))
        QueuedMail.objects.filter(pk=pk).update(
            attempts=mail.attempts + 1, last_error=str(error)[:2000], claimed_until=timezone.now() + retry_in
        )
        return False
    QueuedMail.objects.filter(pk=pk).update(sent_at=timezone.now(), attempts=mail.attempts + 1, last_error="")
    return True


def queued_mail_purge(*, now=None) -> int:
    """Sent mails lose recipient, text and attachments after ``MAIL_RETENTION_DAYS``."""
    return QueuedMail.objects.past_retention(now).wipe(now)


def send_queued_mail(stop=None):
    """Send what is still waiting; returns (sent, failed). ``stop()`` true ends it between two mails."""
    pending = QueuedMail.objects.pending().values_list("pk", flat=True)
    sent = failed = 0
    for pk in list(pending):
        if stop and stop():
            break
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
