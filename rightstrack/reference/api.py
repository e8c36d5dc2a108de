"""REST API of the reference data: taxonomies and their terms, States, mechanisms.

Reference data is public; every caller sees all of it. Codes here are the values the
recommendation filters take (``country=SVN``, ``mechanism=CCPR``, ``theme=<code>``).
"""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from rightstrack.api.errors import BadRequest, NotFound, reject_unknown
from rightstrack.api.paging import PARAMETERS as PAGE_PARAMETERS
from rightstrack.api.paging import PageParams, page_schema, paginate
from rightstrack.reference.models import Mechanism, State, Taxonomy, Term

router = Router(tags=["reference data"])


class TaxonomyOut(Schema):
    slug: str
    name: str
    description: str
    source: str
    builtin: bool
    open: bool
    multiple: bool


class TermOut(Schema):
    code: str
    label: str
    description: str
    parent: str | None
    aliases: list[str]
    position: int


class StateOut(Schema):
    iso3: str
    name: str
    official_name: str
    regional_group: str
    status: str


class MechanismOut(Schema):
    code: str
    name: str
    kind: str
    established: int | None


def taxonomy_record(taxonomy: Taxonomy) -> dict:
    return {
        "slug": taxonomy.slug,
        "name": taxonomy.name,
        "description": taxonomy.description,
        "source": taxonomy.source,
        "builtin": taxonomy.builtin,
        "open": taxonomy.open,
        "multiple": taxonomy.multiple,
    }


def term_record(term: Term) -> dict:
    return {
        "code": term.code,
        "label": term.label,
        "description": term.description,
        "parent": term.parent.code if term.parent_id else None,
        "aliases": list(term.aliases),
        "position": term.position,
    }


def state_record(state: State) -> dict:
    return {
        "iso3": state.iso3,
        "name": state.name,
        "official_name": state.official_name,
        "regional_group": state.regional_group,
        "status": state.status,
    }


def mechanism_record(mechanism: Mechanism) -> dict:
    return {
        "code": mechanism.code,
        "name": mechanism.name,
        "kind": mechanism.kind,
        "established": mechanism.established,
    }


@router.get(
    "/taxonomies",
    response={200: page_schema(TaxonomyOut, "TaxonomyPage"), 400: BadRequest},
    summary="List taxonomies (UHRI themes, SDG goals and targets, your own...)",
)
def list_taxonomies(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(Taxonomy.objects.all(), page, taxonomy_record)


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
    return paginate(taxonomy.terms.select_related("parent"), page, term_record)


@router.get(
    "/states",
    response={200: page_schema(StateOut, "StatePage"), 400: BadRequest},
    summary="List States (UN Member and observer States)",
)
def list_states(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(State.objects.all(), page, state_record)


@router.get(
    "/mechanisms",
    response={200: page_schema(MechanismOut, "MechanismPage"), 400: BadRequest},
    summary="List the human-rights mechanisms",
)
def list_mechanisms(request, page: Query[PageParams]):
    reject_unknown(request, PAGE_PARAMETERS)
    return paginate(Mechanism.objects.all(), page, mechanism_record)
