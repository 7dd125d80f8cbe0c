from django import forms
from django.utils.translation import gettext_lazy as _

from oudersteunpunt.forms import PERSON_ERRORS, PERSON_WIDGETS, ConsentField, PersonFormMixin, PlainTextFormMixin
from oudersteunpunt.spam import GuardedFormMixin

from .models import BuddyProfile, BuddyRequest, Evaluation, MeetingWay


class BuddyRequestForm(PersonFormMixin, GuardedFormMixin, forms.ModelForm):
    consent = ConsentField(
        label=_("Het Oudersteunpunt mag mijn gegevens bewaren om een buddy te zoeken."),
        help_text=_("Alleen de consulent en de buddy die je helpt zien wat je hier schrijft."),
        error_messages={"required": _("Zonder je toestemming kunnen we je aanvraag niet bewaren.")},
    )

    class Meta:
        model = BuddyRequest
        fields = [
            "name",
            "contact_method",
            "email",
            "phone",
            "municipality",
            "child_age",
            "school_type",
            "themes",
            "language",
            "hopes",
            "consent",
        ]
        labels = {
            "name": _("Je naam"),
            "email": _("Je e-mailadres"),
            "phone": _("Je telefoonnummer"),
            "municipality": _("In welke gemeente woon je?"),
            "child_age": _("Hoe oud is je kind?"),
            "school_type": _("Op wat voor school zit je kind? (mag leeg blijven)"),
            "themes": _("Waar gaat het over? (kies wat past)"),
            "language": _("In welke taal praat je het liefst? (mag leeg blijven)"),
        }
        widgets = {
            **PERSON_WIDGETS,
            "contact_method": forms.RadioSelect,
            "themes": forms.CheckboxSelectMultiple,
            "hopes": forms.Textarea(attrs={"rows": 4, "maxlength": 2000}),
            "child_age": forms.NumberInput(attrs={"min": 0, "max": 25, "inputmode": "numeric"}),
        }
        help_texts = {"hopes": _("Bijvoorbeeld: iemand die luistert, of tips voor gesprekken met school.")}
        error_messages = {
            **PERSON_ERRORS,
            "municipality": {"invalid_choice": _("Kies een gemeente uit de lijst.")},
            "child_age": {
                "required": _("Vul de leeftijd van je kind in."),
                "invalid": _("Vul een leeftijd in met cijfers, bijvoorbeeld 9."),
                "min_value": _("Vul een leeftijd in van 0 tot en met 25 jaar."),
                "max_value": _("Vul een leeftijd in van 0 tot en met 25 jaar."),
            },
            "hopes": {
                "required": _("Vertel kort wat je hoopt, dan zoeken we iemand die past."),
                "max_length": _("Schrijf maximaal 2000 tekens."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].empty_label = _("Een andere gemeente, of ik weet het niet")
        self.fields["school_type"].empty_label = _("Weet ik niet of zeg ik liever niet")
        # "Nederlands" is one of the languages the consulent keeps; as the empty choice too it was listed twice.
        self.fields["language"].empty_label = _("Maakt niet uit")


class BuddyProfileForm(forms.ModelForm):
    """What a buddy may change about themselves in the portal."""

    meeting_ways = forms.MultipleChoiceField(
        label=_("Hoe spreek je graag af?"),
        choices=MeetingWay.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = BuddyProfile
        fields = [
            "first_name",
            "introduction",
            "themes",
            "school_types",
            "children_ages",
            "municipalities",
            "languages",
            "meeting_ways",
            "capacity",
            "show_on_site",
        ]
        widgets = {
            "themes": forms.CheckboxSelectMultiple,
            "school_types": forms.CheckboxSelectMultiple,
            "municipalities": forms.CheckboxSelectMultiple,
            "languages": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 4, "maxlength": 800}),
        }
        error_messages = {"capacity": {"min_value": _("Kies minstens 1."), "max_value": _("Kies hoogstens 10.")}}


class EndMatchForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom stopt het contact?"),
        max_length=300,
        error_messages={"required": _("Schrijf kort op waarom het contact stopt.")},
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 300}),
    )


class EvaluationForm(PlainTextFormMixin, forms.ModelForm):
    would_recommend = forms.TypedChoiceField(
        label=_("Zou je een buddy aanraden aan een andere ouder?"),
        choices=[("1", _("ja")), ("0", _("nee"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )

    class Meta:
        model = Evaluation
        fields = ["helped", "felt_heard", "would_recommend", "remarks"]
        widgets = {
            "helped": forms.RadioSelect,
            "felt_heard": forms.RadioSelect,
            "remarks": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "helped": {"required": _("Kies een antwoord.")},
            "felt_heard": {"required": _("Kies een antwoord.")},
        }
