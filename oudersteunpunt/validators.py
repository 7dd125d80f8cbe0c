from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

phone_validator = RegexValidator(
    r"^\+?[0-9 ()-]{8,20}$", _("Vul een telefoonnummer in met alleen cijfers, bijvoorbeeld 06 12345678.")
)
