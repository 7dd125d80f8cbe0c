from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from oudersteunpunt.mail import queue_mail
from oudersteunpunt.models import SiteSettings

from .models import ContactNote, ContactRequest

REFERENCE_ATTEMPTS = 5


def _next_reference(year):
    prefix = f"OSP-{year}-"
    last = (
        ContactRequest.objects.filter(reference__startswith=prefix)
        .order_by("-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def contact_request_create(**fields) -> ContactRequest:
    """Store the request with a short reference, confirm to the parent, notify the consulent."""
    year = timezone.localdate().year
    for _attempt in range(REFERENCE_ATTEMPTS):
        try:
            with transaction.atomic():
                request = ContactRequest.objects.create(reference=_next_reference(year), consent=True, **fields)
            break
        except IntegrityError:  # two requests took the same number at once: take the next
            continue
    else:
        raise RuntimeError("Could not give the contact request a unique reference")
    context = {"request": request, "target_days": settings.OSP_RESPONSE_TARGET_WORKING_DAYS}
    if request.email:
        queue_mail(template="contact/email/confirmation", to=[request.email], context=context)
    consulent = SiteSettings.load().consulent_email
    if consulent:
        # Only that there is a new request, never its content.
        queue_mail(template="contact/email/notify_consulent", to=[consulent], context=context)
    return request


def contact_note_add(*, request: ContactRequest, author, text: str) -> ContactNote:
    return ContactNote.objects.create(request=request, author=author, text=text)


@transaction.atomic
def anonymise_contact_requests(now=None) -> int:
    """Closed requests lose everything that says who asked, after the set number of months."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=30 * settings.CONTACT_RETENTION_MONTHS)
    old = ContactRequest.objects.filter(
        status=ContactRequest.Status.CLOSED, closed_at__lt=cutoff, anonymised_at__isnull=True
    )
    ContactNote.objects.filter(request__in=old).update(text="")
    return old.update(name="", phone="", email="", good_times="", message="", anonymised_at=now)


def erase_for_email(email) -> int:
    requests = ContactRequest.objects.filter(email__iexact=email)
    ContactNote.objects.filter(request__in=requests).update(text="")
    return requests.update(name="", phone="", email="", good_times="", message="", anonymised_at=timezone.now())
