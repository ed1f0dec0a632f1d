"""How a deployment revision moves from ``deploying`` to ``deployed`` (moto-style transitions)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

__all__ = ["Transition"]

TransitionMode = Literal["immediate", "describes", "seconds"]
_FORMS = "use immediate, describes:N (N describes, a whole number) or seconds:T (T seconds)"


@dataclass(frozen=True)
class Transition:
    """When a new revision turns ``deployed``: ``immediate``, after ``describes:N`` or after ``seconds:T``.

    * ``immediate``: the revision is ``deployed`` by the time anyone looks.
    * ``describes:N``: the first ``N`` describes of the deployment (``describeDeployment`` or
      ``describeDeploymentRevision``) still report ``deploying``; the next one reports ``deployed``.
    * ``seconds:T``: ``deploying`` until ``T`` seconds after the revision was created.

    A revision keeps the transition in force when it was created.
    """

    mode: TransitionMode = "immediate"
    value: float = 0

    def __post_init__(self) -> None:
        if self.mode not in ("immediate", "describes", "seconds"):
            raise ValueError(f"unknown transition mode {self.mode!r}; use immediate, describes or seconds")
        if not math.isfinite(self.value) or self.value < 0:
            raise ValueError("a transition's value must be a finite number >= 0")
        if self.mode == "describes" and self.value != int(self.value):
            raise ValueError("describes:N needs a whole number of describes")

    @classmethod
    def immediate(cls) -> Transition:
        """Return the transition that deploys at once."""
        return cls("immediate", 0)

    @classmethod
    def after_describes(cls, count: int) -> Transition:
        """Return the transition that deploys on the describe after ``count`` describes."""
        return cls("describes", count)

    @classmethod
    def after_seconds(cls, seconds: float) -> Transition:
        """Return the transition that deploys ``seconds`` after the revision was created."""
        return cls("seconds", seconds)

    @classmethod
    def parse(cls, text: str | Transition) -> Transition:
        """Parse ``immediate``, ``describes:N`` or ``seconds:T``; raise ``ValueError`` otherwise."""
        if isinstance(text, Transition):
            return text
        mode, _, arg = text.strip().partition(":")
        if mode == "immediate" and not arg:
            return cls.immediate()
        if mode in ("describes", "seconds") and arg:
            try:
                number = float(arg) if mode == "seconds" else int(arg)
            except ValueError:
                raise ValueError(f"bad transition {text!r}: {arg!r} is not a number; {_FORMS}") from None
            try:
                return cls(mode, number)  # type: ignore[arg-type]
            except ValueError as exc:
                raise ValueError(f"bad transition {text!r}: {exc}; {_FORMS}") from None
        raise ValueError(f"bad transition {text!r}; {_FORMS}")

    def __str__(self) -> str:
        if self.mode == "immediate":
            return "immediate"
        if self.mode == "describes":
            return f"describes:{int(self.value)}"
        return f"seconds:{self.value:g}"

    def done(self, *, elapsed: float, describes: int) -> bool:
        """Return whether a revision created ``elapsed`` seconds ago and described ``describes`` times is deployed."""
        if self.mode == "immediate":
            return True
        if self.mode == "describes":
            return describes > self.value
        return elapsed >= self.value
