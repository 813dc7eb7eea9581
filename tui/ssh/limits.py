"""What ``tca-tui serve`` allows a client, so that no client can harm the server or others.

Kept apart from the SSH code (no asyncssh here) so the command line can offer the
limits as options without importing the server.
"""

from __future__ import annotations

import argparse
import codecs
import re
import time
from collections import Counter
from dataclasses import dataclass, field

KIB = 1024
# The kernel's window size fields are 16-bit; a client may ask for anything up to 2**32-1.
PIXELS_MAX = 65535


@dataclass(frozen=True)
class ServeLimits:
    max_columns: int = 500  # wider or taller windows are drawn at this size
    max_rows: int = 200
    input_rate: int = 32 * KIB  # bytes a second of keys, sustained
    input_burst: int = 256 * KIB  # bytes at once (a paste); past rate and burst: session ends
    login_timeout: float = 30  # seconds to finish logging in
    max_pending_logins: int = 32  # connections not yet logged in, from anywhere
    max_pending_logins_per_address: int = 8
    max_sessions_per_address: int = 4
    output_backlog: int = 256 * KIB  # output held for a client that reads no more


def clamp_window(
    limits: ServeLimits, columns: int, rows: int, pixel_width: int = 0, pixel_height: int = 0
) -> tuple[int, int, int, int]:
    """A window size the app can draw: at least 1x1, at most the limit, pixels in range."""
    return (
        min(max(columns, 1), limits.max_columns),
        min(max(rows, 1), limits.max_rows),
        min(max(pixel_width, 0), PIXELS_MAX),
        min(max(pixel_height, 0), PIXELS_MAX),
    )


@dataclass
class InputBucket:
    """A token bucket on a session's bytes in: ``burst`` at once, ``rate`` a second after."""

    rate: float
    burst: float
    tokens: float = field(init=False)
    refilled: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = self.burst
        self.refilled = time.monotonic()

    def take(self, size: int) -> bool:
        """Whether ``size`` more bytes are within the limit (they are counted either way)."""
        now = time.monotonic()
        elapsed = max(now - self.refilled, 0.0)
        self.tokens = min(self.burst, self.tokens + elapsed * self.rate)
        self.refilled = now
        self.tokens -= size
        return self.tokens >= 0


# A terminal's answer to "do you report your size in-band?" (DECRQM 2048) and the reports
# themselves. Textual believes any such report, whatever the pty says: a client could
# make its reader draw 100000x100000. Without the ";" neither is recognised, so the app
# keeps to the pty's size, which the server clamps.
_SIZE_REPORT = re.compile(r"(\x1b\[(?:\?20)?48);")
_SIZE_REPORT_PREFIX = len("\x1b[?2048")


class ClientInput:
    """A client's bytes as the app may take them: well-formed UTF-8, no size reports.

    Textual decodes its terminal strictly: one byte that is not UTF-8 would end the
    reader's input for good. Such bytes become U+FFFD; a character split between two
    packets is kept whole. Nothing is held back (an Escape key press goes at once).
    """

    def __init__(self) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")("replace")
        self._tail = ""  # the end of what was passed on, for a report split across packets

    def clean(self, data: bytes) -> bytes:
        text = self._decoder.decode(data)
        if "\x1b" in text or "\x1b" in self._tail:
            text = _SIZE_REPORT.sub(r"\1", self._tail + text)[len(self._tail) :]
        self._tail = (self._tail + text)[-_SIZE_REPORT_PREFIX:]
        return text.encode("utf-8")


@dataclass
class PendingLogins:
    """Connections that have not logged in yet, counted in all and per address."""

    limit: int
    per_address: int
    by_address: Counter[str] = field(default_factory=Counter)

    def admit(self, address: str) -> str:
        """ "" when the connection may go on; otherwise why not, to tell the client."""
        if self.by_address[address] >= self.per_address:
            return (
                f"too many connections from {address} are logging in at once "
                f"(at most {self.per_address}); try again shortly"
            )
        if sum(self.by_address.values()) >= self.limit:
            return "the server is busy with other logins; try again shortly"
        self.by_address[address] += 1
        return ""

    def done(self, address: str) -> None:
        self.by_address[address] -= 1
        if self.by_address[address] <= 0:
            del self.by_address[address]


def _positive(kind: type[int] | type[float]):
    def parse(text: str) -> int | float:
        value = kind(text)
        if value <= 0:
            raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
        return value

    parse.__name__ = kind.__name__
    return parse


def _window(text: str) -> tuple[int, int]:
    columns, _, rows = text.lower().partition("x")
    try:
        size = int(columns), int(rows)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected COLUMNSxROWS, like 500x200, not {text}"
        ) from None
    if min(size) < 1 or max(size) > 10000:
        raise argparse.ArgumentTypeError(f"{text}: each side must be 1 to 10000")
    return size


def add_limit_arguments(parser: argparse.ArgumentParser) -> None:
    """The limits as ``tca-tui serve`` options; see limits_from_arguments."""
    d = ServeLimits()
    group = parser.add_argument_group("limits on what one client may do")
    group.add_argument(
        "--max-window",
        type=_window,
        metavar="COLSxROWS",
        default=(d.max_columns, d.max_rows),
        help=f"larger windows are drawn at this size (default {d.max_columns}x{d.max_rows})",
    )
    group.add_argument(
        "--input-rate",
        type=_positive(int),
        metavar="KIB",
        default=d.input_rate // KIB,
        help=f"KiB a second of keys a session may send, sustained (default {d.input_rate // KIB})",
    )
    group.add_argument(
        "--input-burst",
        type=_positive(int),
        metavar="KIB",
        default=d.input_burst // KIB,
        help="KiB a session may send at once, as a paste; more than rate and "
        f"burst allow ends the session (default {d.input_burst // KIB})",
    )
    group.add_argument(
        "--login-timeout",
        type=_positive(float),
        metavar="SECONDS",
        default=d.login_timeout,
        help=f"time to finish logging in (default {d.login_timeout:g})",
    )
    group.add_argument(
        "--max-pending-logins",
        type=_positive(int),
        metavar="N",
        default=d.max_pending_logins,
        help="connections logging in at once, from anywhere; more are "
        f"turned away (default {d.max_pending_logins})",
    )
    group.add_argument(
        "--max-pending-logins-per-address",
        type=_positive(int),
        metavar="N",
        default=d.max_pending_logins_per_address,
        help=f"the same, from one address (default {d.max_pending_logins_per_address})",
    )
    group.add_argument(
        "--max-sessions-per-address",
        type=_positive(int),
        metavar="N",
        default=d.max_sessions_per_address,
        help=f"reader sessions at once from one address (default {d.max_sessions_per_address})",
    )


def limits_from_arguments(args: argparse.Namespace) -> ServeLimits:
    columns, rows = args.max_window
    return ServeLimits(
        max_columns=columns,
        max_rows=rows,
        input_rate=args.input_rate * KIB,
        input_burst=args.input_burst * KIB,
        login_timeout=args.login_timeout,
        max_pending_logins=args.max_pending_logins,
        max_pending_logins_per_address=args.max_pending_logins_per_address,
        max_sessions_per_address=args.max_sessions_per_address,
    )
