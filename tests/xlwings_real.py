"""xlwings' own UDF machinery (xlwings.udfs, Windows-only) loaded here with the few pywin32
modules it imports replaced by stand-ins, and our udfs module decorated by it for real."""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types
from pathlib import Path

import xlwings

ROOT = Path(__file__).resolve().parents[1]


def _stub_pywin32() -> None:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None
    pythoncom.IID_IDispatch = object()
    pywintypes = types.ModuleType("pywintypes")

    class com_error(Exception):
        pass

    pywintypes.com_error = com_error
    win32com = types.ModuleType("win32com")
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda obj: obj
    win32com.client = client
    for name, module in {"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com,
                         "win32com.client": client}.items():
        sys.modules.setdefault(name, module)


def load() -> tuple[types.ModuleType, types.ModuleType]:
    """(xlwings.udfs, our xl_addin.udfs decorated by xlwings' real xlfunc/xlarg/xlret)."""
    _stub_pywin32()
    real = importlib.import_module("xlwings.udfs")
    saved = {k: getattr(xlwings, k) for k in ("func", "arg", "ret")}
    xlwings.func, xlwings.arg, xlwings.ret = real.xlfunc, real.xlarg, real.xlret
    try:
        spec = importlib.util.spec_from_file_location("xl_addin.udfs_for_excel", ROOT / "xl_addin" / "udfs.py")
        assert spec is not None and spec.loader is not None
        ours = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ours)
    finally:
        for k, v in saved.items():
            setattr(xlwings, k, v)
    return real, ours
