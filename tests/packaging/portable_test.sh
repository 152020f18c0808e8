#!/usr/bin/env bash
# The default build is portable: a fresh configure with no options compiles nothing with
# -march=native and builds the kernel variants; and in this build (when it is a portable one)
# the programs contain no AVX/AVX-512 instructions while each kernel variant contains the ones
# of its level — so the -march flags reached the code they were meant for.
#   portable_test.sh SOURCE_DIR BUILD_DIR NATIVE(ON|OFF) KERNEL_VARIANTS(ON|OFF) KERNEL_DIR
set -euo pipefail
src="$1" build="$2" native="$3" variants="$4" kernel_dir="$5"
fail() { echo "FAIL: $*" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cmake -S "$src" -B "$tmp" -G Ninja >"$tmp.log" 2>&1 || { cat "$tmp.log"; rm -f "$tmp.log"; fail "configure"; }
rm -f "$tmp.log"
commands="$tmp/compile_commands.json"
if grep -q -- '-march=native' "$commands"; then fail "the default build compiles with -march=native"; fi
grep -q -- '-march=x86-64-v4' "$commands" || fail "the default build has no x86-64-v4 kernel variant"
echo "default configure: no -march=native, kernel variants on"

[ "$native" = OFF ] || { echo "this build is native: the instruction checks do not apply"; exit 0; }
# Count instructions naming ymm/zmm registers (AVX and AVX-512) in the code sections.
count() { objdump -d --no-show-raw-insn "$1" | grep -cE "%$2[0-9]" || true; }
for exe in app/equilab-cli app/equilab-bench; do
  n=$(count "$build/$exe" ymm)
  [ "$n" -eq 0 ] || fail "$exe has $n AVX instructions: it is not portable"
done
echo "programs: no AVX instructions"
[ "$variants" = ON ] || exit 0
# A development build (EQUILAB_KERNEL_ISAS=host) has only the level this CPU runs; a package
# build has all three. Each variant that is built is checked.
v2="$build/$kernel_dir/libequilab-kernels-x86-64-v2.so"
v3="$build/$kernel_dir/libequilab-kernels-x86-64-v3.so"
v4="$build/$kernel_dir/libequilab-kernels-x86-64-v4.so"
built=()
for v in "$v2" "$v3" "$v4"; do [ -f "$v" ] && built+=("$v"); done
[ ${#built[@]} -gt 0 ] || fail "no kernel variant in $build/$kernel_dir"
[ ! -f "$v2" ] || [ "$(count "$v2" ymm)" -eq 0 ] || fail "the v2 variant has AVX instructions"
[ ! -f "$v3" ] || { [ "$(count "$v3" ymm)" -gt 100 ] && [ "$(count "$v3" zmm)" -eq 0 ]; } || fail "the v3 variant is not AVX2-only code"
[ ! -f "$v4" ] || [ "$(count "$v4" zmm)" -gt 100 ] || fail "the v4 variant has no AVX-512 instructions"
# One exported symbol per variant.
for v in "${built[@]}"; do
  exported=$(nm -D --defined-only "$v" | awk '{print $3}' | grep -v '^$' | sort -u)
  [ "$exported" = equilab_kernel_table ] || fail "$(basename "$v") exports more than its table: $(head -5 <<<"$exported")"
done
echo "variants built: $(for v in "${built[@]}"; do basename "$v" .so; done | tr '\n' ' ')(v2 no AVX, v3 AVX2 without AVX-512, v4 AVX-512; each exports its table alone)"
