"""Short references a parent can quote on the phone: OSP-2026-0042."""

import zlib

from django.db import IntegrityError, connection, transaction
from django.db.models.functions import Length
from django.utils import timezone

ATTEMPTS = 5


def next_reference(model, prefix):
    prefix = f"{prefix}-{timezone.localdate().year}-"
    # The number is zero-padded to four digits and grows past 9999, so a longer
    # reference is a higher number: ordering by length first makes the text order
    # numeric (as text, OSP-2026-9999 would sort above OSP-2026-10000).
    last = (
        model.objects.filter(reference__startswith=prefix)
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _serialise(model, prefix):
    """On PostgreSQL, let requests that number the same series wait for each other.

    The lock lasts until the surrounding transaction ends, so the next one reads the
    number just committed instead of colliding on it. SQLite needs nothing: its write
    transactions already run one at a time.
    """
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"{model._meta.label}:{prefix}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def create_with_reference(model, prefix, **fields):
    """Create a row with the next free reference; two at the same moment each get their own."""
    for _attempt in range(ATTEMPTS):
        try:
            with transaction.atomic():
                _serialise(model, prefix)
                return model.objects.create(reference=next_reference(model, prefix), **fields)
        except IntegrityError:  # a number given by hand or by an older run: take the next
            continue
    raise RuntimeError(f"Could not give a {model.__name__} a unique reference")
