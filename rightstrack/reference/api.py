"""REST API of the reference data: taxonomies and their terms, States, mechanisms.

Reference data is public; every caller sees all of it. Codes here are the values the
recommendation filters take (``country=SVN``, ``mechanism=CCPR``, ``theme=<code>``).
"""

from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.errors import HttpError

from rightstrack.api.errors import BadRequest, NotFound, reject_unknown
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.reference.models import Mechanism, State, Taxonomy
from rightstrack.reference.schemas import MechanismOut, StateOut, TaxonomyOut, TermOut

router = Router(tags=["reference data"])


@router.get(
    "/taxonomies",
    response={200: page_schema(TaxonomyOut, "TaxonomyPage"), 400: BadRequest},
    summary="List taxonomies (UHRI themes, SDG goals and targets, your own...)",
)
def list_taxonomies(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(Taxonomy.objects.all(), page)


@router.get(
    "/taxonomies/{slug}/terms",
    response={200: page_schema(TermOut, "TermPage"), 400: BadRequest, 404: NotFound},
    summary="List the terms of one taxonomy",
)
def list_terms(request, slug: str, page: Query[PageParams]):
    """``parent`` is the code of the broader term (an SDG target's goal); ``position``
    is the taxonomy's own order of its terms."""
    reject_unknown(request, PAGE_PARAMETERS)
    taxonomy = Taxonomy.objects.filter(slug=slug).first()
    if taxonomy is None:
        raise HttpError(404, _("No such taxonomy."))
    return paginate(taxonomy.terms.select_related("parent"), page)


@router.get(
    "/states",
    response={200: page_schema(StateOut, "StatePage"), 400: BadRequest},
    summary="List States (UN Member and observer States)",
)
def list_states(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(State.objects.all(), page)


@router.get(
    "/mechanisms",
    response={200: page_schema(MechanismOut, "MechanismPage"), 400: BadRequest},
    summary="List the human-rights mechanisms",
)
def list_mechanisms(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(Mechanism.objects.all(), page)
