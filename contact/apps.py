from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def overview(since):
    from django.utils.translation import gettext as _

    from oudersteunpunt.overview import Series

    from .models import ContactRequest

    rows = list(
        ContactRequest.objects.filter(created_at__gte=since).values_list("created_at", "topic__name", "phase__name")
    )
    return [
        Series(_("Vragen aan de consulent, per onderwerp"), [(moment, topic) for moment, topic, _phase in rows]),
        Series(_("Vragen aan de consulent, per fase"), [(moment, phase) for moment, _topic, phase in rows]),
    ]


def export_personal_data(email):
    from .models import ContactRequest

    return [
        {
            "kenmerk": r.reference,
            "naam": r.name,
            "telefoon": r.phone,
            "e-mail": r.email,
            "bereikbaar": r.good_times,
            "vraag": r.message,
            "status": r.status,
            "binnengekomen": r.created_at.isoformat(),
        }
        for r in ContactRequest.objects.for_email(email)
    ]


def erase_personal_data(email):
    from .models import ContactRequest

    return ContactRequest.objects.for_email(email).anonymise()


def personal_names(email):
    from .models import ContactRequest

    return ContactRequest.objects.for_email(email).names()


def demo_load(stdout, scale=1):
    from .demo import load

    load(stdout, scale=scale)


class ContactConfig(AppConfig):
    name = "contact"
    verbose_name = _("Contact")

    def ready(self):
        from oudersteunpunt import registry

        registry.register_overview(overview)
        registry.register_personal_data(
            "vragen aan de consulent", export=export_personal_data, erase=erase_personal_data, names=personal_names
        )
        registry.register_demo_loader(40, "contact", demo_load)
