"""What the privacy page says about personal data, built from what the site really does.

Each part registers a ``facts()`` function (``registry.register_personal_data_facts``)
that returns ``DataFacts``: the form's own fields (with the labels the parent saw), the
retention period read from the settings the clean-up commands use, and who can see the
data read from the roles' permissions. So the page cannot promise something the code
does not do.
"""

from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from . import registry, roles

# How a role is named for parents, and who is in it.
ROLE_DESCRIPTIONS = {
    roles.CONSULENT: _("de consulent"),
    roles.BEHEERDER: _("de beheerder van de website"),
    roles.NETWERKGROEP: _("de netwerkgroep (ouders die het Oudersteunpunt samen runnen)"),
}


@dataclass(order=True)
class DataFacts:
    order: int
    title: str = field(compare=False)
    form: type = field(compare=False)  # a ModelForm: what it asks is what is stored
    purpose: str = field(compare=False)
    retention: str = field(compare=False)
    note: str = field(compare=False, default="")

    def stored(self):
        """What the form asks for, in the words of its labels; the consent tick box is not data about you."""
        fields = self.form.base_fields
        return [capfirst(fields[name].label) for name in self.form._meta.fields if name != "consent"]

    def seen_by(self):
        """The roles that may view these records in the admin (from their permissions)."""
        model = self.form._meta.model
        names = Group.objects.filter(
            permissions__codename=f"view_{model._meta.model_name}",
            permissions__content_type__app_label=model._meta.app_label,
        ).values_list("name", flat=True)
        return [ROLE_DESCRIPTIONS.get(name, name) for name in roles.ROLES if name in set(names)]


def all_facts():
    return sorted(fact for facts in registry.personal_data_facts for fact in facts())
