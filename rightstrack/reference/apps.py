from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save
from django.utils.translation import gettext_lazy as _


def _sync_after_migrate(sender, using, **kwargs):
    # Reference data follows the installed version: every migrate (and every test
    # database) brings States, mechanisms, sessions and taxonomies up to date.
    from rightstrack.reference.services import sync_reference_data

    sync_reference_data(using=using)


class ReferenceConfig(AppConfig):
    name = "rightstrack.reference"
    verbose_name = _("Reference data")

    def ready(self):
        post_migrate.connect(_sync_after_migrate, sender=self)
        from rightstrack.reference.models import State, Taxonomy, Term
        from rightstrack.reference.selectors import forget_choices

        for model in (State, Taxonomy, Term):
            post_save.connect(forget_choices, sender=model, dispatch_uid=f"choices-{model.__name__}-saved")
            post_delete.connect(forget_choices, sender=model, dispatch_uid=f"choices-{model.__name__}-deleted")
        post_migrate.connect(forget_choices, sender=self, dispatch_uid="choices-migrated")
        from rightstrack.core.audit import LABELS

        LABELS.append(_taxonomy_name)


def _taxonomy_name(slug: str) -> str | None:
    """A taxonomy's name for the history, where an import recorded tags under its slug."""
    from rightstrack.reference.models import Taxonomy

    return Taxonomy.objects.filter(slug=slug).values_list("name", flat=True).first()
