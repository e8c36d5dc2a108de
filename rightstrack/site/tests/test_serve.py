import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str) -> tuple[int, str]:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.status, response.read().decode()


def test_serve_answers_pages_and_static_files(tmp_path):
    # Its own SQLite database in tmp_path, whatever database the suite runs on.
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RIGHTSTRACK_HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "rightstrack"]
    refused = subprocess.run([*cli, "serve"], env=env, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "run `rightstrack init` first" in refused.stderr
    subprocess.run([*cli, "init"], env=env, check=True, capture_output=True, timeout=120)
    port = _free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                status, body = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(
                        "server did not answer: " + server.stderr.read().decode()
                        if server.poll() is not None
                        else "timeout"
                    )
                time.sleep(0.3)
        assert status == 200 and "rightstrack" in body
        assert _get(f"http://127.0.0.1:{port}/static/rightstrack/app.css")[0] == 200
        # htmx comes inside a Python package, served by us: no CDN, works offline.
        script = re.search(r'<script src="(/static/[^"]*htmx[^"]*)"', body).group(1)
        assert _get(f"http://127.0.0.1:{port}{script}")[0] == 200
        # serve started the background worker: a queued job runs without anything else.
        queue = (
            "from rightstrack.core import jobs; from rightstrack.recommendations.tests.factories import "
            "RecommendationFactory as F; F(); print(jobs.start('vectors', None).pk)"
        )
        job = (
            subprocess.run(
                [*cli, "shell", "-c", queue], env=env, check=True, capture_output=True, text=True, timeout=60
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        state = f"from rightstrack.core.models import Job; print(Job.objects.get(pk={job}).state)"
        deadline = time.monotonic() + 90
        while (
            found := subprocess.run([*cli, "shell", "-c", state], env=env, capture_output=True, text=True, timeout=60)
            .stdout.strip()
            .splitlines()[-1]
        ) != "done":
            assert found in ("queued", "running") and time.monotonic() < deadline, found
            time.sleep(1)
        workers = _children(server.pid)
        assert workers, "serve started no worker"
    finally:
        server.terminate()
        server.wait(timeout=40)
    # Stopping the server stops its worker: none is left behind.
    _gone(workers, "the worker outlived the server")


def _gone(pids: list[int], message: str) -> None:
    """Wait up to 40 s for the processes ``pids`` to end."""
    deadline = time.monotonic() + 40
    while any(Path(f"/proc/{pid}").exists() for pid in pids):
        assert time.monotonic() < deadline, message
        time.sleep(0.5)


def _children(pid: int) -> list[int]:
    return [
        int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()
    ]


def test_a_worker_whose_server_is_gone_stops(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if k != "DATABASE_URL"}, "RIGHTSTRACK_HOME": str(tmp_path)}
    cli = [sys.executable, "-m", "rightstrack"]
    subprocess.run([*cli, "migrate"], env=env, check=True, capture_output=True, timeout=120)  # tables only
    # Its "server" is a process that is not its parent: as if the parent had been killed.
    worker = subprocess.run([*cli, "worker", "--parent", "1"], env=env, capture_output=True, text=True, timeout=60)
    assert worker.returncode == 0 and "waiting for jobs" in worker.stderr


@pytest.mark.parametrize("processes", ["1", "2"])
def test_behind_a_trusted_https_proxy_pages_answer_with_hsts_and_logins_are_accepted(tmp_path, processes):
    """Production behind a reverse proxy that terminates TLS: the proxy's
    X-Forwarded-Proto reaches Django (waitress once dropped it: a redirect loop), HSTS is
    sent, and the site's own origin is trusted for the login form. The deployment check
    passes in this set-up. Alike with one process (waitress) and with two (gunicorn)."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "RIGHTSTRACK_HOME": str(tmp_path),
        "RIGHTSTRACK_ENV": "production",
        "RIGHTSTRACK_TRUSTED_PROXY": "127.0.0.1",
        "RIGHTSTRACK_SITE_URL": "https://nmrf.example.org",
    }
    cli = [sys.executable, "-m", "rightstrack"]
    subprocess.run([*cli, "init", "--no-static"], env=env, check=True, capture_output=True, timeout=120)
    deploy = subprocess.run(
        [*cli, "check", "--deploy", "--fail-level", "WARNING"], env=env, capture_output=True, text=True, timeout=120
    )
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr
    port = _free_port()
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--no-worker", "--processes", processes],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                proxied = opener.open(
                    urllib.request.Request(
                        f"http://127.0.0.1:{port}/accounts/login/",
                        headers={"X-Forwarded-Proto": "https", "Host": "nmrf.example.org"},
                    ),
                    timeout=5,
                )
                break
            except urllib.error.HTTPError as error:
                proxied = error
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(server.stderr.read().decode() if server.poll() is not None else "timeout")
                time.sleep(0.3)
        assert proxied.status == 200, proxied.status
        assert "max-age=31536000" in proxied.headers["Strict-Transport-Security"]
        assert "Secure" in proxied.headers["Set-Cookie"]
        # A request that did not come over https (no forwarded header) is sent there.
        try:
            plain = opener.open(
                urllib.request.Request(
                    f"http://127.0.0.1:{port}/accounts/login/", headers={"Host": "nmrf.example.org"}
                ),
                timeout=5,
            )
        except urllib.error.HTTPError as error:
            plain = error
        assert plain.status == 301 and plain.headers["Location"] == "https://nmrf.example.org/accounts/login/"
    finally:
        server.terminate()
        server.wait(timeout=30)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_for(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                pytest.fail(server.stderr.read().decode() if server.poll() is not None else "timeout")
            time.sleep(0.3)


def _raw(port: int, request: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request)
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    return answer


def test_several_processes_share_the_rate_trust_only_the_proxy_and_refuse_bodies_without_a_length(tmp_path):
    """``serve --processes 2``: every request on a connection of its own, so the two
    processes share them; the anonymous API rate still counts each address once, even
    for requests at the same moment (the counts are shared, and counted under a lock);
    an address a client writes in X-Forwarded-For counts only from the trusted proxy;
    a chunked body (no Content-Length for the size check) is a 411.
    Stopping the server stops both processes."""
    env = {
        **{k: v for k, v in os.environ.items() if k != "DATABASE_URL"},
        "RIGHTSTRACK_HOME": str(tmp_path),
        "RIGHTSTRACK_API_ANONYMOUS_RATE": "6/m",
        "RIGHTSTRACK_TRUSTED_PROXY": "10.9.9.9",
    }
    cli = [sys.executable, "-m", "rightstrack"]
    subprocess.run([*cli, "init", "--no-static"], env=env, check=True, capture_output=True, timeout=120)
    port, processes = _free_port(), []
    server = subprocess.Popen(
        [*cli, "serve", "--port", str(port), "--no-worker", "--processes", "2"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(port, server)
        deadline = time.monotonic() + 30
        while len(processes := _children(server.pid)) < 2:  # forked once the socket is open
            assert time.monotonic() < deadline, processes
            time.sleep(0.2)
        assert len(processes) == 2, processes

        def status(n: int) -> int:
            # A different X-Forwarded-For each time: from an untrusted peer it is dropped.
            answer = _raw(
                port,
                f"GET /api/mechanisms HTTP/1.1\r\nHost: localhost\r\nX-Forwarded-For: 10.0.0.{n}\r\n"
                "Connection: close\r\n\r\n".encode(),
            )
            return int(answer.split(b" ", 2)[1])

        # Twenty at once, from ten threads: the counts are shared and none is lost.
        with ThreadPoolExecutor(10) as pool:
            statuses = list(pool.map(status, range(20)))
        assert sorted(statuses) == [200] * 6 + [429] * 14, statuses
        chunked = _raw(
            port,
            b"POST /api/comments HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            b"Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n2\r\n{}\r\n0\r\n\r\n",
        )
        assert chunked.startswith(b"HTTP/1.1 411"), chunked[:200]
    finally:
        server.terminate()
        server.wait(timeout=40)
    _gone(processes, "a server process outlived the server")
