"""A real `python -m game serve` on a free localhost port, for the HTTP and browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
START_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Served:
    def __init__(self, process: subprocess.Popen, port: int, log: Path):
        self.process = process
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.log = log

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def stop(self) -> int:
        """Ctrl+C, as a teacher stops it; the server must exit by itself, promptly."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
                raise AssertionError("serve did not stop within 15 s of Ctrl+C") from None
        return self.process.returncode


@pytest.fixture
def serve_args() -> list[str]:
    """More arguments for `serve`; a test parametrizes this name to give some."""
    return []


@pytest.fixture
def served(tmp_path, serve_args):
    pytest.importorskip("textual_serve", reason="serving needs the 'serve' extra (pip install -e '.[serve]')")
    port = free_port()
    log = tmp_path / "serve.log"
    env = dict(os.environ, SILICON_CURTAIN_SAVES=str(tmp_path / "saves"))
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "game", "serve", "--port", str(port), "--content", str(MINI), *serve_args],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    served = Served(process, port, log)
    deadline = time.monotonic() + START_SECONDS
    try:
        while True:
            if process.poll() is not None:
                raise AssertionError(f"serve exited with {process.returncode}:\n{served.output()}")
            try:
                urllib.request.urlopen(served.url, timeout=2).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"serve did not answer within {START_SECONDS} s:\n{served.output()}") from None
                time.sleep(0.1)
        yield served
    finally:
        served.stop()
