"""The block's own code: read its run parameters, then do the job.

Inside Press, PRESS_DEPLOYMENT_ID names the deployment and its parameters come from the API.
Outside Press (on your machine, in CI) that variable is unset and run-parameters.yaml is read
instead, so the same code runs everywhere. Building the client needs a token either way
(PEAK_AUTH_TOKEN; any value will do when only the file is read).
"""

from pathlib import Path

from press_blocks import get_client

FALLBACK = Path(__file__).parent / "run-parameters.yaml"

params = get_client().get_parameters(fallback_params_file=str(FALLBACK))
print(f"aggregating with {params['agg_type']} over {params['num_iterations']} iterations")
