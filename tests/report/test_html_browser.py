"""The HTML report in a real browser: record text stays text, it never runs."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cls_check.cli import main

ROOT = Path(__file__).resolve().parents[2]
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser")
ATTACK = "<script>document.body.setAttribute('data-pwned', 'oui')</script>"


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here (.ci/run installs it)")
def test_a_script_in_an_intitule_is_shown_escaped_and_never_runs(tmp_path: Path) -> None:
    record = yaml.safe_load((ROOT / "fixtures" / "contrat-exemple.yaml").read_text("utf-8"))
    record["intitule"] = f"CLS {ATTACK} du Val-de-Lys"
    source = tmp_path / "contrat.yaml"
    source.write_text(yaml.safe_dump(record, allow_unicode=True), encoding="utf-8")
    page = tmp_path / "rapport.html"
    result = CliRunner().invoke(main, ["check", str(source), "-f", "html", "-o", str(page)])
    assert result.exit_code in (0, 1), result.output
    assert BROWSER is not None
    dom = subprocess.run(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", page.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert "<body" in dom  # the browser loaded the page
    assert "data-pwned" not in dom.split("</head>")[1].split(">")[0]  # the script did not run
    visible = "&lt;script&gt;document.body.setAttribute('data-pwned', 'oui')&lt;/script&gt;"
    assert visible in dom  # it is shown as the text it is
