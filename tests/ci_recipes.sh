#!/usr/bin/env bash
# The CI recipes of docs/ci.md, run as written in scratch git repositories: the
# pre-commit hook (what is staged, names with spaces) and the workflow's changed-files
# step (a push's before commit, a first push, a changed brand file).
set -euo pipefail
source_dir=$(cd "$1" && pwd)
build_dir=$(cd "$2" && pwd)
export PATH="$build_dir/bin:$PATH"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
doc="$source_dir/docs/ci.md"

# The pre-commit hook: its fenced block, from the line after the opening fence.
awk '/^```bash$/ {block=""; inside=1; next} inside && /^```$/ {if (block ~ /# recipe: pre-commit/) print block; inside=0; next}
     inside {block = block $0 "\n"}' "$doc" > "$scratch/pre-commit"
grep -q 'git show' "$scratch/pre-commit"
# The workflow step: the lines of its run block, unindented.
awk '/# recipe: changed-files/ {inside=1; indent=match($0, /[^ ]/); next}
     inside && match($0, /[^ ]/) < indent {inside=0}
     inside {print substr($0, indent)}' "$doc" > "$scratch/changed-files"
grep -q -- '--changed-since "$BASE"' "$scratch/changed-files"

# The action's check step (action.yml), run the same way.
awk '/name: Check changed touchpoints/ {step=1} step && /run: \|/ {inside=1; next}
     inside && /^    - / {exit} inside {sub(/^        /, ""); print}' "$source_dir/action.yml" > "$scratch/action-check"
grep -q -- '--changed-since "$BASE"' "$scratch/action-check"

repo="$scratch/repo"
mkdir "$repo" && cd "$repo"
git init -q -b main && git config user.email ci@example.org && git config user.name CI
cat > brand.xml <<'XML'
<brand name="Acme"><prefer term="patient" instead-of="customer"/></brand>
XML
cat > touchpoint.xml <<'XML'
<touchpoint><brand file="brand.xml"/><channel id="marketing" include="**"/></touchpoint>
XML
printf 'Every patient counts.\n' > "a b's.md"
printf 'Every customer counts.\n' > old.md
git add . && git commit -qm one
first=$(git rev-parse HEAD)

# pre-commit: the staged version counts, not the working tree.
printf 'Every customer counts.\n' > "a b's.md"
git add "a b's.md"
printf 'Every patient counts.\n' > "a b's.md"  # fixed in the tree, not in the index
if bash "$scratch/pre-commit" > "$scratch/out" 2>&1; then echo "pre-commit passed a staged warning"; exit 1; fi
grep -q "a b's.md:1:7: warning" "$scratch/out"
git add "a b's.md"
bash "$scratch/pre-commit"  # staged and fixed: passes
printf 'Every customer counts.\n' > "a b's.md"  # broken in the tree only
bash "$scratch/pre-commit"
git checkout -q -- "a b's.md"

# changed-files: a push checks what it pushed; a first push, everything.
printf 'Every customer here.\n' > new.md
git add . && git commit -qm two
out=$(BASE=$first bash "$scratch/changed-files" 2>&1 || true)
grep -q 'file=new.md' <<<"$out"
if grep -q 'file=old.md' <<<"$out"; then echo "a push re-checked an unchanged file"; exit 1; fi
out=$(BASE=0000000000000000000000000000000000000000 bash "$scratch/changed-files" 2>&1 || true)
grep -q 'file=old.md' <<<"$out" && grep -q 'file=new.md' <<<"$out"
out=$(BASE=$first ARGS="--fail-on warning" bash "$scratch/action-check" 2>&1 && echo passed || echo failed)
grep -q 'file=new.md' <<<"$out" && grep -q '^failed$' <<<"$out"
if grep -q 'file=old.md' <<<"$out"; then echo "the action re-checked an unchanged file"; exit 1; fi
# A changed brand file re-checks every file.
second=$(git rev-parse HEAD)
printf '<brand name="Acme"><prefer term="patient" instead-of="customer|client"/></brand>\n' > brand.xml
git commit -qam three
out=$(BASE=$second bash "$scratch/changed-files" 2>&1 || true)
grep -q 'file=old.md' <<<"$out"
grep -q 'note: brand.xml changed since' <<<"$out"
echo "ci recipes: ok"
