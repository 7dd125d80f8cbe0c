from django import forms
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.forms import PERSON_ERRORS, PERSON_WIDGETS, ConsentField, PersonFormMixin
from oudersteunpunt.spam import GuardedFormMixin

from .models import ContactRequest


class ContactRequestForm(PersonFormMixin, GuardedFormMixin, forms.ModelForm):
    consent = ConsentField(
        label=_("Het Oudersteunpunt mag mijn gegevens bewaren om mij te helpen."),
        help_text=_("Alleen de consulent leest je vraag. Na afloop maken we je gegevens anoniem."),
        error_messages={"required": _("Zonder je toestemming kunnen we je vraag niet bewaren.")},
    )

    class Meta:
        model = ContactRequest
        fields = [
            # The question first: it is why the parent came. The phone times follow the phone number.
            "message",
            "topic",
            "phase",
            "name",
            "contact_method",
            "email",
            "phone",
            "good_times",
            "may_leave_message",
            "consent",
        ]
        labels = {
            "name": _("Je naam"),
            "contact_method": _("Hoe wil je dat we contact opnemen?"),
            "phone": _("Je telefoonnummer"),
            "email": _("Je e-mailadres"),
            "phase": _("In welke fase zit je? (mag leeg blijven)"),
            "topic": _("Waar gaat je vraag over? (mag leeg blijven)"),
        }
        help_texts = {
            "good_times": _("Bijvoorbeeld: dinsdagochtend, of na 15.00 uur."),
            "message": _("Vertel in je eigen woorden wat er speelt. Het hoeft niet perfect."),
        }
        widgets = {
            **PERSON_WIDGETS,
            "contact_method": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": 4000}),
        }
        error_messages = {
            **PERSON_ERRORS,
            "message": {
                "required": _("Schrijf je vraag op, dan kan de consulent je helpen."),
                "max_length": _("Schrijf maximaal 4000 tekens."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phase"].empty_label = _("Weet ik niet")
        self.fields["topic"].empty_label = _("Weet ik niet")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("contact_method") != "phone":
            # The phone times are hidden unless phone is chosen (site.css); what a hidden field held is not kept.
            self.errors.pop("good_times", None)
            self.errors.pop("may_leave_message", None)
            cleaned["good_times"] = ""
            cleaned["may_leave_message"] = self._meta.model._meta.get_field("may_leave_message").default
        return cleaned


class JoinForm(PersonFormMixin, GuardedFormMixin, forms.Form):
    """A parent who wants to join the netwerkgroep or become a buddy: short, and it reaches the consulent."""

    WISHES = [
        ("netwerkgroep", _("Meedoen met de netwerkgroep")),
        ("buddy", _("Buddy worden voor een andere ouder")),
        ("weet-niet", _("Ik weet het nog niet, ik wil eerst meer horen")),
    ]

    name = forms.CharField(
        label=_("Je naam"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
        error_messages={"required": _("Vul je naam in."), "max_length": _("Schrijf maximaal 100 tekens.")},
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        max_length=200,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in, dan kunnen we je mailen."),
            "invalid": _("Vul een e-mailadres in zoals naam@voorbeeld.nl."),
        },
    )
    phone = forms.CharField(
        label=_("Je telefoonnummer (mag leeg blijven)"),
        max_length=20,
        required=False,
        validators=ContactRequest._meta.get_field("phone").validators,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": _("Schrijf maximaal 20 tekens.")},
    )
    wish = forms.ChoiceField(
        label=_("Wat wil je doen?"),
        choices=WISHES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies wat je wilt doen."), "invalid_choice": _("Kies wat je wilt doen.")},
    )
    message = forms.CharField(
        label=_("Wil je nog iets vertellen? (mag leeg blijven)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
        error_messages={"max_length": _("Schrijf maximaal 2000 tekens.")},
    )
    consent = ConsentField(
        label=_("Het Oudersteunpunt mag mijn gegevens bewaren om contact met mij op te nemen."),
        help_text=_("Alleen de consulent leest dit. Na afloop maken we je gegevens anoniem."),
        error_messages={"required": _("Zonder je toestemming kunnen we je gegevens niet bewaren.")},
    )

    def wish_label(self):
        return dict(self.WISHES)[self.cleaned_data["wish"]]
