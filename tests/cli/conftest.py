from tests.cli._run import cli, emulator_server

__all__ = ["cli", "emulator_server"]
