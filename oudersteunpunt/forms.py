"""Pieces the public forms of every part share."""

from django import forms
from django.core.validators import ProhibitNullCharactersValidator
from django.utils.translation import gettext_lazy as _

from .validators import no_control_characters

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

# How every public form lets a name, an e-mail address and a phone number be typed (autofill, phone keypad).
PERSON_WIDGETS = {
    "name": forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
    "email": forms.EmailInput(attrs={"autocomplete": "email"}),
    "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
}


class ConsentCheckbox(forms.CheckboxInput):
    """Ticked only when the browser sends what a ticked box sends ("on").

    Django's checkbox counts every other value, "off" and "0" too, as ticked:
    consent must not be given by a value nobody chose.
    """

    def value_from_datadict(self, data, files, name):
        return data.get(name) == "on"


class ConsentField(forms.BooleanField):
    widget = ConsentCheckbox


class PlainTextFormMixin:
    """Every text field of a public form refuses control characters (NUL among them) with one clear message."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.CharField):
                field.validators = [
                    v for v in field.validators if not isinstance(v, ProhibitNullCharactersValidator)
                ] + [no_control_characters]


class PersonFormMixin(PlainTextFormMixin):
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
