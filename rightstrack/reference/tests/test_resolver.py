import pytest

from rightstrack.core.errors import UnknownMechanismError, UnknownStateError
from rightstrack.reference.directory import lookup_builtin_state
from rightstrack.reference.models import State, StateAlias
from rightstrack.reference.selectors import StateResolver, is_placeholder_state, resolve_mechanism, resolve_state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name, iso3",
    [
        ("DPR Korea", "PRK"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Republic of Korea", "KOR"),
        ("Cape Verde", "CPV"),
        ("Cabo Verde", "CPV"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Cote d`Ivoire", "CIV"),
        ("COTE D'IVOIRE", "CIV"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("United Kingdom of Great Britain and Northern Ireland", "GBR"),
        ("United States", "USA"),
        ("Bosnia & Herzegovina", "BIH"),
        ("St Vincent & the Grenadines", "VCT"),
        ("Macedonia FYR", "MKD"),
        ("Democratic Republic of Congo", "COD"),
        ("Republic of Congo", "COG"),
        ("Congo", "COG"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Palestine", "PSE"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("SVN", "SVN"),
    ],
)
def test_variants_resolve_to_the_state(name, iso3):
    assert resolve_state(name).iso3 == iso3
    assert lookup_builtin_state(name) == iso3


@pytest.mark.parametrize("name", ["Atlantis", "Korea", "ICPPED", "and", "per", "European Union", "(Unknown)", ""])
def test_unknown_names_are_refused_with_the_name(name):
    with pytest.raises(UnknownStateError) as info:
        resolve_state(name)
    assert repr(name) in str(info.value)


def test_placeholder_names_are_recognised_as_such():
    assert is_placeholder_state("&#40;Unknown&#41;")
    assert not is_placeholder_state("Slovenia")


def test_the_shipped_list_has_every_member_and_observer_state():
    assert State.objects.filter(status="member").count() == 193
    assert set(State.objects.filter(status="observer").values_list("iso3", flat=True)) == {"VAT", "PSE"}
    assert State.objects.filter(regional_group="WEOG").count() == 29
    assert State.objects.get(iso3="SVN").regional_group == "EEG"


def test_a_user_added_variant_resolves():
    StateAlias.objects.create(state=State.objects.get(iso3="SVN"), name="Republika Slovenija")
    assert StateResolver().resolve("republika slovenija").iso3 == "SVN"


@pytest.mark.parametrize(
    "code", ["UPR", "CERD", "CCPR", "CESCR", "CEDAW", "CAT", "CRC", "CMW", "CRPD", "CED", "SPT", "SP", "HRC"]
)
def test_every_mechanism_code_resolves(code):
    assert resolve_mechanism(code.lower()).code == code


def test_unknown_mechanism_is_refused_with_the_code():
    with pytest.raises(UnknownMechanismError, match="'ILO'"):
        resolve_mechanism("ILO")
