from django import forms
from django.utils.translation import gettext_lazy as _

from faq.models import Phase, Theme
from oudersteunpunt.forms import PERSON_ERRORS, ConsentField, PersonFormMixin
from oudersteunpunt.spam import GuardedFormMixin

from .models import Story

MAX_TEXT = 3000


def text_errors(required_message=None):
    errors = {"max_length": _("Schrijf maximaal 3000 tekens.")}
    if required_message:
        errors["required"] = required_message
    return errors


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, theme):
        return theme.name


class StoryForm(PersonFormMixin, GuardedFormMixin, forms.ModelForm):
    """A parent tells their story: no account, plain text, published only after their approval of the edit."""

    happened = forms.CharField(
        label=_("Wat gebeurde er?"),
        help_text=_("Vertel in je eigen woorden wat jullie hebben meegemaakt. Het hoeft niet perfect."),
        max_length=MAX_TEXT,
        widget=forms.Textarea(attrs={"rows": 7, "maxlength": MAX_TEXT}),
        error_messages=text_errors(_("Vertel wat er gebeurde. Een paar zinnen is genoeg.")),
    )
    helped = forms.CharField(
        label=_("Wat hielp jou of je kind? (mag leeg blijven)"),
        help_text=_("Een gesprek, een persoon, een tip, iets wat je zelf deed."),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}),
        error_messages=text_errors(),
    )
    proud = forms.CharField(
        label=_("Waar ben je trots op? (mag leeg blijven)"),
        help_text=_("Op je kind, op jezelf als ouder, op iets kleins. Het mag allemaal."),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": MAX_TEXT}),
        error_messages=text_errors(),
    )
    phase = forms.ModelChoiceField(
        label=_("In welke fase speelde dit?"),
        queryset=Phase.objects.all(),
        empty_label=_("Kies een fase"),
        error_messages={
            "required": _("Kies de fase waar je verhaal het best bij past."),
            "invalid_choice": _("Kies de fase waar je verhaal het best bij past."),
        },
    )
    themes = ThemeChoiceField(
        label=_("Over welke onderwerpen gaat je verhaal?"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Kies alleen onderwerpen uit de lijst."),
            "invalid_pk_value": _("Kies alleen onderwerpen uit de lijst."),
        },
    )
    name_shown = forms.ChoiceField(
        label=_("Welke naam mag bij je verhaal staan?"),
        choices=Story.NameShown.choices,
        initial=Story.NameShown.FIRST_NAME,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies welke naam erbij mag staan."),
            "invalid_choice": _("Kies welke naam erbij mag staan."),
        },
    )
    name = forms.CharField(
        label=_("Je naam"),
        help_text=_("Zonder naam? Dan mag dit leeg blijven."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name", "maxlength": 100}),
        error_messages=PERSON_ERRORS["name"],
    )
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        help_text=_(
            "Hierheen sturen we de bewerkte versie, zodat je die eerst kunt lezen. We zetten het niet op de website."
        ),
        max_length=200,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Vul je e-mailadres in. Dan kun je de bewerkte versie lezen voordat die online komt."),
            "invalid": PERSON_ERRORS["email"]["invalid"],
        },
    )
    consent = ConsentField(
        label=_(
            "Het Oudersteunpunt mag mijn verhaal bewaren en bewerken. "
            "Het komt pas online als ik de bewerkte versie goedkeur."
        ),
        help_text=_("Je kunt je verhaal altijd weer intrekken, met de link in je mail."),
        error_messages={"required": _("Zonder je toestemming kunnen we je verhaal niet bewaren.")},
    )

    class Meta:
        model = Story
        fields = ["happened", "helped", "proud", "phase", "themes", "name_shown", "name", "email", "consent"]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("name_shown") in (Story.NameShown.FIRST_NAME, Story.NameShown.INITIALS)
            and not cleaned.get("name")
            and "name" not in self.errors
        ):
            self.add_error("name", _("Vul je naam in, of kies 'Geen naam (anoniem)'."))
        return cleaned
