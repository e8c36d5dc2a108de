"""Legacy encodings: read right when the detection is sure, refused with the --encoding
hint when it is not, and read right with --encoding; never garbled."""

import io

import pytest
from django.core.management import call_command

from rightstrack.ingest.formats.base import ParseError
from rightstrack.ingest.formats.encodings import decode
from rightstrack.recommendations.models import Recommendation

pytestmark = pytest.mark.django_db

TABLE = ["--format", "table", "--mechanism", "UPR", "--columns", "text=Recommendation,country=State"]
PL = [
    "Zapewnić równe traktowanie osób starszych; Rzecznik zaleca ochronę przed dyskryminacją",
    "Wzmocnić niezależność krajowej instytucji praw człowieka, zgodnie z zasadami paryskimi",
    "Zagwarantować dzieciom dostęp do edukacji włączającej, także w małych gminach",
]
ZH = [
    "批准《公民权利和政治权利国际公约》第二项任择议定书，废除死刑。",
    "加强国家人权机构的独立性，确保其符合《巴黎原则》。",
    "采取措施消除对妇女的歧视，保障儿童受教育的权利。",
]


def _csv(tmp_path, texts, encoding):
    path = tmp_path / "t.csv"
    rows = "".join(f'"{text}",Slovenia\n' for text in texts)
    path.write_bytes(("Recommendation,State\n" + rows).encode(encoding))
    return path


def _import(*args):
    call_command("import", *map(str, args), stdout=io.StringIO(), stderr=io.StringIO())


@pytest.mark.parametrize("texts, encoding", [(PL, "iso8859_2"), (ZH, "gb18030")], ids=["latin-2", "gb18030"])
def test_a_legacy_csv_with_enough_text_imports_with_its_characters(tmp_path, texts, encoding):
    _import(_csv(tmp_path, texts, encoding), *TABLE)
    assert sorted(Recommendation.objects.values_list("text", flat=True)) == sorted(texts)


@pytest.mark.parametrize(
    "text, encoding",
    [("Příliš žluťoučký kůň úpěl ďábelské ódy", "iso8859_2"), ("批准公约", "gb18030")],
    ids=["latin-2", "gb18030"],
)
def test_a_short_legacy_csv_is_refused_and_imports_with_encoding(tmp_path, text, encoding):
    path = _csv(tmp_path, [text], encoding)
    with pytest.raises(ParseError, match="cannot be told for sure.*give --encoding"):
        decode(path.read_bytes(), "t.csv")
    _import(path, *TABLE, "--encoding", encoding)
    assert Recommendation.objects.get().text == text


def test_french_in_cp1252_reads_the_same_whatever_windows_page_it_matches():
    text = "Ratifier la Convention relative aux droits des personnes handicapées; garantir l’égalité"
    assert text in decode(f"a\n{text}\n".encode("cp1252"), "t.csv")


def test_upr_info_raw_exports_stay_mac_roman(shared_data):
    for name in ("1-5.csv", "6-9.csv", "voluntary.csv"):
        raw = (shared_data / "upr-info" / name).read_bytes()
        assert decode(raw, name, prefer="mac_roman") == raw.decode("mac_roman")  # "State’s", never "StateŐs"
