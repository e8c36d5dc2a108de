"""A Word (or other) archive may not inflate past 128 MB in all or 32 MB in one part,
whatever its compression ratio: 180 parts of 9.9 MB each (each under the ratio check)
once imported using 1.9 GB. A workbook, which is streamed, may hold a UHRI export's 1 GB."""

import zipfile

import pytest

from rightstrack.core.limits import MAX_ARCHIVE_BYTES, MAX_ARCHIVE_PART_BYTES
from rightstrack.ingest.formats.base import ParseError, check_archive

PART = b"\0" * (9_900_000)  # under MAX_ARCHIVE_RATIO_FROM: the ratio check never looks at it


def _archive(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def test_many_parts_each_under_the_ratio_check_are_refused_in_total(tmp_path):
    count = MAX_ARCHIVE_BYTES // len(PART) + 1  # 14 parts: 138.6 MB
    path = _archive(
        tmp_path / "list.docx",
        {"word/document.xml": b"<w:document/>", **{f"word/media/image{n}.png": PART for n in range(count)}},
    )
    assert path.stat().st_size < 2_000_000
    with pytest.raises(
        ParseError,
        match=r"list.docx: refused: the archive would expand to 138,600,\d+ bytes "
        r"\(at most 134,217,728\)",
    ):
        check_archive(path)


def test_one_part_too_large_is_refused(tmp_path):
    path = _archive(tmp_path / "list.docx", {"word/document.xml": b"\0" * (MAX_ARCHIVE_PART_BYTES + 1)})
    with pytest.raises(
        ParseError,
        match=r"word/document.xml would expand to 33,554,433 bytes \(at most 33,554,432 "
        r"for one part\)",
    ):
        check_archive(path)


def test_a_workbook_may_hold_more_and_a_real_word_file_passes(tmp_path, shared_data):
    path = _archive(
        tmp_path / "export.xlsx",
        {"xl/workbook.xml": b"<workbook/>", **{f"xl/worksheets/sheet{n}.xml": PART for n in range(14)}},
    )
    check_archive(path)  # 138.6 MB: a workbook's limit is 1.5 GB
    for real in (shared_data / "ohchr-lists").glob("*.docx"):
        check_archive(real)


def test_a_part_that_inflates_hundreds_of_times_is_refused_under_the_size_limits(tmp_path):
    path = _archive(tmp_path / "list.docx", {"word/document.xml": b"\0" * (20 * 1024**2)})  # 20 MB: under 32 MB
    with pytest.raises(ParseError, match=r"list.docx: refused: word/document.xml expands \d+ times \(a ZIP bomb\?\)"):
        check_archive(path)
