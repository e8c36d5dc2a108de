"""A higher app's format (registry.register_format): detected, read and finished inside
the import's transaction, without ingest importing it."""

from __future__ import annotations

import sys
import types

import pytest

from rightstrack.ingest import registry
from rightstrack.ingest.services import ImportFailed, import_file
from rightstrack.reference.models import Taxonomy

MODULE = "rightstrack.ingest.tests.own_format"  # a full module path, as a higher app gives


@pytest.fixture
def own_format(monkeypatch):
    """A format whose file is a text file starting "OWN"; its finish writes a taxonomy
    (any row will do) and, when the file says so, reports an error."""
    module = types.ModuleType(MODULE)
    module.detect = lambda path: path.read_bytes().startswith(b"OWN")
    monkeypatch.setitem(sys.modules, MODULE, module)
    seen = []

    def finish(ctx):
        seen.append((ctx.user, ctx.source, ctx.dry_run))
        Taxonomy.objects.create(slug="written-by-finish", name="x")
        ctx.summary.counts["written"] = 1
        ctx.summary.also.append("wrote one thing")
        if b"FAIL" in ctx_path[0].read_bytes():
            ctx.summary.errors.append(f"{ctx.source}: row 2: refused")

    ctx_path = []

    def reader(module, path, options):
        ctx_path[:] = [path]
        return registry.ParsedFile(records=(), finish=finish)

    fmt = registry.Format("own-format", MODULE, (".txt",), label="Own")
    # The registry's containers are shared by reference (the import command's choices,
    # the pipeline): change them in place, and put them back after the test.
    kept = [
        (container, container.copy())
        for container in (registry.FORMATS, registry.NAMES, registry.BY_NAME, registry.READERS)
    ]
    registry.register_format(fmt, reader, before="upr-info-csv")
    yield seen
    for container, copy in kept:
        container.clear()
        (container.extend if isinstance(container, list) else container.update)(copy)


@pytest.mark.django_db
def test_detected_before_the_format_named_and_finished_in_the_import(own_format, tmp_path):
    assert [f.name for f in registry.FORMATS].index("own-format") == [f.name for f in registry.FORMATS].index(
        "upr-info-csv"
    ) - 1
    path = tmp_path / "mine.txt"
    path.write_text("OWN file")
    fmt, summary, _ = import_file(path)
    assert fmt == "own-format" and summary.line().endswith("; wrote one thing")
    assert summary.counts == {"written": 1} and own_format == [(None, "mine.txt", False)]
    assert Taxonomy.objects.filter(slug="written-by-finish").exists()


@pytest.mark.django_db
def test_a_dry_run_rolls_back_what_finish_wrote(own_format, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("OWN file")
    import_file(path, dry_run=True)
    assert own_format[0][2] is True and not Taxonomy.objects.filter(slug="written-by-finish").exists()


@pytest.mark.django_db
def test_an_error_in_finish_fails_the_whole_import(own_format, tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("OWN file FAIL")
    with pytest.raises(ImportFailed, match="mine.txt: row 2: refused"):
        import_file(path)
    assert not Taxonomy.objects.filter(slug="written-by-finish").exists()


def test_registering_twice_changes_nothing(own_format):
    before = list(registry.FORMATS)
    registry.register_format(registry.BY_NAME["own-format"], None, before="table")
    assert registry.FORMATS == before
