import pytest
from django.contrib.auth.models import Group

from oudersteunpunt.roles import ROLES
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


def test_fresh_database_has_the_roles():
    assert set(Group.objects.filter(name__in=ROLES).values_list("name", flat=True)) == set(ROLES)


@pytest.mark.parametrize(
    ("role", "perm", "allowed"),
    [
        ("netwerkgroep", "oudersteunpunt.change_page", True),
        ("netwerkgroep", "oudersteunpunt.delete_page", False),
        ("netwerkgroep", "oudersteunpunt.change_sitesettings", True),
        ("netwerkgroep", "oudersteunpunt.view_queuedmail", False),
        ("netwerkgroep", "auth.change_user", False),
        ("consulent", "oudersteunpunt.change_page", True),
        ("consulent", "auth.change_user", False),
        ("beheerder", "auth.change_user", True),
        ("beheerder", "oudersteunpunt.view_queuedmail", True),
    ],
)
def test_role_permissions(role, perm, allowed):
    user = StaffFactory(role=role)
    assert user.has_perm(perm) is allowed
