from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

HOME_EVENTS = 3


def home_context(request):
    from .models import Event

    return {
        "events": Event.objects.published()
        .filter(cancelled_at__isnull=True)
        .upcoming()
        .select_related("type")
        .with_counts()[:HOME_EVENTS]
    }


def demo_load(stdout, scale=1):
    from .demo import load

    load(stdout, scale=scale)


def export_personal_data(email):
    from .models import Signup

    return [
        {
            "activiteit": s.event.title,
            "datum": s.event.starts_at.isoformat(),
            "naam": s.name,
            "e-mail": s.email,
            "telefoon": s.phone,
            "rol": s.role,
            "personen": s.people,
            "opmerking": s.remarks,
            "status": s.status,
            "aangemeld_op": s.created_at.isoformat(),
        }
        for s in Signup.objects.for_email(email).select_related("event")
    ]


def erase_personal_data(email):
    from .models import Signup

    return Signup.objects.for_email(email).anonymise()


def personal_names(email):
    from .models import Signup

    return Signup.objects.for_email(email).names()


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Agenda")

    def ready(self):
        from oudersteunpunt import registry

        from .sitemaps import EventSitemap

        registry.register_public_models(*(self.get_model(name) for name in ("EventType", "Event", "Signup")))
        registry.register_home_block(20, "events/home_block.html", home_context)
        registry.register_demo_loader(20, "events", demo_load)
        registry.register_sitemap("agenda", EventSitemap)
        registry.register_personal_data(
            "aanmeldingen", export=export_personal_data, erase=erase_personal_data, names=personal_names
        )
