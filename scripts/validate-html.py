#!/usr/bin/env python3
"""Parses each HTML file given with html5lib's strict parser, which raises on the first parse
error (a stray end tag, an unescaped character where it cannot be, a missing doctype).
Prints `ok FILE` or `FILE: error` for each; exits 1 if any failed, 3 if html5lib is missing.
Usage: scripts/validate-html.py FILE.html..."""
import sys

try:
    import html5lib
except ImportError:
    print("html5lib is not installed: pip install html5lib", file=sys.stderr)
    sys.exit(3)

failed = 0
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        data = f.read()
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        root = parser.parse(data)
        if root.tag != "html" or root.get("lang") != "en":
            raise ValueError("no <html lang=\"en\">")
        print("ok " + path)
    except Exception as e:  # html5lib raises ParseError, with the position in parser.errors
        failed += 1
        where = parser.errors[0][0] if parser.errors else ""
        print(f"{path}: {e} {where}")
sys.exit(1 if failed else 0)
