"""What the site holds on one person, gathered from every part: export and erase.

Each part registers where it keeps personal data (``registry.register_personal_data``)
and places where a person may only be mentioned in free text
(``registry.register_mentions``: the outbox, the words of searches). Those are
found by the address and by the full names stored with it, so the names are
gathered before anything is erased.
"""

from django.db import transaction

from . import registry


def _names(email):
    return sorted({name for provider in registry.personal_data for name in provider.names(email) if name})


def personal_data_export(*, email: str) -> dict:
    names = _names(email)
    data = {provider.name: provider.export(email) for provider in registry.personal_data}
    data.update({place.name: place.export(email, names) for place in registry.mentions})
    return data


@transaction.atomic
def personal_data_erase(*, email: str) -> dict[str, int]:
    names = _names(email)
    counts = {provider.name: provider.erase(email) for provider in registry.personal_data}
    counts.update({place.name: place.erase(email, names) for place in registry.mentions})
    return counts


def admin_log_forget(queryset) -> int:
    """The admin's history names each object it changed (``object_repr``): forget that too."""
    from django.contrib.admin.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    pks = [str(pk) for pk in queryset.values_list("pk", flat=True)]
    if not pks:
        return 0
    content_type = ContentType.objects.get_for_model(queryset.model)
    return LogEntry.objects.filter(content_type=content_type, object_id__in=pks).update(
        object_repr="", change_message=""
    )
