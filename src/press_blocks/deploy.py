"""Deploy as code: plan and apply a block's spec and deployments from request files or mappings.

``plan(client, source)`` reads what the service has and returns a :class:`Plan` of what would
change, field by field; ``apply(client, plan_or_source)`` makes the service match it. The same
for ``AsyncBlock`` as ``aplan``/``aapply``. See the "Deploy as code" page of the documentation.
"""

from __future__ import annotations

from press_blocks._async.deploy import aapply, aplan
from press_blocks._deploy import (
    ApplyResult,
    FieldChange,
    NotCompared,
    Plan,
    ResourcePlan,
    Source,
    is_plan_file,
    read_plan_file,
)
from press_blocks._sync.deploy import apply, plan
from press_blocks.errors import DeployError, DeployRefusedError, PlanStaleError

__all__ = [
    "ApplyResult",
    "DeployError",
    "DeployRefusedError",
    "FieldChange",
    "NotCompared",
    "Plan",
    "PlanStaleError",
    "ResourcePlan",
    "Source",
    "aapply",
    "aplan",
    "apply",
    "is_plan_file",
    "plan",
    "read_plan_file",
]
