"""The assessor's workbook: a gap register and a worksheet of findings, out to ``.xlsx`` and back.

``ccom-rules export MANIFEST --format xlsx --out FILE`` writes it (:mod:`ccom_rules.report.xlsx`);
``ccom-rules import-findings WORKBOOK --manifest M --out NEW`` reads the filled worksheet back as
findings (:mod:`ccom_rules.workbook.read`). The worksheet's layout is :mod:`.layout`, shared by
both, so what is written is what is read. openpyxl is needed only here (the ``xlsx`` extra).
"""

from __future__ import annotations

from types import ModuleType


def openpyxl() -> ModuleType:
    """The openpyxl module; a clear error naming the extra when it is not installed."""
    from importlib import import_module

    try:
        return import_module("openpyxl")
    except ImportError:
        from ..problems import InvalidInput, Problem

        raise InvalidInput([Problem("-", 1, 1, "E010", "workbooks need openpyxl: pip install 'ccom-rules[xlsx]'")]) from None
