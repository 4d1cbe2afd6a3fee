#!/usr/bin/env bash
# Vendor the rich-text editor (Tiptap, on ProseMirror) into static/vendor/tiptap/.
#   - only the extensions the minutes allow: paragraphs, hard breaks, bold, italic,
#     bulleted and numbered lists, links, undo (the sanitiser keeps no more)
#   - one classic script (IIFE) that sets window.HWBBTiptap; no CDN, no eval
#   - exact-pinned versions; the bundled packages' licences collected in LICENCE.txt
# Needs: node + npm (npm registry access).
set -euo pipefail

# Exact pins, the bundled packages' too: scripts/vendor_editor/package.json and its
# package-lock.json. To bump, edit package.json, then run this script with --update
# (which rewrites the lock file from the registry) and commit all three.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PINS="$REPO_ROOT/scripts/vendor_editor"
FINAL_DEST="$REPO_ROOT/static/vendor/tiptap"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
cp "$PINS/package.json" .
if [ "${1:-}" = "--update" ]; then
  echo "==> npm install (rewriting the lock file)"
  npm install --silent --no-audit --no-fund
  cp package-lock.json "$PINS/package-lock.json"
else
  cp "$PINS/package-lock.json" .
  echo "==> npm ci (from the committed lock file)"
  npm ci --silent --no-audit --no-fund
fi
TIPTAP_VERSION="$(node -p 'require("./node_modules/@tiptap/core/package.json").version')"

cat > entry.js <<'JS'
export { Editor } from "@tiptap/core";
export { default as Document } from "@tiptap/extension-document";
export { default as Paragraph } from "@tiptap/extension-paragraph";
export { default as Text } from "@tiptap/extension-text";
export { default as HardBreak } from "@tiptap/extension-hard-break";
export { default as Bold } from "@tiptap/extension-bold";
export { default as Italic } from "@tiptap/extension-italic";
export { BulletList, OrderedList, ListItem, ListKeymap } from "@tiptap/extension-list";
export { default as Link } from "@tiptap/extension-link";
export { UndoRedo } from "@tiptap/extensions";
JS

echo "==> bundling with esbuild"
npx --no-install esbuild entry.js --bundle --minify --format=iife \
  --global-name=HWBBTiptap --target=es2020 --legal-comments=none \
  --metafile=meta.json --outfile=tiptap.min.js --log-level=warning

# No eval or new Function in what we ship (a strict CSP refuses them).
if grep -qE '\beval\(|new Function\(' tiptap.min.js; then
  echo "bundle uses eval or new Function" >&2; exit 1
fi

DEST="$WORK/out"
mkdir -p "$DEST"
cp tiptap.min.js "$DEST/"

# The packages that ended up in the bundle, with their versions and licences.
node - "$DEST" <<'NODE'
const fs = require("fs"), path = require("path");
const dest = process.argv[2];
const meta = JSON.parse(fs.readFileSync("meta.json", "utf8"));
const names = new Set();
for (const input of Object.keys(meta.inputs)) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (m) names.add(m[1]);
}
const rows = [], licences = [];
for (const name of [...names].sort()) {
  const dir = path.join("node_modules", name);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
  if (pkg.license !== "MIT") throw new Error(`${name} is ${pkg.license}, not MIT`);
  rows.push(`  ${name}@${pkg.version} (${pkg.license})`);
  const file = fs.readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (!file) throw new Error(`${name} ships no licence file`);
  licences.push(`==== ${name}@${pkg.version} ====\n\n` +
    fs.readFileSync(path.join(dir, file), "utf8").trim() + "\n");
}
fs.writeFileSync(path.join(dest, "LICENCE.txt"), licences.join("\n"));
fs.writeFileSync("packages.txt", rows.join("\n") + "\n");
NODE

ESBUILD_ACTUAL="$(node -p 'require("./node_modules/esbuild/package.json").version')"
{
  echo "Tiptap $TIPTAP_VERSION (MIT), on ProseMirror, from npm."
  echo "Bundled by scripts/vendor_editor.sh with esbuild $ESBUILD_ACTUAL into one minified"
  echo "classic script, tiptap.min.js, that sets window.HWBBTiptap to:"
  echo "  Editor, Document, Paragraph, Text, HardBreak, Bold, Italic,"
  echo "  BulletList, OrderedList, ListItem, ListKeymap, Link, UndoRedo"
  echo "Packages in the bundle (their licences are in LICENCE.txt):"
  cat packages.txt
  echo "Used by static/js/rich-text.js. Do not edit these files by hand:"
  echo "re-run scripts/vendor_editor.sh."
} > "$DEST/VERSION.txt"

echo "==> writing $FINAL_DEST"
rm -rf "$FINAL_DEST"
mkdir -p "$(dirname "$FINAL_DEST")"
cp -R "$DEST" "$FINAL_DEST"
echo "==> done: Tiptap $TIPTAP_VERSION, esbuild $ESBUILD_ACTUAL"
ls -la "$FINAL_DEST"
