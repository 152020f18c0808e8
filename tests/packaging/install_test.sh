#!/usr/bin/env bash
# Installs the build into a temporary prefix and runs the installed programs from a folder
# outside the source and build trees: --version of all three, a solve (its fixed point checked
# here: w = tanh(A w + B x + c)), an export, the kernel variant the installed benchmark chose
# (against this CPU's flags), a moved copy of the installed tree, the man pages, and the
# desktop entry, MIME and AppStream files through their validators.
#   install_test.sh BUILD_DIR VERSION KERNEL_VARIANTS(ON|OFF)
set -euo pipefail
build="$1" version="$2" variants="$3"
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix="$tmp/prefix"
cmake --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install"; }
work="$tmp/work"
mkdir -p "$work"
cd "$work"
case "$(pwd -P)" in "$(cd "$build" && pwd -P)"*) fail "the work folder is inside the build tree" ;; esac
export QT_QPA_PLATFORM=offscreen
bin="$prefix/bin"

# --version: one line, the project's version.
for p in equilab equilab-cli equilab-bench; do
  [ -x "$bin/$p" ] || fail "$p not installed in bin/"
  out=$("$bin/$p" --version)
  [ "$(wc -l <<<"$out")" -eq 1 ] || fail "$p --version printed more than one line: $out"
  grep -qE "^(EquiLab|$p) $version\$" <<<"$out" || fail "$p --version: \"$out\", expected version $version"
done

# solve: the installed CLI's fixed point satisfies the equation (checked here, independently).
"$bin/equilab-cli" generate --hidden 5 --input 3 --norm 0.8 --seed 4 --out scenario.json
"$bin/equilab-cli" solve --scenario scenario.json --json >solve.json
python3 - <<'PY' || fail "the installed solve's fixed point does not satisfy w = tanh(Aw + Bx + c)"
import json, math
s = json.load(open("scenario.json")); r = json.load(open("solve.json"))
A, B, c, x, w = s["A"], s["B"], s["c"], s["x"], r["fixed_point"]
assert r["converged"], r
phi = [math.tanh(sum(A[i][j] * w[j] for j in range(len(w))) + sum(B[i][k] * x[k] for k in range(len(x))) + c[i])
       for i in range(len(w))]
err = max(abs(p - q) for p, q in zip(phi, w))
assert err < 1e-8, err
print(f"solve: {len(w)} components, |phi(w) - w| = {err:.1e}")
PY

# export: a PNG and an SVG of a view, without a display.
"$bin/equilab-cli" export --scenario scenario.json --views phase --format png,svg --out plots >/dev/null
png=$(find plots -name '*.png' | head -1)
svg=$(find plots -name '*.svg' | head -1)
[ -n "$png" ] && [ "$(head -c 4 "$png" | tail -c 3)" = PNG ] || fail "export wrote no PNG"
[ -n "$svg" ] && grep -q '<svg' "$svg" || fail "export wrote no SVG"

# The kernel variant: the highest level this CPU has (from /proc/cpuinfo), loaded from the
# installed tree; the tree still works after moving it.
expected=baseline
if [ "$variants" = ON ]; then
  flags=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
  has() { for f in "$@"; do [[ "$flags" == *" $f "* ]] || return 1; done; }
  if has avx512f avx512bw avx512cd avx512dq avx512vl avx2 fma bmi2; then expected=x86-64-v4
  elif has avx2 avx fma bmi1 bmi2 f16c movbe abm; then expected=x86-64-v3
  elif has sse4_2 sse4_1 ssse3 popcnt cx16; then expected=x86-64-v2
  fi
fi
kernels_of() { "$1" --synthetic --repeats 1 --modes itd --hidden 4 --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["kernels"])'; }
got=$(kernels_of "$bin/equilab-bench")
[ "$got" = "$expected" ] || fail "installed equilab-bench ran kernels \"$got\", expected \"$expected\""
mv "$prefix" "$tmp/moved"
got=$(kernels_of "$tmp/moved/bin/equilab-bench")
[ "$got" = "$expected" ] || fail "moved install ran kernels \"$got\", expected \"$expected\""
mv "$tmp/moved" "$prefix"
echo "kernels: $got"

# Man pages, desktop entry, MIME type, AppStream.
share="$prefix/share"
for p in equilab equilab-cli equilab-bench; do
  zcat "$share/man/man1/$p.1.gz" | grep -qi "^\.TH \"*$p" || fail "no man page for $p"
done
desktop-file-validate "$share/applications/equilab.desktop" || fail "desktop-file-validate"
appstreamcli validate --no-net "$share/metainfo/"*.metainfo.xml || fail "appstreamcli validate"
[ -f "$share/icons/hicolor/scalable/apps/equilab.svg" ] || fail "no icon"
if command -v update-mime-database >/dev/null; then
  update-mime-database "$share/mime" || fail "update-mime-database"
  grep -q 'application/x-equilab-scenario' "$share/mime/globs2" || fail "MIME type not registered"
fi
[ -f "$share/doc/equilab/README.md" ] || fail "README not in the doc folder"
echo "install test passed"
