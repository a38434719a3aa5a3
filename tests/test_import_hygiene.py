"""The arrows point down: tui -> store -> evaluator (DESIGN.md). Each package is
imported in a fresh interpreter and must not pull in a layer above it."""

import json
import subprocess
import sys

import pytest

FORBIDDEN = {
    "evaluator": {"store", "tui", "tinydb", "textual"},
    "store": {"tui", "textual"},
}


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_nothing_above_it(package):
    probe = (f"import json, sys, {package}, pkgutil, importlib\n"
             f"for m in pkgutil.walk_packages({package}.__path__, '{package}.'):\n"
             "    importlib.import_module(m.name)\n"
             "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))")
    loaded = set(json.loads(subprocess.check_output([sys.executable, "-c", probe], text=True)))
    assert package in loaded
    assert not loaded & FORBIDDEN[package]
