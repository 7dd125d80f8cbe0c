import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{8,20}$", _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06 12345678.")
)

# Control characters: nobody types them, PostgreSQL refuses NUL, and the others only hide text.
# Tab and line breaks are ordinary in a message.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(value):
    return bool(CONTROL_CHARACTERS.search(value))


def request_has_control_characters(request):
    """In the address: the path or a query parameter's name or value."""
    parts = [request.path_info]
    for key, values in request.GET.lists():
        parts += [key, *values]
    return any(has_control_characters(part) for part in parts)


no_control_characters = RegexValidator(
    CONTROL_CHARACTERS,
    _("Hier staan onzichtbare tekens in die we niet kunnen bewaren. Typ de tekst opnieuw."),
    code="control_characters",
    inverse_match=True,
)
