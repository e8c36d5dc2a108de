import pytest

from rightstrack.reference import choices
from rightstrack.reference.models import Mechanism, State, StateAlias, Taxonomy, Term, UPRSession
from rightstrack.reference.selectors import TermIndex
from rightstrack.reference.services import load_vocabulary, sync_reference_data

pytestmark = pytest.mark.django_db


def _counts():
    return [m.objects.count() for m in (State, StateAlias, Mechanism, UPRSession, Taxonomy, Term)]


def test_sync_is_idempotent_and_keeps_user_additions():
    national = Taxonomy.objects.create(slug="national-plan", name="National action plan")
    Term.objects.create(taxonomy=national, code="1", label="Justice")
    themes = Taxonomy.objects.get(slug=choices.UHRI_THEMES)
    Term.objects.create(taxonomy=themes, code="local-theme", label="A theme met in an import")
    before = _counts()
    sync_reference_data()
    assert _counts() == before
    assert Term.objects.filter(taxonomy=national).count() == 1
    assert Term.objects.filter(taxonomy=themes, code="local-theme").exists()


def test_upr_sessions_map_to_cycles():
    cycles = dict(UPRSession.objects.values_list("number", "cycle"))
    assert sorted(cycles) == list(range(1, 55))
    assert {n: cycles[n] for n in (1, 12, 13, 26, 27, 40, 41, 54)} == {
        1: 1,
        12: 1,
        13: 2,
        26: 2,
        27: 3,
        40: 3,
        41: 4,
        54: 4,
    }
    assert str(UPRSession.objects.get(number=34).start_date) == "2019-11-04"


def test_sdg_framework_is_complete():
    goals = Term.objects.filter(taxonomy__slug=choices.SDG_GOALS)
    targets = Term.objects.filter(taxonomy__slug=choices.SDG_TARGETS)
    indicators = Term.objects.filter(taxonomy__slug=choices.SDG_INDICATORS)
    assert goals.count() == 17 and targets.count() == 169 and indicators.count() == 251
    target = targets.get(code="16.a")
    assert target.parent.code == "16"
    assert indicators.get(code="16.2.1").parent == targets.get(code="16.2")
    assert (
        TermIndex(Taxonomy.objects.get(slug=choices.SDG_GOALS))
        .resolve("16 - PEACE, JUSTICE AND STRONG INSTITUTIONS")
        .code
        == "16"
    )


def test_theme_index_reads_coded_and_plain_themes():
    index = TermIndex(Taxonomy.objects.get(slug=choices.UHRI_THEMES))
    assert index.resolve("A12 Acceptance of international norms").code == "A12"
    assert index.resolve("acceptance of international norms").code != "A12"  # the current, uncoded theme
    assert index.resolve("Enforced disappearances").label == "Enforced disappearances"


def test_action_categories_and_mechanisms():
    labels = dict(Term.objects.filter(taxonomy__slug=choices.ACTION_CATEGORY).values_list("code", "label"))
    assert labels == {
        "1": "Minimal action",
        "2": "Continuing action",
        "3": "Considering action",
        "4": "General action",
        "5": "Specific action",
    }
    assert set(Mechanism.objects.values_list("code", flat=True)) == {
        "UPR",
        "CERD",
        "CCPR",
        "CESCR",
        "CEDAW",
        "CAT",
        "CRC",
        "CMW",
        "CRPD",
        "CED",
        "SPT",
        "SP",
        "HRC",
    }
    assert Mechanism.objects.get(code="SPT").instruments.get().code == "OPCAT"


def test_loading_the_upr_info_issue_vocabulary(shared_data):
    taxonomy, count = load_vocabulary(choices.UPR_INFO_ISSUES, shared_data / "taxonomies" / "upr-info-issues.vocab")
    assert count == 56  # 57 lines, less the "nan" a pandas dump wrote for an empty cell
    assert taxonomy.terms.filter(label="Women's rights").exists()
    assert load_vocabulary(choices.UPR_INFO_ISSUES, shared_data / "taxonomies" / "upr-info-issues.vocab")[1] == 56
    assert taxonomy.terms.count() == 56


def test_a_user_taxonomy_from_csv_with_parents(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_text("code,label,parent\n1.1,Access to justice,1\n1,Justice,\n", encoding="utf-8")
    taxonomy, count = load_vocabulary("national-plan", path, "National plan")
    assert count == 2 and taxonomy.name == "National plan"
    assert taxonomy.terms.get(code="1.1").parent.label == "Justice"


@pytest.mark.parametrize(
    "content, message",
    [
        ("code,name\n1,Justice\n", "missing column(s) label"),
        ("code,label\n1,Justice\n1,Health\n", "duplicate term code(s): 1"),
        ("code,label,parent\n1,Justice,9\n", "unknown parent '9'"),
    ],
)
def test_bad_vocabulary_files_are_refused_whole(tmp_path, content, message):
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_vocabulary("national-plan", path)
    assert not Taxonomy.objects.filter(slug="national-plan").exists()
