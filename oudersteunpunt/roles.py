"""The three staff roles and the helper that gives them permissions.

Groups are created by this app's data migration. Each part grants its own
models' permissions in a data migration of its own with ``grant``, so a fresh
database has every role ready.
"""

NETWERKGROEP = "netwerkgroep"
CONSULENT = "consulent"
BEHEERDER = "beheerder"
ROLES = (NETWERKGROEP, CONSULENT, BEHEERDER)
ALL_ACTIONS = ("add", "change", "delete", "view")


def grant(apps, roles, app_label, models, actions=ALL_ACTIONS, *, codenames=()):
    """Give ``roles`` the ``actions`` permissions on ``models`` of ``app_label``.

    ``codenames`` adds custom permissions (``Meta.permissions``) of that app.
    Permissions are normally created after migrations have run; create them now
    so this works on a fresh database in the same ``migrate``.
    """
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config(app_label), verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    codenames = [f"{action}_{model}" for model in models for action in actions] + list(codenames)
    permissions = list(Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))
    for role in roles:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.add(*permissions)


def role_migration(function):
    """Mark a data migration's function as one that sets up roles.

    Tests that flush the database (browser tests) run the marked functions again.
    """
    function.sets_up_roles = True
    return function
