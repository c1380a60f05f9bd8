#!/usr/bin/env python3
"""Writes the benchmark's configurations into a work folder: the brand (the samples'
brand plus the style-guide substitutions), a terminology-only and an all-plugins
project, the alternatives for grep and ripgrep, and a prh dictionary for textlint.
Usage: make_config.py WORK [EXTRA_TERMS]  (EXTRA_TERMS generated terms for the flatness test)"""
import pathlib
import re
import sys

here = pathlib.Path(__file__).resolve().parent
work = pathlib.Path(sys.argv[1]).resolve()
extra = int(sys.argv[2]) if len(sys.argv) > 2 else 0
pairs = [line.split("\t") for line in (here / "data" / "substitutions.tsv").read_text().splitlines() if line.strip()]

brand = (here.parent / "samples" / "brand.xml").read_text()
claimed = {t.lower() for t in re.findall(r'(?:instead-of|term)="([^"]+)"', brand) for t in t.split("|")}
claimed |= {t.lower() for t in re.findall(r"<variant>([^<]+)</variant>", brand)}
pairs = [(alt, better) for alt, better in pairs if alt.lower() not in claimed]
for i in range(extra):  # made-up words that never occur: the automaton's size, not its hits
    pairs.append((f"zqx{i}vorn", "plain"))

prefers = "\n".join(f'  <prefer term="{better}" instead-of="{alt}" channels="marketing"/>' for alt, better in pairs)
(work / "config").mkdir(parents=True, exist_ok=True)
(work / "config" / "brand.xml").write_text(brand.replace("</brand>", prefers + "\n</brand>"))

others = ["pillars", "facts", "readability", "spelling", "consistency", "scripts", "style"]
terms_only = "\n".join(f'  <rule id="{p}" enabled="false"/>' for p in others)
(work / "config" / "terms.xml").write_text(f"""<touchpoint>
  <brand file="brand.xml"/>
{terms_only}
</touchpoint>
""")
packs = "\n".join(f'  <pack id="{p}"/>' for p in ["healthcare-claims", "plain-language", "person-first", "aidet", "service-recovery", "signage"])
(work / "config" / "all.xml").write_text(f"""<touchpoint>
  <brand file="brand.xml"/>
{packs}
</touchpoint>
""")
alternatives = [alt for alt, _ in pairs] + re.findall(r'instead-of="([^"]+)"', brand)
(work / "config" / "terms.txt").write_text("\n".join(t for a in alternatives for t in a.split("|")) + "\n")
prh = "version: 1\nrules:\n" + "".join(
    f"  - expected: {better}\n    pattern: /\\b{alt}\\b/i\n" for alt, better in pairs)  # letters, spaces and hyphens: nothing to escape
(work / "config" / "prh.yml").write_text(prh)
(work / "config" / ".textlintrc.json").write_text('{"rules": {"prh": {"rulePaths": ["' + str(work / "config" / "prh.yml") + '"]}}}\n')
print(len(pairs), "substitutions")
