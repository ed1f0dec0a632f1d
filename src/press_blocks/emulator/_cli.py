"""``press-blocks emulator``: serve the emulator on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from types import FrameType
from typing import TextIO

from press_blocks.emulator._constants import (
    CONTROL_PREFIX,
    DEFAULT_HOST,
    DEFAULT_MAX_ARTIFACT_BYTES,
    DEFAULT_PORT,
    DEFAULT_USER,
)
from press_blocks.emulator._emulator import Emulator, is_loopback
from press_blocks.emulator._errors import SeedError
from press_blocks.emulator._faults import FaultRule, fault_config
from press_blocks.emulator._lifecycle import OUTCOMES, Transition
from press_blocks.emulator._wire import load_yaml

__all__ = ["cli_main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="press-blocks emulator",
        description="Serve a local, stateful emulator of the Press blocks API on loopback.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port to listen on; 0 picks a free one (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--host",
        default=DEFAULT_HOST,
        help=f"address to bind (default {DEFAULT_HOST}); beyond loopback, --token is required and also "
        "guards the control endpoints and the inspector",
    )
    parser.add_argument(
        "--allowed-host",
        action="append",
        dest="allowed_hosts",
        default=[],
        metavar="NAME",
        help="on loopback, also answer requests for this host name (repeatable; '*' for any), as when reached "
        "through a proxy or a forwarded port; by default only localhost, 127.0.0.1 and [::1] are answered, "
        "so that no web page can reach the emulator under another name",
    )
    parser.add_argument("--fixture", metavar="FILE", help="YAML or JSON fixture to seed at start")
    parser.add_argument(
        "--transition",
        default="immediate",
        type=_transition,
        help="when revisions settle: immediate, describes:N or seconds:T, optionally followed by ->OUTCOME, "
        f"the status they end in ({', '.join(OUTCOMES)}; default deployed); quote it for the shell: "
        "'describes:2->failed' (default immediate)",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the random source for rate-based faults")
    parser.add_argument("--faults", metavar="FILE", help="YAML or JSON file of fault rules: {rules: [...], seed: S}")
    parser.add_argument("--user", default=DEFAULT_USER, help=f"createdBy/updatedBy of new objects ({DEFAULT_USER})")
    parser.add_argument(
        "--token",
        action="append",
        dest="tokens",
        metavar="TOKEN",
        help="accept only this Authorization token (repeatable); by default any non-empty token is accepted",
    )
    parser.add_argument(
        "--max-artifact-bytes",
        type=int,
        default=DEFAULT_MAX_ARTIFACT_BYTES,
        help="largest compressed artifact accepted (default 10 MiB)",
    )
    record = parser.add_argument_group(
        "recording a tenant",
        "serve a proxy instead of the emulator: it forwards every request to the tenant, answers what the tenant "
        "answered, and on stop writes a fixture of what it saw (tokens and hidden values redacted)",
    )
    record.add_argument("--record-from", metavar="URL", help="the tenant's base URL (https://press.peak.ai, ...)")
    record.add_argument(
        "--record-to",
        metavar="FILE",
        help="the fixture to write (YAML; the exchanges go to FILE's name + .recording.json, for --fidelity)",
    )
    record.add_argument(
        "--record-writes",
        action="store_true",
        help="forward writes too (POST, PATCH, DELETE change the tenant); by default they are refused with a 403",
    )
    record.add_argument(
        "--fidelity",
        metavar="RECORDING",
        help="replay a recording's reads against the emulator seeded from it (or from --fixture), print how many "
        "answers matched per operation, and exit",
    )
    return parser


def _transition(text: str) -> Transition:
    # argparse reports a ValueError as "invalid value"; an ArgumentTypeError keeps our message.
    try:
        return Transition.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _fault_rules(path: str) -> tuple[list[FaultRule], int | None]:
    with open(path, encoding="utf-8") as fh:
        data = load_yaml(fh.read(), path)
    try:
        return fault_config(data)
    except ValueError as exc:
        raise ValueError(f"{path}: {exc}") from None


def cli_main(argv: Sequence[str], *, stdout: TextIO | None = None, stop: threading.Event | None = None) -> int:
    """Run ``press-blocks emulator [options]`` and return its exit status (0 after Ctrl-C or SIGTERM).

    ``stop`` ends serving when set (for embedding); otherwise it runs until interrupted.
    """
    out = stdout or sys.stdout
    args = _parser().parse_args(list(argv))
    if args.fidelity:
        return _fidelity(args, out)
    if args.record_from or args.record_to:
        return _record(args, out, stop)
    try:
        rules, file_seed = _fault_rules(args.faults) if args.faults else ([], None)
        emulator = Emulator(
            fixture=args.fixture,
            transition=args.transition,
            faults=rules,
            fault_seed=file_seed if file_seed is not None else args.seed,
            user=args.user,
            tokens=args.tokens,
            max_artifact_bytes=args.max_artifact_bytes,
            allowed_hosts=args.allowed_hosts,
        )
    except (OSError, ValueError, SeedError) as exc:
        print(f"press-blocks emulator: {exc}", file=sys.stderr)
        return 2
    protect = not is_loopback(args.host)
    if protect and not args.tokens:
        print(
            f"press-blocks emulator: --host {args.host} is not a loopback address; give --token TOKEN too, "
            "so that only its holders can use the API, the control endpoints and the inspector",
            file=sys.stderr,
        )
        return 2
    stop = stop or threading.Event()
    restore = _on_sigterm(stop)
    try:
        with emulator.serve(args.host, args.port) as server:
            print(f"Press blocks emulator listening on {server.base_url}", file=out)
            print(f"Inspector (open in a browser): {server.inspector_url}", file=out)
            if protect:
                print("  it asks for credentials: any user name, one of the --token values as the password", file=out)
            print("Point the client at it:", file=out)
            print(f"  export PRESS_BASE_URL={server.base_url}", file=out)
            print(f"  export PEAK_AUTH_TOKEN={'<one of the --token values>' if args.tokens else 'anything'}", file=out)
            print(
                f"Control endpoints under {server.base_url}{CONTROL_PREFIX}/ ; press Ctrl-C to stop.",
                file=out,
                flush=True,
            )
            try:
                while not stop.wait(0.5):
                    pass
            except KeyboardInterrupt:
                pass
    except OSError as exc:
        print(f"press-blocks emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    finally:
        restore()
    print("Press blocks emulator stopped.", file=out, flush=True)
    return 0


def _fidelity(args: argparse.Namespace, out: TextIO) -> int:
    from press_blocks.emulator._fidelity import fidelity, read_recording
    from press_blocks.emulator._fixtures import load_fixture

    try:
        exchanges = read_recording(args.fidelity)
        fixture = load_fixture(args.fixture) if args.fixture else None
        report = fidelity(exchanges, fixture)
    except (OSError, ValueError, SeedError) as exc:
        print(f"press-blocks emulator: {exc}", file=sys.stderr)
        return 2
    out.write(report.text())
    out.flush()
    return 0


def _record(args: argparse.Namespace, out: TextIO, stop: threading.Event | None) -> int:
    from press_blocks.emulator._contract import contract
    from press_blocks.emulator._recorder import RecorderApp, recording_path
    from press_blocks.emulator._server import ServerThread

    if not (args.record_from and args.record_to):
        print("press-blocks emulator: --record-from URL and --record-to FILE go together", file=sys.stderr)
        return 2
    if not args.record_from.startswith(("http://", "https://")):
        print(f"press-blocks emulator: --record-from must be an http(s) URL, not {args.record_from!r}", file=sys.stderr)
        return 2
    if not is_loopback(args.host):
        # The proxy forwards the caller's token: it listens where only this machine reaches it.
        print("press-blocks emulator: the recorder listens on loopback only (drop --host)", file=sys.stderr)
        return 2
    app = RecorderApp(contract(), args.record_from, allow_writes=args.record_writes)
    stop = stop or threading.Event()
    restore = _on_sigterm(stop)
    try:
        server = ServerThread(app, host=args.host, port=args.port)
        server.start(10.0)
    except OSError as exc:
        restore()
        print(f"press-blocks emulator: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    try:
        mode = "reads and writes" if args.record_writes else "reads only (writes get a 403; --record-writes)"
        print(f"Recording {args.record_from} through {server.base_url}: {mode}", file=out)
        print("Point the client at it:", file=out)
        print(f"  export PRESS_BASE_URL={server.base_url}", file=out)
        print(f"On Ctrl-C the fixture is written to {args.record_to}.", file=out, flush=True)
        try:
            while not stop.wait(0.5):
                pass
        except KeyboardInterrupt:
            pass
    finally:
        server.stop(10.0)
        app.close()
        restore()
    fixture, recording = app.save(args.record_to)
    print(f"Recorded {len(app.exchanges)} exchanges: fixture {fixture}, exchanges {recording}", file=out, flush=True)
    print(f"  press-blocks emulator --fixture {fixture}", file=out)
    print(f"  press-blocks emulator --fidelity {recording_path(fixture)}", file=out, flush=True)
    return 0


def _on_sigterm(stop: threading.Event) -> Callable[[], object]:
    # Signal handlers can only be installed from the main thread; elsewhere `stop` is the way out.
    if threading.current_thread() is not threading.main_thread():
        return lambda: None

    def handler(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, handler)
    return lambda: signal.signal(signal.SIGTERM, previous)
