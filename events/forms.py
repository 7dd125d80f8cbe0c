from django import forms
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.forms import PERSON_ERRORS, PERSON_WIDGETS, ConsentField, PersonFormMixin, PlainTextFormMixin
from oudersteunpunt.spam import GuardedFormMixin

from .models import Audience, EventType, Role, Signup, Subscription


class SignupForm(PersonFormMixin, GuardedFormMixin, forms.ModelForm):
    consent = ConsentField(
        label=_("Het Oudersteunpunt mag mijn gegevens bewaren tot kort na de bijeenkomst."),
        error_messages={"required": _("Zonder je toestemming kunnen we je aanmelding niet bewaren.")},
    )

    class Meta:
        model = Signup
        fields = ["name", "email", "phone", "role", "people", "remarks", "consent"]
        labels = {
            "name": _("Je naam"),
            "email": _("Je e-mailadres"),
            "phone": _("Je telefoonnummer (mag leeg blijven)"),
        }
        help_texts = {
            "email": _("Hier sturen we de bevestiging en een link om je af te melden naartoe."),
            "remarks": _("Bijvoorbeeld: ik kom met de rolstoel, of ik wil graag bij de deur zitten."),
        }
        widgets = {
            **PERSON_WIDGETS,
            "role": forms.RadioSelect,
            "people": forms.RadioSelect,
            "remarks": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }
        error_messages = {
            **PERSON_ERRORS,
            "remarks": {"max_length": _("Schrijf maximaal 1000 tekens.")},
        }

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.event = event
        if event.audience == Audience.PARENTS:
            self.fields["role"].choices = [(Role.PARENT, Role.PARENT.label)]
            self.fields["role"].initial = Role.PARENT
        elif event.audience == Audience.PROFESSIONALS:
            self.fields["role"].choices = [(Role.PROFESSIONAL, Role.PROFESSIONAL.label)]
            self.fields["role"].initial = Role.PROFESSIONAL
        else:
            self.fields["role"].choices = Role.choices
        self.fields["name"].widget.attrs["maxlength"] = 100

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # Signing up twice is recognised kindly by the service, not refused here.
        pass


class SubscriptionForm(PlainTextFormMixin, GuardedFormMixin, forms.ModelForm):
    """Only an address and the types: what someone needs to hear of the next café."""

    class Meta:
        model = Subscription
        fields = ["email", "types"]
        labels = {
            "email": _("Je e-mailadres"),
            "types": _("Soorten activiteiten waarover je een mail wilt"),
        }
        help_texts = {
            "email": _("We sturen je eerst een mail met een link. Pas als je daarop klikt, krijg je berichten."),
            "types": _("Kies er één of meer."),
        }
        widgets = {
            "email": forms.EmailInput(attrs={"autocomplete": "email", "maxlength": 200}),
            "types": forms.CheckboxSelectMultiple,
        }
        error_messages = {
            "email": PERSON_ERRORS["email"],
            "types": {
                "required": _("Kies minstens één soort activiteit."),
                "invalid_choice": _("Kies een soort activiteit uit de lijst."),
                "invalid_pk_value": _("Kies een soort activiteit uit de lijst."),
                "invalid_list": _("Kies een soort activiteit uit de lijst."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["types"].queryset = EventType.objects.all()
        self.fields["types"].required = True

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def validate_unique(self):
        # A known address is handled by the service like a new one: the page tells nobody it was known.
        pass
