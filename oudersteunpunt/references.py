"""Short references a parent can quote on the phone: OSP-2026-0042."""

from django.db import IntegrityError, transaction
from django.utils import timezone

ATTEMPTS = 5


def next_reference(model, prefix):
    prefix = f"{prefix}-{timezone.localdate().year}-"
    last = (
        model.objects.filter(reference__startswith=prefix).order_by("-reference").values_list("reference", flat=True)
    )
    last = last.first()
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def create_with_reference(model, prefix, **fields):
    """Create a row with the next free reference; two at the same moment each get their own."""
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                return model.objects.create(reference=next_reference(model, prefix), **fields)
        except IntegrityError:  # somebody took this number a moment ago: take the next
            continue
    raise RuntimeError(f"Could not give a {model.__name__} a unique reference")
