#!/usr/bin/env bash
# Neovim's built-in LSP client (Debian's neovim, headless) with the set-up docs/editors.md
# gives, run as written: tests/lsp/neovim_test.lua drives it.
set -euo pipefail
source_dir=$(realpath "$1")
build_dir=$(realpath "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The Lua between the neovim-setup markers of docs/editors.md.
awk '/<!-- neovim-setup:end -->/ {on=0} on && !/^```/ {print} /<!-- neovim-setup:begin -->/ {on=1}' \
  "$source_dir/docs/editors.md" > "$scratch/setup.lua"
[ -s "$scratch/setup.lua" ] || { echo "no Neovim set-up between the markers in docs/editors.md"; exit 1; }
mkdir -p "$scratch/content/web" "$scratch/home"
cat > "$scratch/content/brand.xml" <<'XML'
<brand name="Riverbend Health" locale="en-US">
  <promise>Compassionate care that treats you like family.</promise>
  <prefer term="patient" instead-of="customer"/>
  <avoid term="cheap" suggest="affordable" reason="Cheap sounds like low quality."/>
</brand>
XML
printf '<touchpoint>\n  <brand file="brand.xml"/>\n</touchpoint>\n' > "$scratch/content/touchpoint.xml"
printf '# Parking\n\nOur customers love the cheap parking.\n' > "$scratch/content/web/parking.md"
cd "$scratch/content"
PATH=$build_dir/bin:$PATH HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home XDG_DATA_HOME=$scratch/home XDG_STATE_HOME=$scratch/home \
TOUCHPOINT_NVIM_SETUP=$scratch/setup.lua TOUCHPOINT_NVIM_FILE=$scratch/content/web/parking.md \
  timeout 120 nvim --headless -u NONE -i NONE -n -c 'luafile '"$source_dir"'/tests/lsp/neovim_test.lua'
