from django.urls import path

from . import views
from .feeds import EventAtomFeed

app_name = "events"

urlpatterns = [
    path("agenda/", views.event_list, name="list"),
    path("agenda/agenda.ics", views.calendar_feed, name="feed"),
    path("agenda/agenda.atom", EventAtomFeed(), name="atom"),
    path("agenda/op-de-hoogte/", views.SubscribeView.as_view(), name="subscribe"),
    path("agenda/op-de-hoogte/verstuurd/", views.SubscribeSentView.as_view(), name="subscribe_sent"),
    path(
        "agenda/op-de-hoogte/bevestigen/<str:token>/",
        views.subscription_confirm_view,
        name="subscription_confirm",
    ),
    path("agenda/op-de-hoogte/afmelden/<str:token>/", views.unsubscribe_view, name="unsubscribe"),
    path("agenda/archief/", views.event_archive, name="archive"),
    path("agenda/soort/<slug:slug>/", views.event_type_detail, name="type"),
    path("agenda/afmelden/<str:token>/", views.signup_cancel_view, name="cancel"),
    path("agenda/<slug:slug>/", views.event_detail, name="detail"),
    path("agenda/<slug:slug>/aangemeld/", views.signup_thanks, name="thanks"),
    path("agenda/<slug:slug>/agenda.ics", views.event_ics, name="ics"),
]
