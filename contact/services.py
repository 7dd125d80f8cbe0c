from django.conf import settings
from django.db import transaction

from oudersteunpunt.mail import queue_mail
from oudersteunpunt.models import SiteSettings
from oudersteunpunt.references import create_with_reference

from .models import ContactRequest, Topic

JOIN_TOPIC = "Meedoen: netwerkgroep of buddy"


@transaction.atomic
def contact_request_create(
    *,
    name: str,
    message: str,
    contact_method: str = ContactRequest.Method.EMAIL,
    email: str = "",
    phone: str = "",
    good_times: str = "",
    may_leave_message: bool = True,
    topic: Topic | None = None,
    phase=None,
    about_question=None,
    mail_language: str = "",
) -> ContactRequest:
    """Store the request with a short reference, confirm to the parent, notify the consulent.

    ``phase`` and ``about_question`` are faq's (a phase, the question the parent came from), or None.
    """
    contact_request = create_with_reference(
        ContactRequest,
        "OSP",
        name=name,
        message=message,
        contact_method=contact_method,
        email=email,
        phone=phone,
        good_times=good_times,
        may_leave_message=may_leave_message,
        topic=topic,
        phase=phase,
        about_question=about_question,
        consent=True,
        mail_language=mail_language or settings.LANGUAGE_CODE,
    )
    context = {"request": contact_request, "target_days": settings.OSP_RESPONSE_TARGET_WORKING_DAYS}
    if contact_request.email:
        queue_mail(
            template="contact/email/confirmation",
            to=[contact_request.email],
            context=context,
            language=contact_request.mail_language,
        )
    consulent = SiteSettings.load().consulent_email
    if consulent:
        # Only that there is a new request, never its content.
        queue_mail(template="contact/email/notify_consulent", to=[consulent], context=context)
    return contact_request


def contact_join_create(*, name: str, email: str, phone: str, wish: str, message: str, mail_language: str):
    """A parent who wants to help: kept as a request to the consulent, so it is followed up, mailed and
    anonymised like every other request."""
    topic, _created = Topic.objects.get_or_create(name=JOIN_TOPIC, defaults={"order": 100})
    return contact_request_create(
        name=name,
        email=email,
        phone=phone,
        contact_method=ContactRequest.Method.EMAIL,
        topic=topic,
        message=f"{wish}\n\n{message}".strip(),
        mail_language=mail_language,
    )


@transaction.atomic
def anonymise_contact_requests(*, now=None) -> int:
    """Closed requests lose everything that says who asked, after the set number of months."""
    return ContactRequest.objects.past_retention(now).anonymise(now)
