from django.conf import settings
from django.shortcuts import render

from .validators import request_has_control_characters


class PermissionsPolicyMiddleware:
    """Django sets most security headers itself; this one it does not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class ControlCharactersMiddleware:
    """An address with a control character (NUL among them) is refused with 400.

    No link of the site contains one, and a NUL in a lookup makes PostgreSQL
    refuse the query: better one check here than one in every view.
    Form fields check their own text (oudersteunpunt.forms.PlainTextFormMixin).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request_has_control_characters(request):
            return render(request, "400.html", status=400)
        return self.get_response(request)
