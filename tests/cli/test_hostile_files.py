"""Files and templates on the command line (issue 22): each hostile input is a usage error naming it, fast.

Before: a billion laughs ran for minutes at 1.5 GB, ``{% include '/abs/path' %}`` read any file,
``{{ 'x' * 3000000000 }}`` and nested ranges ended as exit 1 after gigabytes, a Latin-1 file,
100,000 nested ``[``, a FIFO or ``/dev/zero`` exited 1 or hung, and a server's escape sequences
reached the terminal. In-process (``main(argv)``) and bounded by a tight timeout.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from press_blocks import _constants
from press_blocks._cli._errors import UsageError, error_line, printable
from press_blocks._cli._files import SHAPES, read_request_documents, read_request_file
from press_blocks._cli._main import main
from press_blocks._cli._output import TABLES, format_result
from press_blocks.errors import InvalidFallbackFileError, NotFoundException
from press_blocks.parameters import load_parameters_file

pytestmark = [pytest.mark.timeout(30)]

BOMB = "a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + previous] * 9)}]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)


def write(path: Path, text: str | bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return str(path)


def read(path: str, **kwargs: object) -> dict[str, object]:
    return read_request_file(path, SHAPES["deployments patch-parameters"], command="x", **kwargs).arguments  # type: ignore[arg-type]


def run(*argv: str) -> int:
    return main(["deployments", "patch-parameters", "d", *argv, "--dry-run"])


@pytest.fixture(autouse=True)
def _environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEAK_AUTH_TOKEN", "hostile-files-token")
    monkeypatch.setenv("PRESS_BASE_URL", "http://127.0.0.1:9")
    monkeypatch.delenv(_constants.INCLUDE_PATH_VARIABLE, raising=False)


class TestAliasBombs:
    def test_a_billion_laughs_request_file_is_refused_at_once(self, tmp_path: Path) -> None:
        file = write(tmp_path / "bomb.yaml", "body:\n  " + BOMB.replace("\n", "\n  "))
        started = time.monotonic()
        with pytest.raises(UsageError, match=r"bomb\.yaml uses aliases .* expand it by over 100,000 values"):
            read(file)
        assert time.monotonic() - started < 2

    def test_in_a_params_file_too(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        params = write(tmp_path / "params.yaml", BOMB)
        file = write(tmp_path / "f.yaml", "body: {v: '{{ i }}'}\n")
        assert run(file, "-v", params) == 2
        assert "params.yaml uses aliases" in capsys.readouterr().err

    def test_an_alias_that_contains_itself_is_refused(self, tmp_path: Path) -> None:
        with pytest.raises(UsageError, match="refer to themselves"):
            read(write(tmp_path / "loop.yaml", "body: &b {again: *b}\n"))

    def test_ordinary_anchors_still_work(self, tmp_path: Path) -> None:
        file = write(tmp_path / "ok.yaml", "body:\n  a: &x {k: 1}\n  b: *x\n")
        assert read(file)["body"] == {"a": {"k": 1}, "b": {"k": 1}}

    def test_a_later_document_of_a_deploy_file_is_bounded_too(self, tmp_path: Path) -> None:
        # Deploy as code reads every ---separated document of a file: each gets the same bound.
        file = write(tmp_path / "block.yaml", "body: {metadata: {name: b}}\n---\n" + BOMB)
        with pytest.raises(UsageError, match=r"block\.yaml uses aliases"):
            read_request_documents(file, {})

    def test_the_librarys_fallback_files_bound_them_too(self, tmp_path: Path) -> None:
        with pytest.raises(InvalidFallbackFileError, match="uses aliases"):
            load_parameters_file(write(tmp_path / "fallback.yaml", BOMB))


class TestIncludes:
    @pytest.mark.parametrize("target", ["{secret}", "../outside/secret.txt", "sub/../../outside/secret.txt"])
    def test_an_include_outside_the_top_files_directory_is_refused(self, tmp_path: Path, target: str) -> None:
        secret = write(tmp_path / "outside" / "secret.txt", "s3cret")
        file = write(
            tmp_path / "blocks" / "f.yaml", "body:\n  v: {% include '" + target.format(secret=secret) + "' %}\n"
        )
        with pytest.raises(UsageError, match=r"f\.yaml:2: not allowed in a request file: .*outside") as caught:
            read(file)
        assert "s3cret" not in str(caught.value)

    def test_a_symlink_out_of_the_directory_is_refused(self, tmp_path: Path) -> None:
        write(tmp_path / "outside" / "secret.txt", "s3cret")
        (tmp_path / "blocks").mkdir()
        (tmp_path / "blocks" / "link.txt").symlink_to(tmp_path / "outside" / "secret.txt")
        file = write(tmp_path / "blocks" / "f.yaml", "body:\n  v: {% include 'link.txt' %}\n")
        with pytest.raises(UsageError, match="outside"):
            read(file)

    def test_a_directory_the_user_names_is_allowed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        write(tmp_path / "shared" / "value.txt", "shared-value")
        file = write(tmp_path / "blocks" / "f.yaml", "body:\n  v: {% include '../shared/value.txt' %}\n")
        monkeypatch.setenv(_constants.INCLUDE_PATH_VARIABLE, str(tmp_path / "shared"))
        assert read(file)["body"] == {"v": "shared-value"}


class TestRunaways:
    @pytest.mark.parametrize(
        "expression",
        [
            "{{ 'x' * 3000000000 }}",
            "{{ ['x'] * 3000000000 }}",
            "{{ 2 ** 100000000 }}",
            "{{ range(10**9) | list }}",
            "{{ 'x'.center(10**9) }}",
            "{{ 'x' | indent(10**9, true) }}",
            "{% for i in range(100000) %}{{ 'x' * 1000 }}{% endfor %}",
        ],
    )
    def test_runaway_output_is_a_usage_error(
        self, tmp_path: Path, expression: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        file = write(tmp_path / "f.yaml", 'body:\n  v: "' + expression + '"\n')
        started = time.monotonic()
        assert run(file) == 2
        err = capsys.readouterr().err
        assert "f.yaml" in err
        assert "unexpected error" not in err
        assert time.monotonic() - started < 5

    def test_a_loop_of_loops_stops_at_the_time_limit(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setattr(_constants, "MAX_RENDER_SECONDS", 0.5)
        loops = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
        file = write(tmp_path / "f.yaml", "body: {}\n" + loops + "\n")
        started = time.monotonic()
        assert run(file) == 2
        assert "took over 0.5 s to render" in capsys.readouterr().err
        assert time.monotonic() - started < 5


class TestUnusableFiles:
    def test_latin_1_files_are_named(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        latin = "body: {v: 'caf\xe9'}\n".encode("latin-1")
        good = write(tmp_path / "good.yaml", "body: {v: x}\n")
        cases = {
            "request": [write(tmp_path / "req.yaml", latin)],
            "params": [good, "-v", write(tmp_path / "params.yaml", latin)],
            "include": [write(tmp_path / "inc.yaml", "body:\n  v: {% include 'part.txt' %}\n")],
        }
        write(tmp_path / "part.txt", "caf\xe9".encode("latin-1"))
        for name, argv in cases.items():
            assert run(*argv) == 2, name
            err = capsys.readouterr().err
            assert "is not UTF-8 text (byte 0xe9" in err, err
        desc = write(tmp_path / "d.md", b"caf\xe9")
        with pytest.raises(UsageError, match=r"d\.md is not UTF-8 text"):
            read_request_file(good, SHAPES["deployments create"], command="deployments create", desc_file=desc)

    def test_deep_nesting_is_named(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        deep = write(tmp_path / "deep.yaml", "body: " + "[" * 100_000 + "\n")
        assert run(deep) == 2
        assert "deep.yaml is nested too deeply" in capsys.readouterr().err
        good = write(tmp_path / "good.yaml", "body: {v: x}\n")
        assert run(good, "-v", write(tmp_path / "deep-params.yaml", "[" * 100_000)) == 2
        assert "deep-params.yaml is nested too deeply" in capsys.readouterr().err

    def test_a_fifo_or_a_device_as_params_is_refused_without_blocking(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        fifo = tmp_path / "fifo"
        os.mkfifo(fifo)
        good = write(tmp_path / "good.yaml", "body: {v: x}\n")
        for special in (str(fifo), "/dev/zero", str(tmp_path)):
            assert run(good, "-v", special) == 2
            err = capsys.readouterr().err
            assert special in err
            assert "not a regular file" in err or "is a directory" in err
        # The request file itself, too.
        assert run(str(fifo)) == 2
        assert "not a regular file" in capsys.readouterr().err

    def test_a_file_over_the_limit_is_refused_unread(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        monkeypatch.setattr(_constants, "MAX_INPUT_FILE_SIZE", 1000)
        big = write(tmp_path / "big.yaml", "body: {v: '" + "x" * 2000 + "'}\n")
        assert run(big) == 2
        assert "big.yaml is over the limit of 1,000 bytes" in capsys.readouterr().err

    def test_a_bad_yaml_file_is_named_not_unicode_string(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        bad = write(tmp_path / "bad.yaml", "body:\n  a: [1\n  b: 2\n")
        assert run(bad) == 2
        err = capsys.readouterr().err
        assert "<unicode string>" not in err
        assert f'in "{bad}", line' in err


class TestUndefinedAndUnused:
    def test_every_undefined_variable_is_named_at_once(self, tmp_path: Path) -> None:
        file = write(tmp_path / "f.yaml", "body:\n  a: '{{ one }}'\n  b: '{{ two }}'\n  c: '{{ three }}{{ four }}'\n")
        with pytest.raises(UsageError) as caught:
            read(file)
        message = str(caught.value)
        assert "f.yaml:2: 4 undefined variables" in message
        for name in ("one", "two", "three", "four"):
            assert f"'{name}' is undefined" in message

    def test_a_value_the_template_never_uses_is_warned_about(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        file = write(tmp_path / "f.yaml", "body:\n  name: '{{ name | default(\"n\") }}'\n")
        assert read(file, params=["nmae=x"])["body"] == {"name": "n"}
        err = capsys.readouterr().err
        assert "never uses the value given for 'nmae' (-p/-v); did you mean 'name'?" in err
        read(file, params=["name=x"])
        assert capsys.readouterr().err == ""


class TestTerminals:
    ESCAPES = "\x1b]0;pwned\x07\x1b[2J\u202eevil\x9b"

    def test_table_cells_show_escape_sequences_instead_of_obeying_them(self) -> None:
        page = {"specs": [{"id": "s", "kind": self.ESCAPES, "metadata": {"name": "n"}}], "specCount": 1}
        text = format_result(page, "table", TABLES["specs list"])
        assert "\x1b" not in text
        assert "\u202e" not in text
        assert "\\x1b]0;pwned\\x07" in text

    def test_error_lines_too(self) -> None:
        error = NotFoundException(
            status_code=404, method="GET", url="http://h/x", request_id="r", body={"detail": self.ESCAPES}
        )
        line = error_line(error)
        assert "\x1b" not in line
        assert "\x9b" not in line
        assert printable("tab\there") == "tab\\there"
