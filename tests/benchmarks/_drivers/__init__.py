"""Driver scripts, each run by path in a fresh interpreter (peak-sdk's in ``.venv-peak``, ours in ``.venv``).

They use the standard library only (besides the client they drive), take their settings from
the command line and the ``BENCH_*``/``PRESS_BASE_URL``/``PEAK_AUTH_TOKEN`` environment, and
write one JSON result to ``--out``.
"""
