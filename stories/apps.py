from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StoriesConfig(AppConfig):
    name = "stories"
    verbose_name = _("Verhalen van ouders")

    def ready(self):
        from . import contributions

        contributions.register()
