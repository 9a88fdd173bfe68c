"""xlwings' own UDF machinery (xlwings.udfs, Windows-only) loaded here with the few pywin32
modules it imports replaced by stand-ins, and our udfs module decorated by it for real."""
from __future__ import annotations

import asyncio
import importlib
import importlib.util
import os
import sys
import types
from pathlib import Path
from typing import Any

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
    return real, _decorated_by(real, "xl_addin.udfs_for_excel")


def _decorated_by(real: types.ModuleType, name: str) -> types.ModuleType:
    """Our udfs.py executed anew with xlwings.func/arg/ret set to `real`'s, as xlwings picks them."""
    saved = {k: getattr(xlwings, k) for k in ("func", "arg", "ret")}
    xlwings.func, xlwings.arg, xlwings.ret = real.xlfunc, real.xlarg, real.xlret
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "xl_addin" / "udfs.py")
        assert spec is not None and spec.loader is not None
        ours = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(ours)
    finally:
        for k, v in saved.items():
            setattr(xlwings, k, v)
    return ours


def load_officejs() -> tuple[types.ModuleType, types.ModuleType]:
    """(xlwings.pro.udfs_officejs, our xl_addin.udfs decorated by its xlfunc/xlarg/xlret): the
    decorators and the call path of xlwings Lite and xlwings Server (Office.js), as `import xlwings`
    gives them there (XLWINGS_ON_SERVER). xlwings' PRO modules want a license key: Lite's runtime
    sets one for itself ("noncommercial"), and so does this while importing them; the officejs
    engine is registered if xlwings was imported before the key was there."""
    saved = os.environ.get("XLWINGS_LICENSE_KEY")
    os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
    try:
        officejs = importlib.import_module("xlwings.pro.udfs_officejs")
        engine = importlib.import_module("xlwings.pro._xlofficejs")
    finally:  # asked for on import only: no other test runs with a key it did not set
        if saved is None:
            del os.environ["XLWINGS_LICENSE_KEY"]
    if "officejs" not in [e.name for e in xlwings.engines]:
        xlwings.engines.add(xlwings.main.Engine(impl=engine.engine))
    return officejs, _decorated_by(officejs, "xl_addin.udfs_for_officejs")


def officejs_call(officejs: types.ModuleType, module: types.ModuleType, name: str, *args: Any) -> Any:
    """One call of a custom function as xlwings Lite makes it: every argument a 2-D list (Excel's
    matrix parameters; a blank optional argument None), through xlwings' own
    custom_functions_call (its argument and result conversion), as Office.js's result."""
    data = {"func_name": name, "args": [None if a is None else a if isinstance(a, list) else [[a]] for a in args],
            "version": xlwings.__version__, "client": "Office.js", "runtime": "1.4", "culture_info_name": "en-US",
            "date_format": "M/d/yyyy", "caller_address": "Sheet1!A1"}
    return asyncio.run(officejs.custom_functions_call(data, module))


class _Any:
    def __getattr__(self, name):
        return _Any()

    def __call__(self, *args, **kwargs):
        return _Any()


def windows_conversion():
    """xlwings' own Windows engine (xlwings._xlwindows, loaded with stand-ins for pywin32 and the
    Windows parts of ctypes) made the active engine, so `conversion.read` turns COM values into
    Python values exactly as `xlwings.udfs.call_udf` does for a UDF's arguments: error cells
    (COM ints such as -2146826246) become '#N/A' with err_to_str, None without."""
    import ctypes

    _stub_pywin32()
    for name in ("win32api", "win32con", "win32gui", "win32process"):
        sys.modules.setdefault(name, types.ModuleType(name))
    tz = sys.modules.setdefault("win32timezone", types.ModuleType("win32timezone"))
    tz.TimeZoneInfo = _Any()
    sys.modules["pywintypes"].TimeType = type("TimeType", (), {})
    client = sys.modules["win32com.client"]
    for name in ("CDispatch", "CoClassBaseClass", "DispatchBaseClass"):
        setattr(client, name, type(name, (), {}))
    client.DispatchEx = lambda *a, **k: None
    sys.modules["pythoncom"].__file__ = "pythoncom.dll"
    saved = {n: getattr(ctypes, n, None) for n in ("windll", "oledll", "PyDLL")}
    ctypes.windll = _Any()
    ctypes.oledll = _Any()
    ctypes.PyDLL = lambda *a, **k: _Any()
    try:
        windows = importlib.import_module("xlwings._xlwindows")
    finally:
        for name, value in saved.items():
            if value is None:
                delattr(ctypes, name)
            else:
                setattr(ctypes, name, value)
    if "excel" not in [e.name for e in xlwings.engines]:
        xlwings.engines.add(xlwings.main.Engine(impl=windows.engine))
    xlwings.engines.active = xlwings.engines["excel"]
    from xlwings import conversion

    def call(func, *com_args):
        """Call a decorated UDF with COM values, each argument converted as call_udf does."""
        info = func.__xlfunc__["args"]
        args = [conversion.read(None, a, info[min(i, len(info) - 1)]["options"]) for i, a in enumerate(com_args)]
        return func(*args)

    return call
