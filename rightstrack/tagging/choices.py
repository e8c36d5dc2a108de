"""What the classifiers predict: the taxonomy names of the command line (a contract)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from rightstrack.reference import choices as ref

# "type" is not a taxonomy but the recommendation's own field (recommendation, concern,
# observation); its classifier is trained and evaluated like the others.
TYPE = "type"
TAXONOMIES = [
    ref.UHRI_THEMES,
    ref.SDG_GOALS,
    ref.SDG_TARGETS,
    ref.AFFECTED_PERSONS,
    ref.UPR_INFO_ISSUES,
    ref.ACTION_CATEGORY,
    TYPE,
]
# One label per recommendation; the others are multi-label.
SINGLE_LABEL = {ref.ACTION_CATEGORY, TYPE}
# Ordinal labels: evaluated with a confusion matrix and quadratic-weighted kappa too.
ORDINAL = {ref.ACTION_CATEGORY}


class ClassifierOrigin(models.TextChoices):
    TRAINED = "trained", _("Trained on this database")
    REFERENCE = "reference", _("Built from the shipped reference texts")
