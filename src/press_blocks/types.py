"""Types of the API's JSON, for annotations: one ``TypedDict`` per schema of the OpenAPI document.

The methods return plain dicts; these types only tell mypy and editors which keys they hold.
They are generated into ``press_blocks_api.typed_dicts`` by ``codegen.sh`` and re-exported here.

    from press_blocks.types import Spec, UpdateSpecMetadataBody
"""

from typing import TypedDict

from press_blocks_api.typed_dicts import *  # noqa: F403
from press_blocks_api.typed_dicts import __all__ as _generated_all


class RelatedBlock(TypedDict):
    """One block of :meth:`~press_blocks.Block.get_related_block_details`: built by the client, None where unknown."""

    id: str | None
    resource_id: str | None
    kind: str | None
    name: str | None
    status: str | None


__all__ = [*_generated_all, "RelatedBlock"]  # noqa: PLE0604
