"""`python -m cls_check` runs the command line."""

from cls_check.cli import run

run()
