"""The limits ``tca-tui serve`` holds a client to, without a server: options and arithmetic."""

from __future__ import annotations

import pytest

from tui.cli.commands import build_parser
from tui.ssh import limits as serve_limits
from tui.ssh.limits import KIB, ClientInput, InputBucket, PendingLogins, ServeLimits


def serve_args(*extra: str):
    return build_parser().parse_args(["serve", *extra])


def test_the_limits_are_options_with_the_documented_defaults():
    assert serve_limits.limits_from_arguments(serve_args()) == ServeLimits()
    chosen = serve_limits.limits_from_arguments(
        serve_args(
            "--max-window",
            "300x100",
            "--input-rate",
            "8",
            "--input-burst",
            "64",
            "--login-timeout",
            "5",
            "--max-pending-logins",
            "4",
            "--max-pending-logins-per-address",
            "2",
            "--max-sessions-per-address",
            "1",
        )
    )
    assert chosen == ServeLimits(300, 100, 8 * KIB, 64 * KIB, 5, 4, 2, 1)


@pytest.mark.parametrize(
    "option",
    [
        ["--max-window", "wide"],
        ["--max-window", "0x10"],
        ["--max-window", "70000x10"],
        ["--input-rate", "0"],
        ["--login-timeout", "-1"],
    ],
)
def test_a_bad_limit_is_a_usage_error(option: list[str], capsys: pytest.CaptureFixture[str]):
    with pytest.raises(SystemExit) as exit_:
        serve_args(*option)
    assert exit_.value.code == 2
    assert option[0] in capsys.readouterr().err


def test_the_input_bucket_allows_a_burst_then_the_rate(monkeypatch: pytest.MonkeyPatch):
    now = [100.0]
    monkeypatch.setattr(serve_limits.time, "monotonic", lambda: now[0])
    bucket = InputBucket(rate=1000, burst=5000)
    assert bucket.take(5000)  # a paste as large as the burst
    assert not bucket.take(1)
    now[0] += 2  # two seconds at 1000 a second
    assert bucket.take(1000)
    now[0] += 1000  # a long pause refills no more than the burst
    assert bucket.take(5000) and not bucket.take(1)


def test_client_input_is_utf8_whatever_the_packets():
    cleaned = ClientInput()
    parts = [b"caf\xc3", b"\xa9 \xff", b"\x1b[4", b"8;100000;100000;0;0t", b"\x1b"]
    text = b"".join(cleaned.clean(part) for part in parts).decode("utf-8")
    assert text.startswith("café \ufffd")
    assert "\x1b[48;" not in text and text.endswith("\x1b")  # an Escape key goes at once


def test_pending_logins_are_counted_per_address_and_in_all():
    pending = PendingLogins(limit=3, per_address=2)
    assert pending.admit("10.0.0.1") == pending.admit("10.0.0.1") == ""
    assert "10.0.0.1" in pending.admit("10.0.0.1")
    assert pending.admit("10.0.0.2") == ""
    assert "busy" in pending.admit("10.0.0.3")
    pending.done("10.0.0.1")
    assert pending.admit("10.0.0.3") == ""
