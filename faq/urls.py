from django.urls import path

from . import views

app_name = "faq"

urlpatterns = [
    path("vragen/", views.PhaseListView.as_view(), name="index"),
    path("zoeken/", views.search_view, name="search"),
    path("begrippen/", views.GlossaryView.as_view(), name="glossary"),
    path("vragen/<slug:phase>/", views.phase_detail, name="phase"),
    path("vragen/<slug:phase>/<slug:question>/", views.question_detail, name="question"),
    path("vragen/<slug:phase>/<slug:question>/geholpen/", views.question_feedback, name="feedback"),
]
