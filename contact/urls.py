from django.urls import path

from . import views

app_name = "contact"

urlpatterns = [
    path("contact/", views.ContactView.as_view(), name="form"),
    path("contact/verstuurd/", views.thanks, name="thanks"),
    path("doe-mee/", views.JoinView.as_view(), name="join"),
    path("doe-mee/verstuurd/", views.join_thanks, name="join_thanks"),
]
