from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "oudersteunpunt"
    verbose_name = _("Website")

    def ready(self):
        from . import registry

        registry.register_public_models(self.get_model("Page"), self.get_model("SiteSettings"))


class AdminConfig(DjangoAdminConfig):
    default_site = "oudersteunpunt.admin_site.AdminSite"
