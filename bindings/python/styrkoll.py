"""Python bindings for Styrkoll's C API (ctypes; no compilation needed).

    import styrkoll
    with styrkoll.Engine() as engine:                 # the installed national rule pack
        result = engine.analyze_file("budget.pdf")
        print(result["doc_type"]["id"], result["wc_explicit"])
        for p in result["perspectives"]:
            print(p["id"], p["coverage"], p["recommendation"])

An Engine may be shared by threads. Errors raise styrkoll.Error with the
library's message and code. The library is found through the environment
variable STYRKOLL_LIBRARY, or as libstyrkoll.so.0 on the loader path.
"""

import ctypes
import json
import os

__all__ = ["Engine", "Error", "version"]

_lib = None


def _load():
    global _lib
    if _lib is not None:
        return _lib
    name = os.environ.get("STYRKOLL_LIBRARY", "libstyrkoll.so.0")
    lib = ctypes.CDLL(name)
    c = ctypes
    lib.styrkoll_version.restype = c.c_char_p
    lib.styrkoll_last_error.restype = c.c_char_p
    lib.styrkoll_engine_new.argtypes = [c.POINTER(c.c_void_p), c.c_char_p]
    lib.styrkoll_engine_free.argtypes = [c.c_void_p]
    for f in ("styrkoll_engine_rules_id", "styrkoll_engine_rules_version", "styrkoll_engine_rules_hash"):
        getattr(lib, f).argtypes = [c.c_void_p]
        getattr(lib, f).restype = c.c_char_p
    lib.styrkoll_analyze_file.argtypes = [c.POINTER(c.c_void_p), c.c_void_p, c.c_char_p, c.c_void_p]
    lib.styrkoll_analyze_buffer.argtypes = [c.POINTER(c.c_void_p), c.c_void_p, c.c_char_p, c.c_size_t,
                                            c.c_char_p, c.c_char_p, c.c_void_p]
    lib.styrkoll_result_json.argtypes = [c.c_void_p]
    lib.styrkoll_result_json.restype = c.c_char_p
    lib.styrkoll_result_free.argtypes = [c.c_void_p]
    lib.styrkoll_scan.argtypes = [c.POINTER(c.c_void_p), c.c_void_p, c.POINTER(c.c_char_p), c.c_size_t,
                                  c.c_void_p, c.c_void_p, c.c_void_p]
    lib.styrkoll_string_free.argtypes = [c.c_void_p]
    _lib = lib
    return lib


class Error(Exception):
    """A failure reported by the library: .code is the STYRKOLL_E* value."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


def _check(rc):
    if rc != 0:
        raise Error(rc, _load().styrkoll_last_error().decode("utf-8", "replace"))


def version():
    return _load().styrkoll_version().decode()


class Engine:
    """A compiled rule pack. rules_dir=None uses the installed national pack."""

    def __init__(self, rules_dir=None):
        lib = _load()
        self._h = ctypes.c_void_p()
        _check(lib.styrkoll_engine_new(ctypes.byref(self._h), rules_dir.encode() if rules_dir else None))

    def close(self):
        if self._h:
            _load().styrkoll_engine_free(self._h)
            self._h = ctypes.c_void_p()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    @property
    def rules(self):
        lib = _load()
        return {"id": lib.styrkoll_engine_rules_id(self._h).decode(),
                "version": lib.styrkoll_engine_rules_version(self._h).decode(),
                "hash": lib.styrkoll_engine_rules_hash(self._h).decode()}

    def _result(self, call):
        lib = _load()
        r = ctypes.c_void_p()
        _check(call(ctypes.byref(r)))
        try:
            return json.loads(lib.styrkoll_result_json(r).decode("utf-8"))
        finally:
            lib.styrkoll_result_free(r)

    def analyze_file(self, path):
        """The document's entry of the report schema (a dict)."""
        return self._result(lambda out: _load().styrkoll_analyze_file(out, self._h, os.fsencode(path), None))

    def analyze_bytes(self, data, name=None, format_hint=None):
        """Analyses bytes held in memory; format_hint: 'pdf', 'docx', 'odt', 'html', 'markdown', 'txt' or None."""
        return self._result(lambda out: _load().styrkoll_analyze_buffer(
            out, self._h, data, len(data), name.encode() if name else None,
            format_hint.encode() if format_hint else None, None))

    def scan(self, paths):
        """Scans files and folders in-process; returns the whole report (a dict)."""
        lib = _load()
        arr = (ctypes.c_char_p * len(paths))(*[os.fsencode(p) for p in paths])
        out = ctypes.c_void_p()
        _check(lib.styrkoll_scan(ctypes.byref(out), self._h, arr, len(paths), None, None, None))
        try:
            return json.loads(ctypes.string_at(out).decode("utf-8"))
        finally:
            lib.styrkoll_string_free(out)
