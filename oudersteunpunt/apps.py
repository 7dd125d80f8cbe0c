from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "oudersteunpunt"
    verbose_name = _("Website")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import registry
        from .history import create_initial_versions

        registry.register_public_models(self.get_model("Page"), self.get_model("SiteSettings"))
        post_migrate.connect(create_initial_versions, dispatch_uid="osp-initial-versions")


class AdminConfig(DjangoAdminConfig):
    default_site = "oudersteunpunt.admin_site.AdminSite"
