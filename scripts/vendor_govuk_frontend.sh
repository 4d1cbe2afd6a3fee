#!/usr/bin/env bash
# Vendor GOV.UK Frontend into static/vendor/govuk-frontend/ with the council's look:
#   - Arial instead of the GDS Transport typeface (no @font-face, fonts not copied)
#   - image URLs resolve under Django's STATIC_URL "/static/"
# The CSS is compiled from the package's Sass source with an exact-pinned Dart Sass.
# Needs: node + npm (npm registry access). Re-run after bumping the versions below.
set -euo pipefail

GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.6.0}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"   # exact pin; sass 1.108.x needs node >= 20.19
ASSETS_URL="/static/vendor/govuk-frontend/assets/"

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$REPO_ROOT/static/vendor/govuk-frontend"

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

echo "==> npm pack govuk-frontend@$GOVUK_FRONTEND_VERSION"
npm pack --silent "govuk-frontend@$GOVUK_FRONTEND_VERSION" >/dev/null
tar -xzf "govuk-frontend-$GOVUK_FRONTEND_VERSION.tgz"   # -> ./package/
PKG="$WORK/package"
GOVUK="$PKG/dist/govuk"
test -f "$GOVUK/index.scss" || { echo "no dist/govuk/index.scss in package" >&2; exit 1; }

# Fail loudly if the settings we rely on were renamed in this release.
for setting in '$govuk-font-family' '$govuk-include-default-font-face' '$govuk-assets-path'; do
  grep -rqF -- "$setting:" "$GOVUK/settings/" \
    || { echo "setting $setting not found in $GOVUK/settings" >&2; exit 1; }
done

echo "==> npm install sass@$SASS_VERSION (temp dir only)"
cat > package.json <<JSON
{ "name": "vendor-govuk-frontend-build", "version": "0.0.0", "private": true }
JSON
npm install --silent --no-audit --no-fund --save-exact --omit=optional "sass@$SASS_VERSION"
SASS_ACTUAL="$(node -p 'JSON.parse(require("fs").readFileSync("node_modules/sass/package.json","utf8")).version')"

# Entry point: the package's documented Sass entry (package.json "sass": dist/govuk/index.scss),
# configured with the council's settings. Loaded via a load path so --quiet-deps applies to it.
cat > council-govuk.scss <<SCSS
@use "govuk" with (
  \$govuk-font-family: (arial, sans-serif),
  \$govuk-include-default-font-face: false,
  \$govuk-assets-path: "$ASSETS_URL"
);
SCSS

echo "==> compiling CSS with sass $SASS_ACTUAL"
npx --no-install sass --style=compressed --no-source-map --quiet-deps \
  --load-path="$PKG/dist" council-govuk.scss govuk-frontend.min.css

# Sanity checks on the compiled CSS.
if grep -q "GDS Transport" govuk-frontend.min.css; then
  echo "compiled CSS still mentions GDS Transport" >&2; exit 1
fi
if grep -q "@font-face" govuk-frontend.min.css; then
  echo "compiled CSS still contains @font-face" >&2; exit 1
fi
# (url(...) may be quoted; only images under $ASSETS_URL are allowed)
if grep -oE 'url\([^)]*\)' govuk-frontend.min.css | grep -vqE "^url\([\"']?${ASSETS_URL}images/"; then
  echo "compiled CSS has url() outside ${ASSETS_URL}images/:" >&2
  grep -oE 'url\([^)]*\)' govuk-frontend.min.css | grep -vE "^url\([\"']?${ASSETS_URL}images/" >&2
  exit 1
fi

# Assemble in the temp dir first; only replace $DEST once everything checks out.
FINAL_DEST="$DEST"
DEST="$WORK/out"
mkdir -p "$DEST/assets"
cp govuk-frontend.min.css "$DEST/"
cp "$GOVUK/govuk-frontend.min.js" "$DEST/"
# The ES module ends with a sourceMappingURL comment; ship the map so Django's
# ManifestStaticFilesStorage (collectstatic) can resolve it.
if [ -f "$GOVUK/govuk-frontend.min.js.map" ]; then
  cp "$GOVUK/govuk-frontend.min.js.map" "$DEST/"
fi
cp -R "$GOVUK/assets/images" "$DEST/assets/images"      # NOT assets/fonts: we use Arial
if [ -f "$GOVUK/assets/manifest.json" ]; then
  cp "$GOVUK/assets/manifest.json" "$DEST/assets/"
fi

# Every url() in the CSS must point at a file we ship.
grep -oE 'url\([^)]*\)' "$DEST/govuk-frontend.min.css" | sed -E 's/^url\(["'\'']?//; s/["'\'']?\)$//' \
  | sort -u | while read -r url; do
      rel="${url#"$ASSETS_URL"}"; rel="${rel%%[?#]*}"
      test -f "$DEST/assets/$rel" || { echo "missing asset for $url" >&2; exit 1; }
    done

# Licence: copy it from the package if it ships one. The npm tarball of 6.6.0 does not
# (package.json says "license": "MIT"), so fall back to upstream's LICENSE.txt text.
licence_file="$(find "$PKG" -maxdepth 1 -type f \( -iname 'LICEN[CS]E*' \) | head -n1 || true)"
if [ -n "$licence_file" ]; then
  cp "$licence_file" "$DEST/LICENCE.txt"
else
  cat > "$DEST/LICENCE.txt" <<'LICENCE'
The MIT License (MIT)

Copyright (C) 2017 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies
of the Software, and to permit persons to whom the Software is furnished to do
so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.

(The govuk-frontend npm package does not include a licence file; its package.json
declares "license": "MIT". This is the LICENSE.txt of the alphagov/govuk-frontend
repository. The documentation is (c) Crown copyright under the Open Government
Licence v3.0.)
LICENCE
fi

cat > "$DEST/VERSION.txt" <<TXT
GOV.UK Frontend $GOVUK_FRONTEND_VERSION from npm (govuk-frontend@$GOVUK_FRONTEND_VERSION).
Compiled by scripts/vendor_govuk_frontend.sh with sass $SASS_ACTUAL (Dart Sass, npm package "sass"),
from the package's Sass entry point dist/govuk/index.scss with:
  \$govuk-font-family: arial, sans-serif   (Arial instead of GDS Transport)
  \$govuk-include-default-font-face: false (no @font-face; fonts not vendored, assets/fonts not copied)
  \$govuk-assets-path: "$ASSETS_URL"
    (images resolve under Django's STATIC_URL "/static/")
All other settings are GOV.UK Frontend defaults.
Files: govuk-frontend.min.css (compiled), govuk-frontend.min.js (+ .map, ES module, unchanged),
assets/images/, assets/manifest.json, LICENCE.txt (MIT).
Do not edit these files by hand: re-run scripts/vendor_govuk_frontend.sh.
TXT

echo "==> writing $FINAL_DEST"
rm -rf "$FINAL_DEST"
mkdir -p "$(dirname "$FINAL_DEST")"
cp -R "$DEST" "$FINAL_DEST"
echo "==> done: GOV.UK Frontend $GOVUK_FRONTEND_VERSION, sass $SASS_ACTUAL"
ls -la "$FINAL_DEST"
