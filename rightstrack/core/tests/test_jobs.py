"""Background jobs: queued by a request that returns at once, run by the worker,
followed on their page, failing with a message rather than silently."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from rightstrack.core import jobs
from rightstrack.core.errors import NotAllowedError, RightstrackError
from rightstrack.core.models import Job, JobState

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds(monkeypatch):
    def fine(job, progress):
        progress.begin("Counting", 3)
        progress.advance(3)
        progress.say("counted 3")
        return {"n": 3}

    def refused(job, progress):
        raise RightstrackError("row 2: unknown State")

    def broken(job, progress):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(jobs, "KINDS", dict(jobs.KINDS))
    jobs.register("fine", fine, "Count", startable=True)
    jobs.register("refused", refused, "Refuse")
    jobs.register("broken", broken, "Break")


def test_a_job_runs_in_the_worker_not_in_the_request(kinds, staff, client):
    response = client.post("/jobs/start/", {"kind": "fine"})
    job = Job.objects.get()
    assert response.status_code == 302 and job.state == JobState.QUEUED and job.user == staff
    assert "Waiting" in client.get(response.url).content.decode()
    jobs.run_queued()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.result == {"n": 3} and job.messages == ["counted 3"]
    page = client.get(response.url).content.decode()
    assert "Done" in page and "counted 3" in page and "hx-trigger" not in page  # finished: no more polling


def test_failures_are_kept_with_their_reason(kinds, staff):
    refused, broken = jobs.start("refused", staff), jobs.start("broken", staff)
    jobs.run_queued()
    refused.refresh_from_db()
    broken.refresh_from_db()
    assert refused.state == JobState.FAILED and refused.errors == ["row 2: unknown State"]
    assert broken.state == JobState.FAILED and broken.errors == ["Unexpected error: division by zero"]


def test_a_job_keeps_its_first_500_errors_and_counts_the_rest(kinds, staff, monkeypatch):
    def many(job, progress):
        error = RightstrackError("600 rows refused")
        error.errors = [f"row {n}: unknown State" for n in range(2, 602)]
        raise error

    jobs.register("many", many, "Many")
    job = jobs.start("many", staff)
    jobs.run_queued()
    job.refresh_from_db()
    assert job.errors[:2] == ["row 2: unknown State", "row 3: unknown State"] and len(job.errors) == 501
    assert job.errors[-1] == "… and 100 more errors"


def test_a_running_job_shows_its_progress_and_keeps_polling(kinds, staff, client):
    job = jobs.start("fine", staff)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    caches["jobs"].set(f"job-{job.pk}", {"stage": "Reading the file", "done": 1200, "total": 30000, "lines": []})
    page = client.get(f"/jobs/{job.pk}/?status=1", HTTP_HX_REQUEST="true").content.decode()
    assert page.startswith('<div id="job-status"') and 'hx-trigger="every 2s"' in page
    assert "Reading the file" in page and "1200 of 30000" in page and 'value="1200"' in page


def test_a_job_nobody_takes_says_the_worker_is_missing(kinds, staff, client):
    job = jobs.start("fine", staff)
    assert "No worker has taken" not in client.get(f"/jobs/{job.pk}/").content.decode()
    Job.objects.filter(pk=job.pk).update(created_at=job.created_at - dt.timedelta(minutes=5))
    assert "No worker has taken" in client.get(f"/jobs/{job.pk}/").content.decode()


def test_only_staff_start_jobs_and_people_see_only_their_own(kinds, staff, client):
    other = get_user_model().objects.create_user("focal", password="x-very-long-passphrase")
    with pytest.raises(NotAllowedError):
        jobs.start("fine", other)
    job = jobs.start("fine", staff)
    client.force_login(other)
    assert client.post("/jobs/start/", {"kind": "fine"}).status_code == 403
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    assert "Count" not in client.get("/jobs/").content.decode()
    client.logout()
    assert client.get(f"/jobs/{job.pk}/").status_code == 302  # to the sign-in page


def test_only_startable_kinds_can_be_started_from_the_page(kinds, staff, client):
    assert client.post("/jobs/start/", {"kind": "broken"}).status_code == 404
    page = client.get("/jobs/").content.decode()
    assert 'value="fine"' in page and 'value="broken"' not in page
    assert 'value="train"' in page and 'value="vectors"' in page and 'value="tag"' in page


def test_a_job_interrupted_by_a_stop_is_marked_failed(kinds, staff):
    job = jobs.start("fine", staff)
    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING)
    assert jobs.fail_interrupted() == 1
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Interrupted" in job.errors[0]
    jobs.run_queued()  # its task finds it finished and does not run it again
    job.refresh_from_db()
    assert job.state == JobState.FAILED


def test_the_vectors_job_computes_what_is_missing(staff):
    from rightstrack.recommendations.tests.factories import RecommendationFactory
    from rightstrack.search.models import Embedding

    RecommendationFactory.create_batch(2)
    job = jobs.start("vectors", staff)
    jobs.run_queued()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.messages == ["meaning vectors: 2 computed"]
    assert Embedding.objects.count() == 2
