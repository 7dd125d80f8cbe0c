"""What the privacy page says about personal data, built from what the site really does.

Each part registers a ``facts()`` function (``registry.register_personal_data_facts``)
that returns ``DataFacts``: the form's own fields, the retention period read from the
settings the clean-up commands use, and who can see the data read from the roles'
permissions. So the page cannot promise something the code does not do.
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
    model: type = field(compare=False)
    fields: list[str] = field(compare=False)
    purpose: str = field(compare=False)
    retention: str = field(compare=False)
    note: str = field(compare=False, default="")

    def stored(self):
        """The labels of what the form asks for, as the data model names them."""
        return [capfirst(self.model._meta.get_field(name).verbose_name) for name in self.fields]

    def seen_by(self):
        """The roles that may view these records in the admin (from their permissions)."""
        codename = f"view_{self.model._meta.model_name}"
        names = Group.objects.filter(
            permissions__codename=codename, permissions__content_type__app_label=self.model._meta.app_label
        ).values_list("name", flat=True)
        return [ROLE_DESCRIPTIONS.get(name, name) for name in roles.ROLES if name in set(names)]


def all_facts():
    return sorted(fact for facts in registry.personal_data_facts for fact in facts())
