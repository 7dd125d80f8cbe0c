"""Pieces the public forms of every part share."""

from django import forms
from django.utils.translation import gettext_lazy as _

# The messages every public form gives for a name and an e-mail address.
PERSON_ERRORS = {
    "name": {
        "required": _("Vul je naam in."),
        "max_length": _("Je naam mag niet langer zijn dan 100 tekens."),
    },
    "email": {
        "required": _("Vul je e-mailadres in."),
        "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
    },
}


class PersonFormMixin:
    """A name without mark-up, and the phone number or address for the chosen way of contact.

    Forms with a ``contact_method`` field ("phone" or "email") get the matching
    field made required, with a message that says why.
    """

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if "<" in name or ">" in name:
            raise forms.ValidationError(_("Gebruik geen < of > in je naam."))
        return name

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("contact_method")
        if method == "phone" and not cleaned.get("phone") and "phone" not in self.errors:
            self.add_error("phone", _("Vul je telefoonnummer in, dan kunnen we je bellen."))
        if method == "email" and not cleaned.get("email") and "email" not in self.errors:
            self.add_error("email", _("Vul je e-mailadres in, dan kunnen we je mailen."))
        return cleaned
