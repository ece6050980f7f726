"""Roles as groups, and the one place that grants their permissions.

``sync_roles()`` runs after every ``migrate`` (see ``LmsConfig.ready``) and is
idempotent. Other apps add what their models need by registering a function with the
``lms.hooks.ROLE_PERMISSIONS`` Wagtail hook: it returns ``{role name: [(app_label,
codename), ...]}``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks

from courses.permissions import AUTHOR_PERMISSIONS, MANAGER_PERMISSIONS
from lms.hooks import ROLE_PERMISSIONS

LEARNERS = "Learners"
TRAINERS = "Trainers"
PROGRAM_ADMINS = "Program administrators"
ROLES = (LEARNERS, TRAINERS, PROGRAM_ADMINS)
STAFF_ROLES = (TRAINERS, PROGRAM_ADMINS)
# Correcting a learner's printed name (lms.accounts.admin_users): the learner's own
# profile name only, never a staff account, a role or a password.
CORRECT_NAME = ("lms", "correct_learner_name")

# Page permissions granted on the tree's root, so they cover every course page.
PAGE_PERMISSIONS = {
    TRAINERS: ["add_page", "change_page"],
    PROGRAM_ADMINS: [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
        "delete_page",
    ],
}
MEDIA_PERMISSIONS = [
    "add_image",
    "change_image",
    "choose_image",
    "add_document",
    "change_document",
    "choose_document",
]
MODEL_PERMISSIONS = {
    LEARNERS: [],
    TRAINERS: [("wagtailadmin", "access_admin"), *AUTHOR_PERMISSIONS],
    PROGRAM_ADMINS: [
        ("wagtailadmin", "access_admin"),
        *MANAGER_PERMISSIONS,
        ("wagtailcore", "view_modellogentry"),
        ("lms", "view_audit_trail"),
        ("wagtailcore", "view_audit_trail"),
        CORRECT_NAME,
    ],
}

# Wagtail's site history shows an object's entries to whoever has a permission on
# its model. Sign-ins, role changes, exports and deletions are logged against user
# accounts (and failed sign-ins for unknown emails against the Site), so a permission
# that grants nothing else on those models opens exactly that part of the trail.
AUDIT_TRAIL_CODENAME = "view_audit_trail"
AUDIT_TRAIL_MODELS = [("lms", "user"), ("wagtailcore", "site")]
# Permissions made here rather than by a model's Meta (and a migration).
RUNTIME_PERMISSIONS = [
    *[
        (
            app_label,
            model,
            AUDIT_TRAIL_CODENAME,
            "Can view the sign-in and account audit trail",
        )
        for app_label, model in AUDIT_TRAIL_MODELS
    ],
    ("lms", "user", CORRECT_NAME[1], "Can correct a learner's name"),
]


def ensure_audit_trail_permissions() -> None:
    from django.contrib.contenttypes.models import ContentType

    for app_label, model, codename, name in RUNTIME_PERMISSIONS:
        content_type = ContentType.objects.filter(
            app_label=app_label, model=model
        ).first()
        if content_type is None:  # first migrate, before content types exist
            continue
        Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )


def get_learners():
    """Active accounts that hold no staff role (nor Django's staff or superuser
    flags): the accounts a program administrator may correct the name of."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_superuser=False, is_staff=False)
        .exclude(groups__name__in=STAFF_ROLES)
    )


def _permission(app_label: str, codename: str) -> Permission | None:
    return Permission.objects.filter(
        content_type__app_label=app_label, codename=codename
    ).first()


def get_role_permissions() -> dict[str, list[tuple[str, str]]]:
    granted = {role: list(perms) for role, perms in MODEL_PERMISSIONS.items()}
    for fn in hooks.get_hooks(ROLE_PERMISSIONS):
        for role, perms in fn().items():
            granted.setdefault(role, []).extend(perms)
    return granted


@transaction.atomic
def sync_roles() -> dict[str, Group]:
    from wagtail.models import (
        Collection,
        GroupCollectionPermission,
        GroupPagePermission,
        Page,
    )

    ensure_audit_trail_permissions()
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}

    for role, perms in get_role_permissions().items():
        wanted = [p for p in (_permission(a, c) for a, c in perms) if p is not None]
        groups[role].permissions.set(wanted)

    # Only ids: on the first migrate, Page's translation columns do not exist yet.
    root_page = Page.objects.filter(depth=1).values_list("pk", flat=True).first()
    root_collection = (
        Collection.objects.filter(depth=1).values_list("pk", flat=True).first()
    )
    for role, codenames in PAGE_PERMISSIONS.items():
        group = groups[role]
        wanted = set(
            Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=codenames
            )
        )
        if root_page is not None:
            GroupPagePermission.objects.filter(group=group).exclude(
                permission__in=wanted
            ).delete()
            for permission in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=root_page, permission=permission
                )
        if root_collection is not None:
            for permission in Permission.objects.filter(codename__in=MEDIA_PERMISSIONS):
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection_id=root_collection, permission=permission
                )
    return groups


def sync_roles_after_migrate(sender, **kwargs):
    """post_migrate fires once per app; permissions exist only after the last one."""
    from django.apps import apps

    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if sender is with_models[-1]:
        sync_roles()
