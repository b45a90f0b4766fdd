// The wasm kernels of js/fast-kernels.mjs (its header says why); build.sh compiles them and checks the committed base64.
#include <wasm_simd128.h>
#ifdef RELAXED_FMA
// acc += x·y as one fused step. clang 14 only knows the pre-standard opcode (f32x4.qfma, 0xFD 0xAF 0x01); the build
// rewrites it to the standard relaxed-SIMD f32x4.relaxed_madd (0xFD 0x85 0x02), which computes its operands x·y + z.
typedef float f4 __attribute__((vector_size(16)));
#define MAC(acc, x, y) acc = (v128_t)__builtin_wasm_fma_f32x4((f4)(x), (f4)(y), (f4)(acc))
#else
// One multiply and one add per step, summed in k order: the same arithmetic as XNNPACK's f32 GEMM here.
#define MAC(acc, x, y) acc = wasm_f32x4_add(acc, wasm_f32x4_mul(x, y))
#endif

// Packs B (K×N row-major, or N×K when transposed) into panels of 8 columns: P[(p*K + k)*8 + c] = B[k][8p + c], zero-padded.
__attribute__((export_name("pack")))
void pack(const float* B, float* P, int K, int N, int transposed) {
  int panels = (N + 7) / 8;
  for (int p = 0; p < panels; p++)
    for (int k = 0; k < K; k++)
      for (int c = 0; c < 8; c++) {
        int n = p * 8 + c;
        P[(p * K + k) * 8 + c] = n < N ? (transposed ? B[n * K + k] : B[k * N + n]) : 0.0f;
      }
}

static inline void store8(float* c, v128_t lo, v128_t hi, int width) {
  if (width == 8) { wasm_v128_store(c, lo); wasm_v128_store(c + 4, hi); return; }
  switch (width) { // fall through: columns width-1 .. 0
    case 7: c[6] = wasm_f32x4_extract_lane(hi, 2);
    case 6: c[5] = wasm_f32x4_extract_lane(hi, 1);
    case 5: c[4] = wasm_f32x4_extract_lane(hi, 0);
    case 4: c[3] = wasm_f32x4_extract_lane(lo, 3);
    case 3: c[2] = wasm_f32x4_extract_lane(lo, 2);
    case 2: c[1] = wasm_f32x4_extract_lane(lo, 1);
    case 1: c[0] = wasm_f32x4_extract_lane(lo, 0);
  }
}

#define MC 64
// C (M×N) = A (M×K) · B, with B packed by pack(): tiles of 4 rows × 8 columns (6 × 8 measured
// slower: V8 runs out of xmm registers),
// MC rows of A at a time so they stay in cache while every panel passes.
__attribute__((export_name("gemm")))
void gemm(const float* A, const float* P, float* C, int M, int K, int N) {
  int panels = (N + 7) / 8;
  int M4 = M - M % 4;
  for (int i0 = 0; i0 < M4; i0 += MC) {
    int i1 = i0 + MC < M4 ? i0 + MC : M4;
    for (int p = 0; p < panels; p++) {
      const float* pp = P + p * K * 8;
      int width = N - p * 8 < 8 ? N - p * 8 : 8;
      for (int i = i0; i < i1; i += 4) {
        const float* a = A + i * K;
        v128_t z = wasm_f32x4_splat(0);
        v128_t c00 = z, c01 = z, c10 = z, c11 = z, c20 = z, c21 = z, c30 = z, c31 = z;
        for (int k = 0; k < K; k++) {
          v128_t b0 = wasm_v128_load(pp + k * 8), b1 = wasm_v128_load(pp + k * 8 + 4);
          v128_t a0 = wasm_v128_load32_splat(a + k);
          MAC(c00, a0, b0); MAC(c01, a0, b1);
          v128_t a1 = wasm_v128_load32_splat(a + K + k);
          MAC(c10, a1, b0); MAC(c11, a1, b1);
          v128_t a2 = wasm_v128_load32_splat(a + 2 * K + k);
          MAC(c20, a2, b0); MAC(c21, a2, b1);
          v128_t a3 = wasm_v128_load32_splat(a + 3 * K + k);
          MAC(c30, a3, b0); MAC(c31, a3, b1);
        }
        float* c = C + i * N + p * 8;
        store8(c, c00, c01, width); store8(c + N, c10, c11, width); store8(c + 2 * N, c20, c21, width);
        store8(c + 3 * N, c30, c31, width);
      }
    }
  }
  for (int i = M4; i < M; i++) {
    const float* a = A + i * K;
    for (int p = 0; p < panels; p++) {
      const float* pp = P + p * K * 8;
      int width = N - p * 8 < 8 ? N - p * 8 : 8;
      v128_t c0 = wasm_f32x4_splat(0), c1 = c0;
      for (int k = 0; k < K; k++) {
        v128_t a0 = wasm_v128_load32_splat(a + k);
        MAC(c0, a0, wasm_v128_load(pp + k * 8)); MAC(c1, a0, wasm_v128_load(pp + k * 8 + 4));
      }
      store8(C + i * N + p * 8, c0, c1, width);
    }
  }
}

// Batched: out[b] = A[b] (M×K) · B[b] (K×N, or N×K when transposeB); scratch holds one packed B (ceil(N/8)·8·K floats).
__attribute__((export_name("bmm")))
void bmm(const float* A, const float* B, float* C, float* scratch, int batch, int M, int K, int N, int transposeB) {
  for (int b = 0; b < batch; b++) {
    pack(B + b * K * N, scratch, K, N, transposeB);
    gemm(A + b * M * K, scratch, C + b * M * N, M, K, N);
  }
}
