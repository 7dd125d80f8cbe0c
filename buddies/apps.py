from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def overview(since):
    from django.utils.translation import gettext as _

    from oudersteunpunt.overview import Series

    from .models import BuddyRequest

    rows = BuddyRequest.objects.filter(created_at__gte=since).values_list("created_at", "themes__name")
    return [Series(_("Buddy-aanvragen, per thema"), list(rows))]


def export_personal_data(email):
    from .models import BuddyRequest

    return [
        {
            "kenmerk": r.reference,
            "naam": r.name,
            "e-mail": r.email,
            "telefoon": r.phone,
            "gemeente": str(r.municipality or ""),
            "leeftijd_kind": r.child_age,
            "wens": r.hopes,
            "aangevraagd": r.created_at.isoformat(),
            "koppelingen": [
                {"buddy": m.buddy.first_name, "stand": m.state} for m in r.matches.select_related("buddy")
            ],
        }
        for r in BuddyRequest.objects.filter(email__iexact=email).select_related("municipality")
    ]


def erase_personal_data(email):
    from django.utils import timezone

    from .models import BuddyRequest, Match

    requests = BuddyRequest.objects.filter(email__iexact=email)
    Match.objects.filter(request__in=requests).update(notes="", anonymised_at=timezone.now())
    return requests.update(
        name="", email="", phone="", hopes="", anonymised_at=timezone.now(), closed_at=timezone.now()
    )


def demo_load(stdout, scale=1):
    from .demo import load

    load(stdout, scale=scale)


class BuddiesConfig(AppConfig):
    name = "buddies"
    verbose_name = _("Buddy's")

    def ready(self):
        from oudersteunpunt import registry

        registry.register_overview(overview)
        registry.register_public_models(self.get_model("BuddyProfile"))
        registry.register_personal_data("buddy-aanvragen", export=export_personal_data, erase=erase_personal_data)
        registry.register_demo_loader(30, "buddies", demo_load)
