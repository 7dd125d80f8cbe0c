from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FaqConfig(AppConfig):
    name = "faq"
    verbose_name = _("Vragen en antwoorden")

    def ready(self):
        from . import contributions

        contributions.register()
