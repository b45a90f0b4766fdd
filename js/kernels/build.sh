#!/usr/bin/env bash
# Builds the wasm kernels of js/fast-kernels.mjs from gemm.c and prints their base64 (KERNEL_SIMD, KERNEL_FMA).
# --check: rebuild and compare with the strings committed in fast-kernels.mjs (exit 1 when they differ).
# Needs clang 14 (Debian's clang-14): it knows only the pre-standard relaxed-SIMD FMA opcode (FD AF 01), so the fma
# build rewrites each one to the standard f32x4.relaxed_madd (FD 85 02).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
flags=(--target=wasm32 -O3 -msimd128 -fno-builtin -ffp-contract=off -nostdlib -Wno-implicit-fallthrough -c)
clang-14 "${flags[@]}" "$here/gemm.c" -o "$tmp/simd.o"
clang-14 "${flags[@]}" -mrelaxed-simd -DRELAXED_FMA "$here/gemm.c" -o "$tmp/fma.o"
python3 - "$tmp/fma.o" <<'PY'
import sys
p = sys.argv[1]; b = open(p, 'rb').read()
n = b.count(b'\xfd\xaf\x01')
if n == 0: sys.exit('fma build: no FD AF 01 opcode to rewrite')
open(p, 'wb').write(b.replace(b'\xfd\xaf\x01', b'\xfd\x85\x02'))
print(f'fma build: rewrote {n} fused multiply-adds', file=sys.stderr)
PY
simd="$(base64 -w0 "$tmp/simd.o")"; fma="$(base64 -w0 "$tmp/fma.o")"
if [ "${1:-}" = "--check" ]; then
  mjs="$here/../fast-kernels.mjs"
  ok=0
  grep -qF "const KERNEL_SIMD = \"$simd\";" "$mjs" || { echo "KERNEL_SIMD differs from gemm.c's build" >&2; ok=1; }
  grep -qF "const KERNEL_FMA = \"$fma\";" "$mjs" || { echo "KERNEL_FMA differs from gemm.c's build" >&2; ok=1; }
  [ $ok = 0 ] && echo "fast-kernels.mjs matches gemm.c" >&2
  exit $ok
fi
echo "const KERNEL_SIMD = \"$simd\";"
echo "const KERNEL_FMA = \"$fma\";"
