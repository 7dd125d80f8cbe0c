from django.urls import path

from . import views

app_name = "events"

urlpatterns = [
    path("agenda/", views.event_list, name="list"),
    path("agenda/agenda.ics", views.calendar_feed, name="feed"),
    path("agenda/archief/", views.event_archive, name="archive"),
    path("agenda/soort/<slug:slug>/", views.event_type_detail, name="type"),
    path("agenda/afmelden/<str:token>/", views.signup_cancel_view, name="cancel"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    path("agenda/<slug:slug>/aangemeld/", views.signup_thanks, name="thanks"),
    path("agenda/<slug:slug>/agenda.ics", views.event_ics, name="ics"),
]
