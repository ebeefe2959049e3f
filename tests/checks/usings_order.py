#!/usr/bin/env python3
"""Checks that every C# file's using directives are in the order `dotnet format` keeps them: System first, then the
rest alphabetically, then static imports, aliases last, as one block. `dotnet format whitespace` checks the rest of the layout; the build
itself enforces the style and analyser rules. Prints each file out of order with the order it should have."""
import pathlib
import re
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parents[2]
files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.cs"], cwd=root,
                       capture_output=True, text=True, check=True).stdout.split()


def key(line: str):
    name = line.removeprefix("using ").rstrip(";")
    group = 3 if " = " in name else 2 if name.startswith("static ") else 0 if re.match(r"System(\.|$)", name) else 1
    return (group, name.removeprefix("static ").lower(), name)


bad = 0
for name in files:
    # A file deleted or moved but not yet committed is still in the index: there is nothing to check.
    if "/Migrations/" in name or not (root / name).exists():
        continue
    lines = (root / name).read_text(encoding="utf-8-sig").splitlines()
    usings = [line for line in lines if line.startswith("using ") and not line.startswith("using var") and line.endswith(";")
              and "(" not in line]
    if usings != sorted(usings, key=key):
        bad += 1
        print(f"{name}: using directives out of order; expected:\n  " + "\n  ".join(sorted(usings, key=key)))
sys.exit(1 if bad else 0)
