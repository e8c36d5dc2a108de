import csv
import io
import json
import os
import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from rightstrack.cli import COMMANDS
from rightstrack.recommendations.models import Recommendation


def run_cli(*args, env=None, input=None):
    """The real console entry point, in a child process with its own data directory.

    The child uses the embedded SQLite database in that directory even when the suite
    runs on PostgreSQL: it must not touch a shared server's databases.
    """
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "rightstrack", *args],
        capture_output=True,
        text=True,
        env={**base, **(env or {})},
        input=input,
        timeout=120,
    )


def test_help_lists_every_command():
    result = run_cli("--help")
    assert result.returncode == 0
    for name in COMMANDS:
        assert f"\n  {name} " in result.stdout


def test_help_and_the_settings_create_no_data_directory(tmp_path):
    home = tmp_path / "not-yet"
    env = {"RIGHTSTRACK_HOME": str(home)}
    for args in (["--help"], ["help", "--commands"], ["import", "--help"], ["--version"]):
        result = run_cli(*args, env=env)
        assert result.returncode == 0 and not result.stderr, (args, result.stderr)
    settings = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; print(settings.HOME)"],
        capture_output=True,
        text=True,
        env={**os.environ, **env, "DJANGO_SETTINGS_MODULE": "rightstrack.settings"},
        timeout=120,
    )
    assert settings.returncode == 0, settings.stderr
    assert not home.exists()
    # A command makes it, with its static folder (whitenoise looks for it).
    assert run_cli("check", env=env).returncode == 0
    assert (home / "static").is_dir()


def test_help_into_a_closed_pipe_prints_no_traceback(tmp_path):
    shell = subprocess.run(
        f"{sys.executable} -m rightstrack --help | head -1",
        shell=True,
        capture_output=True,
        text=True,
        env={**os.environ, "RIGHTSTRACK_HOME": str(tmp_path / "home")},
        timeout=120,
    )
    assert shell.stdout.startswith("rightstrack ") and shell.stdout.count("\n") == 1
    assert shell.stderr == ""


@pytest.mark.parametrize("name", COMMANDS)
def test_each_command_has_help_with_an_example(name):
    result = run_cli(name, "--help")
    assert result.returncode == 0 and "example:\n  rightstrack " in result.stdout


def test_production_settings_pass_the_deploy_checks(tmp_path):
    result = run_cli(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={
            "RIGHTSTRACK_ENV": "production",
            "RIGHTSTRACK_HOME": str(tmp_path),
            "RIGHTSTRACK_ALLOWED_HOSTS": "nmrf.example.org",
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
    # The secret key was generated in the data directory, private, and is reused.
    key = tmp_path / "secret_key"
    assert len(key.read_text()) >= 50 and oct(key.stat().st_mode)[-3:] == "600"


def test_export_refuses_an_unknown_country_with_a_clear_error(tmp_path):
    env = {"RIGHTSTRACK_HOME": str(tmp_path)}
    assert run_cli("init", "--no-static", env=env).returncode == 0
    result = run_cli("export", "--country", "XXX", env=env)
    assert result.returncode == 1
    assert "Error: invalid filter: country: Select a valid choice. XXX" in result.stderr


@pytest.mark.django_db
def test_demo_loads_public_data_and_prints_a_working_login():
    out = io.StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "demo dataset: imported 664 new, 0 updated, 0 unchanged, 0 errors" in text
    password = text.split("password '")[1].split("'")[0]
    assert get_user_model().objects.get(username="demo").check_password(password)
    assert Recommendation.objects.filter(mechanism__code="UPR", state__iso3="SVN").count() == 378
    assert Recommendation.objects.filter(mechanism__code="CCPR", follow_up=True).count() == 286
    assert not Recommendation.objects.filter(is_published=False).exists()
    _the_illustrative_plan_is_there(text)
    # Running it again adds nothing.
    call_command("demo", stdout=out)
    assert "imported 0 new, 0 updated, 664 unchanged" in out.getvalue()
    from rightstrack.planning.models import Plan

    assert Plan.objects.count() == 1


def _the_illustrative_plan_is_there(text: str) -> None:
    from rightstrack.planning.models import Action, Cluster
    from rightstrack.planning.selectors import overdue
    from rightstrack.progress.models import ProgressReport

    focal_password = text.split("user 'focal', password '")[1].split("'")[0]
    focal = get_user_model().objects.get(username="focal")
    assert focal.check_password(focal_password) and focal.profile.entity.short_name == "MESS"
    assert {c.title: c.recommendations.count() for c in Cluster.objects.all()} == {
        "Roma inclusion": 23,
        "Violence against women": 16,
        "Hate speech and intolerance": 28,
        "Migrants and asylum seekers": 29,
    }
    # Five actions of the clusters, and one on the Human Rights Committee's follow-up paragraph.
    assert Action.objects.count() == 6 and overdue(focal).count() == 2
    assert sorted(ProgressReport.objects.values_list("stage", flat=True)) == [
        "published",
        "returned",
        "submitted",
        "validated",
    ]
    from rightstrack.progress.models import FollowUp, PartGrade

    assert FollowUp.objects.filter(assessments__symbol__gt="").distinct().count() == 114
    assert PartGrade.objects.filter(paragraph__follow_up__document__symbol="CCPR/C/SVN/CO/3").count() == 4
    assert Action.objects.get(recommendation__document__symbol="CCPR/C/SVN/CO/3").title.startswith("Strategy on")
    from rightstrack.progress.models import Tracking

    # 90 recommendations in the plan: every 7th implemented, every 5th (not 7th) partially, ...
    assert Tracking.objects.filter(status="implemented").count() == 90 // 7
    assert Tracking.objects.filter(status="partially_implemented").count() == 90 // 5 - 90 // 35


@pytest.mark.django_db
def test_export_command_writes_the_filtered_records(tmp_path):
    call_command("demo", stdout=io.StringIO())
    target = tmp_path / "svn.json"
    call_command(
        "export", "--format", "json", "--country", "svn", "--mechanism", "UPR", "-o", str(target), stderr=io.StringIO()
    )
    records = json.loads(target.read_text())
    assert len(records) == 378 and {r["cycle"] for r in records} == {2, 3}
    assert sum(r["position"] == "supported" for r in records) == 142 + 182


@pytest.mark.django_db
def test_createuser_reads_the_password_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    call_command("createuser", "amina", "--admin", "--password-stdin", stdout=io.StringIO())
    user = get_user_model().objects.get(username="amina")
    assert user.is_superuser and user.check_password("a long enough passphrase")
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    with pytest.raises(CommandError, match="password refused"):
        call_command("createuser", "bob", "--password-stdin", stdout=io.StringIO())
    with pytest.raises(CommandError, match="already exists"):
        call_command("createuser", "amina", "--password-stdin", stdout=io.StringIO())


@pytest.mark.django_db
def test_createuser_gives_a_focal_point_its_entity(monkeypatch):
    from rightstrack.accounts.models import Entity

    Entity.objects.create(name="Ministry of Justice", short_name="MoJ")
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
    call_command(
        "createuser", "fp", "--password-stdin", "--role", "focal_point", "--entity", "moj", stdout=io.StringIO()
    )
    profile = get_user_model().objects.get(username="fp").profile
    assert (profile.role, profile.entity.short_name) == ("focal_point", "MoJ")
    for wrong, message in (
        (["--entity", "Ministry of Magic"], "no responsible entity"),
        (["--role", "chief"], "unknown role"),
        (["--role", "focal_point"], "give --entity"),
    ):
        monkeypatch.setattr("sys.stdin", io.StringIO("a long enough passphrase\n"))
        with pytest.raises(CommandError, match=message):
            call_command("createuser", "fp2", "--password-stdin", *wrong, stdout=io.StringIO())
    assert not get_user_model().objects.filter(username="fp2").exists()  # nothing half made


@pytest.mark.django_db
def test_taxonomy_command_loads_a_national_vocabulary(tmp_path):
    path = tmp_path / "clusters.txt"
    path.write_text("Justice\nHealth\nEducation\n", encoding="utf-8")
    out = io.StringIO()
    call_command("taxonomy", "load", "national-clusters", str(path), "--name", "National clusters", stdout=out)
    assert "national-clusters: loaded 3 terms (3 in all)" in out.getvalue()
    call_command("taxonomy", "list", stdout=out)
    assert "national-clusters" in out.getvalue() and "sdg-targets" in out.getvalue()
    with pytest.raises(CommandError, match="no such file"):
        call_command("taxonomy", "load", "x", str(tmp_path / "missing.csv"))


@pytest.mark.django_db
def test_export_quality_adds_the_verdict_columns(tmp_path):
    from rightstrack.recommendations.tests.factories import RecommendationFactory

    RecommendationFactory(text="Adopt a law prohibiting discrimination against Roma women by 2025")
    target = tmp_path / "q.csv"
    call_command("export", "--format", "csv", "--quality", "-o", str(target), stderr=io.StringIO())
    header, row = list(csv.reader(target.open(encoding="utf-8-sig")))[:2]
    values = dict(zip(header, row, strict=False))
    assert values["quality_score"] and values["quality_time_bound"] in {"True", "true", "1", "yes"}
    assert "quality_rights_holders" in values


@pytest.mark.django_db
def test_export_filters_by_responsible_entity_and_status(tmp_path):
    from rightstrack.planning import services
    from rightstrack.planning.tests.factories import EntityFactory, person
    from rightstrack.progress.services import set_status, tracking_for
    from rightstrack.recommendations.tests.factories import RecommendationFactory

    staff = person("nmrf_staff")
    justice = EntityFactory(name="Ministry of Justice", short_name="MoJ")
    done, todo, elsewhere = (RecommendationFactory(text=t) for t in ("done", "todo", "elsewhere"))
    services.assign(staff, [done.pk, todo.pk], justice, lead=True)
    set_status(staff, done, tracking_for(done).version, status="implemented")
    target = tmp_path / "todo.json"
    call_command("export", "--entity", "moj", "--status", "not_started", "-o", str(target), stderr=io.StringIO())
    assert [r["text"] for r in json.loads(target.read_text())] == ["todo"]
    with pytest.raises(CommandError, match="no responsible entity is named 'Ministry of Magic'"):
        call_command("export", "--entity", "Ministry of Magic", stderr=io.StringIO())


def test_a_command_on_a_data_directory_never_initialised_says_to_run_init(tmp_path):
    result = run_cli("export", env={"RIGHTSTRACK_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "is not initialised or is out of date" in result.stderr and "run `rightstrack init`" in result.stderr
    assert "Traceback" not in result.stderr and "no such table" not in result.stderr
