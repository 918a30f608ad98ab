"""The RQ backend against a real redis-server on loopback (skipped where Debian's redis-server is absent)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from coachlens.config import Settings
from coachlens.errors import ConfigError
from coachlens.jobs import RQJobQueue, configure_worker, make_job_queue, run_worker
from coachlens.storage import create_session_from_upload, get_session, upgrade_database

REDIS = shutil.which("redis-server")
pytestmark = pytest.mark.skipif(REDIS is None, reason="redis-server is not installed (.ci/run installs it)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redis_url(tmp_path: Path) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [
            str(REDIS),
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(tmp_path),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):  # bounded wait for the server to accept connections
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_rq_backend_runs_the_job_in_a_worker(
    redis_url: str, tmp_path: Path, tiny_transcript: bytes, fake_assessor: Any
) -> None:
    settings = Settings(data_dir=tmp_path / "school", job_backend="rq", redis_url=redis_url, rq_queue="test")
    db = upgrade_database(settings)
    queue = make_job_queue(settings, db)
    assert isinstance(queue, RQJobQueue)
    queue.start()
    record = create_session_from_upload(db, settings, content=tiny_transcript, filename="s.txt")
    queue.enqueue(record.id)
    assert get_session(db, record.id).status == "queued"
    queue.stop()

    # What `coachlens worker --burst` does, in this process so the fake engine can be used.
    configure_worker(db, fake_assessor)
    run_worker(settings, burst=True)
    done = get_session(db, record.id)
    assert done.status == "done"
    assert done.assessment is not None and done.assessment["schema"] == "coachlens.assessment/1"
    db.dispose()


def test_unreachable_redis_is_a_clear_config_error(tmp_path: Path) -> None:
    settings = Settings(
        data_dir=tmp_path / "x", job_backend="rq", redis_url=f"redis://127.0.0.1:{free_port()}/0"
    )
    with pytest.raises(ConfigError) as info:
        RQJobQueue(settings).start()
    assert "COACHLENS_REDIS_URL" in str(info.value) and "inprocess" in str(info.value)


def test_coachlens_worker_process_assesses_with_the_real_engine(
    redis_url: str, tmp_path: Path, tiny_transcript: bytes
) -> None:
    settings = Settings(data_dir=tmp_path / "school", job_backend="rq", redis_url=redis_url, rq_queue="proc")
    db = upgrade_database(settings)
    record = create_session_from_upload(db, settings, content=tiny_transcript, filename="s.txt")
    queue = RQJobQueue(settings)
    queue.enqueue(record.id)
    queue.stop()
    env = {
        **os.environ,
        "COACHLENS_DATA_DIR": str(tmp_path / "school"),
        "COACHLENS_CONFIG_FILE": str(tmp_path / "none.toml"),
        "COACHLENS_JOB_BACKEND": "rq",
        "COACHLENS_REDIS_URL": redis_url,
        "COACHLENS_RQ_QUEUE": "proc",
    }
    worker = subprocess.run(
        [sys.executable, "-m", "coachlens.cli", "worker", "--burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert worker.returncode == 0, worker.stderr[-2000:]
    assert "coachlens worker: queue 'proc'" in worker.stdout
    done = get_session(db, record.id)
    assert done.status == "done", done.error
    assert done.assessment is not None and len(done.assessment["turns"]) == 4
    db.dispose()
