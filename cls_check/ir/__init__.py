"""The checked, backend-neutral form of a rule set (see :mod:`cls_check.ir.nodes`)."""
