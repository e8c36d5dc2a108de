from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """People: their roles, the entity a focal point acts for, and the one permission
    check (``accounts.permissions.can``) that every app fills with its own rules."""

    name = "rightstrack.accounts"
    verbose_name = _("People and roles")
