"""Request files in-process: Jinja2 in a sandbox, strict variables, includes, params, keys and -d/-n files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from press_blocks._cli._errors import UsageError
from press_blocks._cli._files import SHAPES, read_request_file
from press_blocks._cli._templates import load_params, parse_params


def write(path: Path, text: str) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def read(path: str, command: str = "specs create", **kwargs: object) -> dict[str, object]:
    return read_request_file(path, SHAPES[command], command=command, **kwargs).arguments  # type: ignore[arg-type]


def test_params_file_then_p_pairs_with_equals_in_values(tmp_path: Path) -> None:
    params = write(tmp_path / "params.yaml", "name: from-file\ncount: 3\nempty: null\n")
    file = write(tmp_path / "f.yaml", "body: {name: '{{ name }}', count: {{ count }}, query: '{{ query }}'}\n")
    body = read(file, params_file=params, params=["name=from-p", "query=a=b&c=d"])["body"]
    assert body == {"name": "from-p", "count": 3, "query": "a=b&c=d"}
    assert parse_params(["k=v=w", "x="]) == {"k": "v=w", "x": ""}
    with pytest.raises(UsageError, match="takes key=value, not 'novalue'"):
        parse_params(["novalue"])
    assert load_params(write(tmp_path / "empty.yaml", "")) == {}
    with pytest.raises(UsageError, match="must hold a mapping"):
        load_params(write(tmp_path / "list.yaml", "- a\n"))


def test_an_undefined_variable_names_itself_the_file_and_the_line(tmp_path: Path) -> None:
    file = write(tmp_path / "spec.yaml", "body:\n  kind: workflow\n  metadata:\n    description: {{ description }}\n")
    with pytest.raises(UsageError) as caught:
        read(file)
    assert "spec.yaml:4: undefined variable: 'description' is undefined" in str(caught.value)
    nested = write(tmp_path / "parts" / "meta.yaml", "name: {{ os_env.NO_SUCH_VARIABLE_HERE }}\n")
    outer = write(tmp_path / "outer.yaml", "body:\n  metadata:\n    {% include 'parts/meta.yaml' %}\n")
    with pytest.raises(UsageError) as caught:
        read(outer)
    assert f"{Path(nested).name}:1" in str(caught.value)
    assert "NO_SUCH_VARIABLE_HERE" in str(caught.value)


def test_os_env_is_there(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLI_TEST_VALUE", "from-env")
    assert read(write(tmp_path / "f.yaml", "body: {v: '{{ os_env.CLI_TEST_VALUE }}'}\n"))["body"] == {"v": "from-env"}


def test_the_sandbox_refuses_reaching_into_python(tmp_path: Path) -> None:
    file = write(tmp_path / "f.yaml", "body: {v: '{{ ().__class__.__base__.__subclasses__() }}'}\n")
    with pytest.raises(UsageError, match=r"f\.yaml:1: not allowed in a request file"):
        read(file)


def test_includes_are_relative_to_the_including_file_and_keep_indentation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "blocks" / "shared" / "image.yaml", "dockerfile: Dockerfile\ncontext: build\nversion: 1.0.0\n")
    write(tmp_path / "blocks" / "shared" / "config.yaml", "image:\n  {% include 'image.yaml' %}\nminInstances: 1\n")
    spec = write(
        tmp_path / "blocks" / "spec.yaml",
        """\
        body:
          kind: service
          config:
            {% include 'shared/config.yaml' %}
        """,
    )
    monkeypatch.chdir(tmp_path)  # not the files' directory
    config = read(spec)["body"]["config"]  # type: ignore[index]
    # context: is rebased from the included file's directory to the top file's, as peak does.
    assert config == {
        "image": {"dockerfile": "Dockerfile", "context": "shared/build", "version": "1.0.0"},
        "minInstances": 1,
    }
    missing = write(tmp_path / "m.yaml", "body:\n  {% include 'nope.yaml' %}\n")
    with pytest.raises(UsageError, match=r"m.yaml:2: no such file to include: nope.yaml"):
        read(missing)
    loop = write(tmp_path / "loop.yaml", "body:\n  {% include 'loop.yaml' %}\n")
    with pytest.raises(UsageError, match="includes nest too deeply"):
        read(loop)


def test_keys_are_checked_against_the_command(tmp_path: Path) -> None:
    file = write(tmp_path / "f.yaml", "body: {}\nautoRunOnDeploy: true\nfeatured: false\nscope: private\n")
    assert read(file) == {"body": {}, "auto_run_on_deploy": True, "featured": False, "scope": "private"}
    with pytest.raises(UsageError) as caught:
        read(file, "specs create-release")
    assert "unknown top-level keys 'featured', 'scope'; 'specs create-release' accepts: body, artifact," in str(
        caught.value
    )
    validate = write(tmp_path / "v.yaml", "body: {}\nvalidate: true\n")
    with pytest.raises(UsageError, match="run 'press-blocks specs validate FILE' instead"):
        read(validate)
    with pytest.raises(UsageError, match="'validate' is not a request-file key"):
        read(validate, "specs validate")
    with pytest.raises(UsageError, match="needs a 'body' mapping"):
        read(write(tmp_path / "nobody.yaml", "featured: true\n"))
    with pytest.raises(UsageError, match="is empty"):
        read(write(tmp_path / "empty.yaml", "# nothing\n"))


def test_nulls_are_left_out_as_peak_does(tmp_path: Path) -> None:
    file = write(tmp_path / "f.yaml", "body: {a: null, b: {c: null, d: 1}, e: [null, 1]}\nfeatured: null\n")
    assert read(file) == {"body": {"b": {"d": 1}, "e": [None, 1]}}


def test_description_and_notes_files(tmp_path: Path) -> None:
    description = write(tmp_path / "d.md", "# Title\n")
    notes = write(tmp_path / "n.txt", "notes")
    file = write(tmp_path / "f.yaml", "body: {metadata: {name: x}}\n")
    body = read(file, desc_file=description, notes_file=notes)["body"]
    assert body == {"metadata": {"name": "x", "description": "# Title\n"}, "release": {"notes": "notes"}}
    body = read(file, "deployments update-metadata", desc_file=description)["body"]
    assert body == {"metadata": {"name": "x"}, "description": "# Title\n"}
    body = read(file, "deployments create-revision", notes_file=notes)["body"]
    assert body == {"metadata": {"name": "x"}, "revision": {"notes": "notes"}}
    with pytest.raises(UsageError, match=r"must be \.md or \.txt"):
        read(file, desc_file=write(tmp_path / "d.html", "<p>"))


def test_syntax_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match=r"f.yaml:2: template syntax error"):
        read(write(tmp_path / "f.yaml", "body:\n  a: {% if %}\n"))
    with pytest.raises(UsageError, match="not valid YAML once rendered"):
        read(write(tmp_path / "g.yaml", "body: [\n"))


def test_a_value_yaml_cannot_build_is_a_usage_error(tmp_path: Path) -> None:
    # PyYAML's constructor lets a bare ValueError through for an impossible date.
    with pytest.raises(UsageError, match=r"h\.yaml is not valid YAML once rendered: month must be in 1\.\.12"):
        read(write(tmp_path / "h.yaml", "body:\n  when: 2020-13-45\n"))
    with pytest.raises(UsageError, match=r"the params file .*p\.yaml is not valid YAML: month must be in 1\.\.12"):
        load_params(write(tmp_path / "p.yaml", "when: 2020-13-45\n"))
