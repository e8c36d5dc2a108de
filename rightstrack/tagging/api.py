"""REST API of tagging: a recommendation's pending suggestions, accepting and rejecting
them, classifying any text with a trained classifier, and the classifiers' figures.

Reads answer anyone, but suggestions are not data: a recommendation's suggestions are
listed for staff only (an empty list for anybody else), and only where the caller may
see the recommendation, as for its tags in ``/api/recommendations/{id}``. Accepting and
rejecting change the database and are for staff: a staff user's token or signed-in
session (with its CSRF token). Classifying changes nothing but runs the sentence encoder
on every text, so it needs a token or a session, any user's.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext as _
from ninja import Router
from ninja.errors import HttpError

from rightstrack.api.auth import SIGNED_IN, api_user
from rightstrack.api.errors import BadRequest, NotFound, Refused
from rightstrack.api.limits import spend
from rightstrack.core.permissions import can
from rightstrack.recommendations.selectors import visible_recommendations
from rightstrack.tagging import selectors, services
from rightstrack.tagging.schemas import (
    Classified,
    ClassifierOut,
    ClassifyIn,
    DecisionOut,
    IdsIn,
    SuggestionOut,
)

router = Router(tags=["tagging"])


@router.get(
    "/recommendations/{recommendation_id}/suggestions",
    response={200: list[SuggestionOut], 404: NotFound},
    summary="A recommendation's pending tag suggestions, most confident first (staff)",
)
def suggestions(request, recommendation_id: int):
    """Suggestions no person has accepted or rejected yet: for staff, who decide on them;
    an empty list for anybody else (a suggestion is not data, never published)."""
    user = api_user(request)
    if not visible_recommendations(user).filter(pk=recommendation_id).exists():
        raise HttpError(404, _("No such recommendation."))
    if not can(user, "recommendations.see_suggestions"):
        return []
    return list(selectors.pending().filter(recommendation_id=recommendation_id))


@router.post(
    "/suggestions/accept",
    auth=SIGNED_IN,
    response={200: DecisionOut, 400: BadRequest, 401: Refused, 403: Refused},
    summary="Accept tag suggestions (staff)",
)
def accept(request, body: IdsIn):
    """Confirm these suggestions: they become tags a person checked."""
    return {"done": services.accept(api_user(request), body.ids)}


@router.post(
    "/suggestions/reject",
    auth=SIGNED_IN,
    response={200: DecisionOut, 400: BadRequest, 401: Refused, 403: Refused},
    summary="Reject tag suggestions (staff)",
)
def reject(request, body: IdsIn):
    """Remove these suggestions; they are never suggested again and teach the next training."""
    return {"done": services.reject(api_user(request), body.ids)}


@router.post(
    "/classify",
    auth=SIGNED_IN,
    response={200: list[Classified], 400: BadRequest, 401: Refused, 404: NotFound, 429: Refused},
    summary="Tag any texts with a trained classifier",
)
def classify(request, body: ClassifyIn):
    """The labels of each text with their confidence, most confident first (the one best
    label for a single-label taxonomy). 404 when the taxonomy has no trained classifier;
    429 past the caller's characters for this minute (the server's
    ``RIGHTSTRACK_CLASSIFY_CHARACTERS``, 200,000)."""
    from rightstrack.search import embedding

    spend(request, sum(len(text) for text in body.texts), settings.CLASSIFY_CHARACTERS)
    model = selectors.active_model(body.taxonomy)
    if model is None:
        raise HttpError(
            404,
            _("No trained classifier for %(taxonomy)s: run `rightstrack train --taxonomy %(taxonomy)s`.")
            % {"taxonomy": body.taxonomy},
        )
    predicted = model.predict(body.texts, embedding.embed(body.texts))
    return [
        {"text": text, "labels": [{"label": label, "score": score} for label, score in labels]}
        for text, labels in zip(body.texts, predicted, strict=False)
    ]


@router.get("/classifiers", response=list[ClassifierOut], summary="The active classifiers and their held-out figures")
def classifiers(request):
    """One per taxonomy that has a trained classifier; figures measured on a held-out part
    of the training examples (null when there were too few to set some aside)."""
    return [_classifier(c) for c in selectors.classifiers()]


def _classifier(c) -> dict:
    figures = c.metrics or {}
    keys = ("n", "accuracy", "micro_f1", "macro_f1", "samples_f1", "quadratic_kappa")
    return {
        "taxonomy": c.taxonomy,
        "origin": c.origin,
        "trained_at": c.trained_at,
        "n_train": c.n_train,
        "labels": list(c.labels),
        **{key: figures.get(key) for key in keys},
        "per_label": figures.get("per_label") or {},
    }
