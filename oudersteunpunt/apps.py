from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.utils.translation import gettext_lazy as _


def admin_todos(request):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from .models import QueuedMail
    from .registry import AdminTodo

    if not request.user.has_perm("oudersteunpunt.view_queuedmail"):
        return []
    failed = QueuedMail.objects.filter(sent_at__isnull=True, attempts__gt=0).count()
    url = reverse("admin:oudersteunpunt_queuedmail_changelist") + "?sent_at__isempty=1"
    return [AdminTodo(_("Mails die (nog) niet verstuurd konden worden"), url, failed)]


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
        from django.db.models.signals import post_migrate

        from . import registry
        from .history import create_initial_versions

        registry.register_public_models(self.get_model("Page"), self.get_model("SiteSettings"))
        post_migrate.connect(create_initial_versions, dispatch_uid="osp-initial-versions")
        registry.register_admin_todos(50, admin_todos)
        registry.register_mentions("uitgaande mail", export=export_mail, erase=erase_mail)


class AdminConfig(DjangoAdminConfig):
    default_site = "oudersteunpunt.admin_site.AdminSite"
