"""Describe every deployment at once with the async client.

At most 10 requests are in flight: one AsyncBlock shares one connection pool,
and the semaphore bounds the concurrency.
"""

import asyncio

from press_blocks import get_async_client

IN_FLIGHT = 10


async def main() -> None:
    async with get_async_client() as client:
        # prefetch keeps up to 4 later pages in flight while the first are read.
        ids = [d["id"] async for d in client.list_deployments(prefetch=4)]
        gate = asyncio.Semaphore(IN_FLIGHT)

        async def describe(deployment_id: str) -> dict:
            async with gate:
                return await client.describe_deployment(deployment_id)

        deployments = await asyncio.gather(*(describe(i) for i in ids))
    for deployment in deployments:
        print(f"{deployment['metadata']['name']}: {deployment['latestRevision']['status']}")
    print(f"described {len(deployments)} deployments")


asyncio.run(main())
