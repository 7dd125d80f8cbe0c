from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


def export_mail(email, names):
    from .models import QueuedMail

    return QueuedMail.objects.about(email, names).for_export()


def erase_mail(email, names):
    from .models import QueuedMail

    return QueuedMail.objects.about(email, names).wipe()


class CoreConfig(AppConfig):
    name = "oudersteunpunt"
    verbose_name = _("Website")

    def ready(self):
        from . import registry

        registry.register_public_models(self.get_model("Page"), self.get_model("SiteSettings"))
        registry.register_mentions("uitgaande mail", export=export_mail, erase=erase_mail)


class AdminConfig(DjangoAdminConfig):
    default_site = "oudersteunpunt.admin_site.AdminSite"
