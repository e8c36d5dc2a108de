"""A Working Group report copied without its symbol (a web page's text, a hand-made
extract): ``--document`` gives it; failing that, the report already stored for the State
and Working Group session the text names; failing that, a clear error. The copy is the
real cycle-3 report on Slovenia (A/HRC/43/15, session 34) with every line holding its
symbol removed."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.formats.wg_report import parse_document
from rightstrack.ingest.registry import ImportOptions, read_file
from rightstrack.recommendations.models import Document, Recommendation
from rightstrack.recommendations.selectors import working_group_report_symbols

pytestmark = pytest.mark.django_db

REPORT, SYMBOL, OTHER_CYCLE = (
    "wg-reports/A_HRC_43_15_Working_Group_Report.md",
    "A/HRC/43/15",
    "wg-reports/A_HRC_28_15_Working_Group_Report.md",
)


@pytest.fixture
def bare(shared_data, tmp_path):
    lines = (shared_data / REPORT).read_text(encoding="utf-8").splitlines(keepends=True)
    path = tmp_path / "slovenia.md"
    path.write_text("".join(line for line in lines if SYMBOL not in line), encoding="utf-8")
    return path


def run_import(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import", *map(str, args), stdout=out, stderr=err)
    except SystemExit as exc:
        return exc.code, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def test_the_copy_holds_no_symbol(bare):
    with pytest.raises(ParseError, match="no document symbol"):
        parse_document(bare)


def test_document_option_gives_the_symbol(bare):
    _format, parsed = read_file(bare, "wg-report", ImportOptions(document=SYMBOL))
    assert [(d.symbol, d.countries, d.session) for d in parsed.documents] == [(SYMBOL, ["Slovenia"], 34)]
    records = list(parsed.records)
    assert len(records) == 215 and {r.document_symbol for r in records} == {SYMBOL}
    code, out, err = run_import(bare, "--format", "wg-report", "--document", SYMBOL)
    assert (code, out) == (0, "imported 215 new, 0 updated, 0 unchanged, 0 errors\n"), err
    assert set(Recommendation.objects.values_list("document__symbol", flat=True)) == {SYMBOL}


def test_symbol_of_the_stored_report_of_that_state_and_session(bare, shared_data):
    assert run_import(shared_data / OTHER_CYCLE, shared_data / REPORT)[0] == 0
    assert working_group_report_symbols("Slovenia", 34) == working_group_report_symbols("SVN", 34) == [SYMBOL]
    assert working_group_report_symbols("Slovenia", 33) == working_group_report_symbols("Croatia", 34) == []
    _format, parsed = read_file(bare, "wg-report", ImportOptions())
    assert [d.symbol for d in parsed.documents] == [SYMBOL]
    code, out, err = run_import(bare, "--format", "wg-report")
    assert (code, out) == (0, "imported 0 new, 0 updated, 215 unchanged, 0 errors\n"), err
    assert Document.objects.count() == 2


def test_no_symbol_and_no_stored_report_asks_for_it(bare, shared_data):
    assert run_import(shared_data / OTHER_CYCLE)[0] == 0  # Slovenia's report from session 20 does not count
    message = (
        "slovenia.md: no document symbol (A/HRC/…) found in the text and no stored Working Group report "
        "on Slovenia from session 34: give it with --document A/HRC/…"
    )
    with pytest.raises(ParseError) as error:
        read_file(bare, "wg-report", ImportOptions())
    assert str(error.value) == message
    code, _out, err = run_import(bare, "--format", "wg-report")
    assert code == 1 and message in err


def test_no_state_or_session_to_look_up_by(tmp_path):
    path = tmp_path / "extract.txt"
    path.write_text(
        "Report of the Working Group on the Universal Periodic Review\n"
        "Conclusions and/or recommendations\n"
        "86. These enjoy the support of the State:\n86.1 Do it (France);\n",
        encoding="utf-8",
    )
    with pytest.raises(
        ParseError,
        match=r"^extract\.txt: no document symbol \(A/HRC/…\) found in the text: "
        r"give it with --document A/HRC/…$",
    ):
        read_file(path, "wg-report", ImportOptions())


def test_several_stored_reports_are_not_guessed_between(bare):
    asked = []

    def find_symbol(state, session):
        asked.append((state, session))
        return [SYMBOL, f"{SYMBOL}/Corr.1"]

    with pytest.raises(
        ParseError,
        match=r"several stored Working Group reports \(A/HRC/43/15, A/HRC/43/15/Corr\.1\) "
        r"on Slovenia from session 34: give it with --document A/HRC/…$",
    ):
        parse_document(bare, find_symbol=find_symbol)
    assert asked == [("Slovenia", 34)]
    assert (
        parse_document(bare, session=33, find_symbol=lambda state, session: [f"A/HRC/{session}/1"]).symbol
        == "A/HRC/33/1"
    )


def test_auto_detection_and_document_option_on_the_command_line(bare):
    code, out, err = run_import(bare, "--document", SYMBOL, "--no-vectors")
    assert code == 0 and out.endswith("imported 215 new, 0 updated, 0 unchanged, 0 errors\n") and "wg-report" in err
    assert Recommendation.objects.filter(document__symbol=SYMBOL).count() == 215
