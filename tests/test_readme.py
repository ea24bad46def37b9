"""README's Python example says what the library really answers.

Each line of the example ending in a comment that starts with a quoted value
(``report.status  # "non_conforme": …``) is evaluated after the lines before it, and must
give that value: a newcomer copies these lines first.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
_CLAIM = re.compile(r'^(?P<expr>.+?)\s+#\s*"(?P<value>[^"]*)"')


def _python_example() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"```python\n(?P<code>.*?)```", text, re.DOTALL)
    assert block is not None, "README has no Python example"
    return block.group("code").splitlines()


def test_each_value_the_example_claims_is_what_the_library_gives() -> None:
    namespace: dict[str, object] = {}
    claims = 0
    for line in _python_example():
        claim = _CLAIM.match(line)
        if claim and not line.lstrip().startswith(("import", "from")):
            try:
                ast.parse(claim["expr"], mode="eval")
            except SyntaxError:
                exec(line, namespace)  # an assignment with a comment: run it
                continue
            assert eval(claim["expr"], namespace) == claim["value"], line
            claims += 1
        else:
            exec(line, namespace)
    assert claims >= 2
