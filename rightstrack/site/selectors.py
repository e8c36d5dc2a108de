"""Reads about the installation as a whole."""

from __future__ import annotations

from django.db.models import Count

from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.reference.models import Mechanism, State, Taxonomy, Term, UPRSession


def inventory() -> dict[str, int]:
    """Row counts of the main tables, for `rightstrack init` and the about page."""
    return {
        "States": State.objects.count(),
        "mechanisms": Mechanism.objects.count(),
        "UPR sessions": UPRSession.objects.count(),
        "taxonomies": Taxonomy.objects.count(),
        "terms": Term.objects.count(),
        "documents": Document.objects.count(),
        "recommendations": Recommendation.objects.count(),
    }


def overview(queryset) -> dict:
    """Counts for the home page: by mechanism, by State, by cycle."""
    return {
        "total": queryset.count(),
        "by_mechanism": list(
            queryset.values("mechanism__code", "mechanism__name").annotate(n=Count("id")).order_by("-n")
        ),
        "by_state": list(
            queryset.exclude(state=None)
            .values("state__iso3", "state__name")
            .annotate(n=Count("id"))
            .order_by("-n")[:12]
        ),
        "by_cycle": list(queryset.exclude(cycle=None).values("cycle").annotate(n=Count("id")).order_by("cycle")),
    }
