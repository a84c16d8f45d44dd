#!/usr/bin/env python3
"""Prints the <seg> texts of a TMX file, one line per <tuv>: "LANG TEXT", the text as a JSON
string (so that white space, control characters and markup show exactly), a blank line after
each <tu>. For the CLI tests, which compare what reached the TMX with what was written.

The file is parsed with xml.etree, which never fetches anything and never expands external
entities. Exits 1 if the file is not well-formed XML.
usage: tmx-segs.py FILE.tmx
"""
import json
import sys
import xml.etree.ElementTree as ET

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def main():
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except ET.ParseError as e:
        print(f"{sys.argv[1]}: not well-formed: {e}", file=sys.stderr)
        return 1
    for tu in root.iter("tu"):
        for tuv in tu.iter("tuv"):
            seg = tuv.find("seg")
            text = "".join(seg.itertext()) if seg is not None else None
            print(tuv.get(XML_LANG), json.dumps(text, ensure_ascii=False))
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
