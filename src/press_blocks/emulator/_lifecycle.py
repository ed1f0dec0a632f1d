"""How a deployment revision moves from ``deploying`` to its outcome (moto-style transitions).

The outcome is ``deployed`` unless the transition names another settled status of the
contract's ``DeploymentStatus`` (``describes:2->failed``), so clients can meet a failure or a
warning for real.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal, get_args

__all__ = ["OUTCOMES", "Outcome", "Transition"]

TransitionMode = Literal["immediate", "describes", "seconds"]

Outcome = Literal[
    "deployed", "warning", "failed", "platform_resource_error", "rollback", "rollback_complete", "rollback_failed"
]
#: The statuses a revision's deployment can end in: every settled DeploymentStatus of the contract
#: except the deletion ones (the emulator deletes at once). ``deployed`` is the default.
OUTCOMES: Final[tuple[Outcome, ...]] = get_args(Outcome)

# A deployment in `warning` runs, with a problem: its revision deployed (RevisionStatus has no `warning`).
_RUNNING: Final = frozenset({"deployed", "warning"})
_ARROW: Final = "->"
_FORMS: Final = (
    "use immediate, describes:N (N describes, a whole number) or seconds:T (T seconds), optionally followed by "
    f"->OUTCOME, the status the revision ends in: {', '.join(OUTCOMES)} (default deployed); "
    "e.g. describes:2->failed"
)


@dataclass(frozen=True)
class Transition:
    """When a new revision settles, and how: ``immediate``, after ``describes:N`` or ``seconds:T``, then ``outcome``.

    * ``immediate``: the revision has settled by the time anyone looks.
    * ``describes:N``: the first ``N`` describes of the deployment (``describeDeployment`` or
      ``describeDeploymentRevision``) still report ``deploying``; the next one reports the outcome.
    * ``seconds:T``: ``deploying`` until ``T`` seconds after the revision was created.

    ``outcome`` (one of :data:`OUTCOMES`, written ``describes:2->failed``) is the deployment's
    status once settled; the revision's is the same, except that a ``warning`` deployment's
    revision is ``deployed``. A revision keeps the transition in force when it was created.
    """

    mode: TransitionMode = "immediate"
    value: float = 0
    outcome: Outcome = "deployed"

    def __post_init__(self) -> None:
        if self.mode not in ("immediate", "describes", "seconds"):
            raise ValueError(f"unknown transition mode {self.mode!r}; use immediate, describes or seconds")
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError("a transition's value must be a finite number >= 0")
        if self.mode == "describes" and self.value != int(self.value):
            raise ValueError("describes:N needs a whole number of describes")
        if self.outcome not in OUTCOMES:
            raise ValueError(f"unknown outcome {self.outcome!r}; use one of {', '.join(OUTCOMES)}")

    @classmethod
    def immediate(cls, *, outcome: Outcome = "deployed") -> Transition:
        """Return the transition that settles at once, in ``outcome``."""
        return cls("immediate", 0, outcome)

    @classmethod
    def after_describes(cls, count: int, *, outcome: Outcome = "deployed") -> Transition:
        """Return the transition that settles in ``outcome`` on the describe after ``count`` describes."""
        return cls("describes", count, outcome)

    @classmethod
    def after_seconds(cls, seconds: float, *, outcome: Outcome = "deployed") -> Transition:
        """Return the transition that settles in ``outcome`` ``seconds`` after the revision was created."""
        return cls("seconds", seconds, outcome)

    @classmethod
    def parse(cls, text: str | Transition) -> Transition:
        """Parse ``immediate``, ``describes:N`` or ``seconds:T``, each optionally ``->OUTCOME``; else ``ValueError``."""
        if isinstance(text, Transition):
            return text
        timing, arrow, outcome_text = text.strip().partition(_ARROW)
        outcome = outcome_text.strip() if arrow else "deployed"
        if outcome not in OUTCOMES:
            why = "no outcome after ->" if not outcome else f"{outcome!r} is not an outcome"
            raise ValueError(f"bad transition {text!r}: {why}; {_FORMS}")
        mode, _, arg = timing.strip().partition(":")
        if mode == "immediate" and not arg:
            return cls.immediate(outcome=outcome)
        if mode in ("describes", "seconds") and arg:
            try:
                number = float(arg) if mode == "seconds" else int(arg)
            except ValueError:
                hint = ""
                if arg.endswith("-") and not arrow:
                    # `--transition describes:2->failed` unquoted: the shell took `>failed` as a redirection.
                    hint = f" (in a shell, quote it, e.g. --transition '{timing}>failed': an unquoted > redirects)"
                raise ValueError(f"bad transition {text!r}: {arg!r} is not a number{hint}; {_FORMS}") from None
            try:
                return cls(mode, number, outcome)  # type: ignore[arg-type]
            except ValueError as exc:
                raise ValueError(f"bad transition {text!r}: {exc}; {_FORMS}") from None
        raise ValueError(f"bad transition {text!r}; {_FORMS}")

    def __str__(self) -> str:
        if self.mode == "immediate":
            timing = "immediate"
        elif self.mode == "describes":
            timing = f"describes:{int(self.value)}"
        else:
            timing = f"seconds:{self.value:g}"
        return timing if self.outcome == "deployed" else f"{timing}{_ARROW}{self.outcome}"

    @property
    def deployment_status(self) -> str:
        """The status of a deployment whose latest revision settled under this transition."""
        return self.outcome

    @property
    def revision_status(self) -> str:
        """The status of the revision once settled: the outcome, or ``deployed`` when the outcome is ``warning``."""
        return "deployed" if self.outcome in _RUNNING else self.outcome

    def done(self, *, elapsed: float, describes: int) -> bool:
        """Return whether a revision created ``elapsed`` seconds ago and described ``describes`` times has settled."""
        if self.mode == "immediate":
            return True
        if self.mode == "describes":
            return describes > self.value
        return elapsed >= self.value
