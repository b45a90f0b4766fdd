// A faster BatchMatMul for the wasm backend, for the attention products of USE lite ([16,4,128,64]·[16,4,128,64]ᵀ etc.).
// tfjs-backend-wasm 4.5 sends every BatchMatMul whose batch is > 1 to a scalar loop (≈ 1 GMAC/s here), while the 2-D
// ones (the dense layers) go to XNNPACK. This replaces the batched case with a small wasm SIMD kernel that works in
// place on the backend's own heap (no copies); 2-D products, broadcasting batches and transposeA keep the original.
// Each output element is still one product summed in k order with one mul and one add per step (no FMA), so results
// differ from the original kernel only in float32 rounding.
//
// The kernel is the C below, compiled with clang 14 (no linker needed: the relocatable object instantiates as is):
//   clang-14 --target=wasm32 -O3 -msimd128 -fno-builtin -ffp-contract=off -nostdlib -c batchmatmul.c -o batchmatmul.o
//   base64 -w0 batchmatmul.o
//   #include <wasm_simd128.h>
//   // out[b] = A[b] (M×K) · B[b] (K×N), row-major, batch after batch. Products are summed in k order, one mul + one add each.
//   static void block(const float* a, const float* bb, float* c, int M, int K, int N) {
//     int M4 = M & ~3, N8 = N & ~7;
//     for (int i = 0; i < M4; i += 4) {
//       for (int j = 0; j < N8; j += 8) {
//         v128_t c00 = wasm_f32x4_splat(0), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
//         for (int k = 0; k < K; k++) {
//           v128_t b0 = wasm_v128_load(bb + k * N + j), b1 = wasm_v128_load(bb + k * N + j + 4);
//           v128_t a0 = wasm_f32x4_splat(a[i * K + k]), a1 = wasm_f32x4_splat(a[(i + 1) * K + k]);
//           v128_t a2 = wasm_f32x4_splat(a[(i + 2) * K + k]), a3 = wasm_f32x4_splat(a[(i + 3) * K + k]);
//           c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(a0, b0)); c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(a0, b1));
//           c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(a1, b0)); c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(a1, b1));
//           c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(a2, b0)); c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(a2, b1));
//           c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(a3, b0)); c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(a3, b1));
//         }
//         wasm_v128_store(c + i * N + j, c00); wasm_v128_store(c + i * N + j + 4, c01);
//         wasm_v128_store(c + (i + 1) * N + j, c10); wasm_v128_store(c + (i + 1) * N + j + 4, c11);
//         wasm_v128_store(c + (i + 2) * N + j, c20); wasm_v128_store(c + (i + 2) * N + j + 4, c21);
//         wasm_v128_store(c + (i + 3) * N + j, c30); wasm_v128_store(c + (i + 3) * N + j + 4, c31);
//       }
//     }
//     // Edges: rows past the last multiple of 4, columns past the last multiple of 8.
//     for (int i = 0; i < M; i++) {
//       for (int j = (i < M4 ? N8 : 0); j < N; j++) {
//         float s = 0;
//         for (int k = 0; k < K; k++) s += a[i * K + k] * bb[k * N + j];
//         c[i * N + j] = s;
//       }
//     }
//   }
//   
//   // transposeB = 0: B[b] is K×N. transposeB = 1: B[b] is N×K and is transposed into scratch (K×N floats) first.
//   __attribute__((export_name("bmm")))
//   void bmm(const float* A, const float* B, float* C, float* scratch, int batch, int M, int K, int N, int transposeB) {
//     for (int b = 0; b < batch; b++) {
//       const float* a = A + b * M * K; const float* bb = B + b * K * N; float* c = C + b * M * N;
//       if (transposeB) {
//         for (int n = 0; n < N; n++) for (int k = 0; k < K; k++) scratch[k * N + n] = bb[n * K + k];
//         bb = scratch;
//       }
//       block(a, bb, c, M, K, N);
//     }
//   }
import * as core from "@energetic-ai/core";

const KERNEL_WASM = "AGFzbQEAAAABjYCAgAABYAl/f39/f39/f38AArqAgIAAAgNlbnYPX19saW5lYXJfbWVtb3J5AgAAA2VudhlfX2luZGlyZWN0X2Z1bmN0aW9uX3RhYmxlAXAAAAOCgICAAAEAB4eAgIAAAQNibW0AAArbkICAAAHYEAMsfw17AX0CQCAEQQFIDQAgBkEDSyAHQQFGcSEJIAVBfHEiCkEASiAHQXhxIgtBAEpxIQwgB0ECdCENIAZBBHQhDiAHQQN0IQ8gB0EFdCEQIAdBBHQhESAGQQFxIRIgBkF8cSETIAZBf2ohFEEAIAZBfnFrIRUgACAGQQJ0IhZqIRcgACAGQQN0aiEYIAYgBWxBAnQhGSAAIAZBDGxqIRogByAFbEECdCEbIAcgBmwiHEECdCEdIAhFIAdBAUhyIR4gBkF8aiIfQQJ2QQFqIiBB/v///wdxISEgIEEBcSEiIAAhI0EAISQgAiElIAEhJkEAIScDQCABIBwgJ2xBAnRqISggAiAnIAVsIikgB2xBAnRqISoCQAJAAkACQAJAAkACQAJAIB5FDQAgAyAoIAgbISsMAQsgBkEBSA0BICcgBmwiLCAGaiErQQAhLSADIS4gJiEvQQAhMANAIDAgBmwhMUEAISACQAJAIAlFDQACQCADIDBBAnRqIAEgKyAxakECdGpPDQBBACEgIAEgLCAxakECdGogAyAwIAZqQQJ0akkNAQtBACEyAkAgH0EESQ0AQQAhMiAhITMgLiEgIC8hNANAICAgNP0AAgD9CwIAICAgEWogNEEQav0AAgD9CwIAICAgEGohICA0QSBqITQgMkEIaiEyIDNBfmoiMw0ACwsCQCAiRQ0AIAMgMiAHbCAwakECdGogKCAyIDFqQQJ0av0AAgD9CwIACyATISAgEyAGRg0BCyAgITQCQCASRQ0AIAMgICAHbCAwakECdGogKCAgIDFqQQJ0aioCADgCACAgQQFyITQLIBQgIEYNACAGIDRrITIgLiAHIDRsQQJ0aiEzICYgNCAtakECdGohICAuIAcgNEEBamxBAnRqITFBACE0A0AgMyA0aiAgKgIAOAIAIDEgNGogIEEEaioCADgCACAgQQhqISAgNCAPaiE0IDJBfmoiMg0ACwsgLSAGaiEtIC5BBGohLiAvIBZqIS8gMEEBaiIwIAdHDQALIAMhKwsgDEUNAiAGQQFIDQFBACEsICQhMANAICogLCAHbEECdGohLiAqICxBA3IgB2xBAnRqIS0gKiAsQQJyIAdsQQJ0aiEvICogLEEBciAHbEECdGohKCArITNBACExA0AgMyE0IDAhICAGITL9DAAAAAAAAAAAAAAAAAAAAAAiNSE2IDUhNyA1ITggNSE5IDUhOiA1ITsgNSE8A0AgOCA0QRBq/QAAACI9IBogIGr9CQIAIj795gH95AEhOCA6ID0gGCAgav0JAgAiP/3mAf3kASE6IDwgPSAXICBq/QkCACJA/eYB/eQBITwgNiA9IAAgIGr9CQIAIkH95gH95AEhNiAgQQRqISAgOSA0/QAAACI9ID795gH95AEhOSA7ID0gP/3mAf3kASE7IDcgPSBA/eYB/eQBITcgNSA9IEH95gH95AEhNSA0IA1qITQgMkF/aiIyDQALIC4gMUECdCIgaiI0IDb9CwAQIDQgNf0LAAAgKCAgaiI0IDz9CwAQIDQgN/0LAAAgLyAgaiI0IDr9CwAQIDQgO/0LAAAgLSAgaiIgIDj9CwAQICAgOf0LAAAgM0EgaiEzIDFBCGoiMSALSA0ACyAwIA5qITAgLEEEaiIsIApIDQAMAwsLIAMhKyAMRQ0CC0EAITEgJSEzA0AgMyEgQQAhMgNAICD9DAAAAAAAAAAAAAAAAAAAAAAiPf0LAAAgIEEQaiA9/QsAACAgIA1qIjRBEGogPf0LAAAgNCA9/QsAACA0IA1qIjRBEGogPf0LAAAgNCA9/QsAACA0IA1qIjRBEGogPf0LAAAgNCA9/QsAACAgQSBqISAgMkEIaiIyIAtIDQALIDMgEWohMyAxQQRqIjEgCkgNAAsLIAVBAEwNAiAGQQFIDQEgACApIAZsQQJ0aiEoQQAhLCAjIS0DQAJAIAtBACAsIApIGyIwIAdODQAgLCAHbCEuICwgBmwhLyArIDBBAnRqITMgKyAHIDBqQQJ0aiExA0BDAAAAACFCAkACQCAUDQBBACEgDAELQQAhICAtITRBACEyA0AgQiA0KgIAIDMgIGoqAgCUkiA0QQRqKgIAIDEgIGoqAgCUkiFCIDRBCGohNCAgIA9qISAgFSAyQX5qIjJHDQALQQAgMmshIAsCQCASRQ0AIEIgKCAgIC9qQQJ0aioCACArICAgB2wgMGpBAnRqKgIAlJIhQgsgKiAwIC5qQQJ0aiBCOAIAIDNBBGohMyAxQQRqITEgMEEBaiIwIAdHDQALCyAtIBZqIS0gLEEBaiIsIAVHDQAMAwsLIAVBAEwNAQtBACEuQQAhMQNAAkAgC0EAIDEgCkgbIjAgB04NAAJAIAcgMGsiLUEESQ0AIC1BfHEiL0F8aiIgQQJ2QQFqIjNBA3EhNEEAITICQCAgQQxJDQAgM0H8////B3EhMyAlIDAgLmpBAnRqISBBACEyA0AgIP0MAAAAAAAAAAAAAAAAAAAAACI9/QsCACAgQTBqID39CwIAICBBIGogPf0LAgAgIEEQaiA9/QsCACAgQcAAaiEgIDJBEGohMiAzQXxqIjMNAAsLAkAgNEUNACAlIDAgMmogLmpBAnRqISADQCAg/QwAAAAAAAAAAAAAAAAAAAAA/QsCACAgQRBqISAgNEF/aiI0DQALCyAtIC9GDQEgMCAvaiEwCyAHIDBrITQgJSAwIC5qQQJ0aiEgA0AgIEEANgIAICBBBGohICA0QX9qIjQNAAsLIC4gB2ohLiAxQQFqIjEgBUcNAAsLICMgGWohIyAkIBlqISQgJSAbaiElICYgHWohJiAnQQFqIicgBEcNAAsLCwCYgICAAAdsaW5raW5nAgiJgICAAAEApAEAA2JtbQCtgICAAAlwcm9kdWNlcnMBDHByb2Nlc3NlZC1ieQEMRGViaWFuIGNsYW5nBjE0LjAuNgCagICAAA90YXJnZXRfZmVhdHVyZXMBKwdzaW1kMTI4";

let original = null;
let bmm = null;
let enabled = true;

/** Turns the fast kernel on or off after installation (off = the backend's original kernel for every call). */
export function setFastBatchMatMul(on) { enabled = on; }

/** Replaces the wasm backend's BatchMatMul; call after the backend is ready. Returns false if it cannot (then nothing changes). */
export function installFastBatchMatMul() {
  if (original) return true;
  if (core.getBackend() !== "wasm") return false;
  const backend = core.backend();
  const memory = backend.wasm && backend.wasm.asm && backend.wasm.asm.memory;
  const kernel = core.getKernel("BatchMatMul", "wasm");
  if (!(memory instanceof WebAssembly.Memory) || !kernel) return false;
  const module = new WebAssembly.Module(Buffer.from(KERNEL_WASM, "base64"));
  const instance = new WebAssembly.Instance(module, {
    env: { __linear_memory: memory, __indirect_function_table: new WebAssembly.Table({ initial: 0, element: "anyfunc" }) },
  });
  bmm = instance.exports.bmm;
  original = kernel;
  core.unregisterKernel("BatchMatMul", "wasm");
  core.registerKernel({ ...kernel, kernelFunc: fastBatchMatMul });
  return true;
}

function fastBatchMatMul(args) {
  const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
  const rank = a.shape.length;
  if (!enabled || transposeA || rank < 3 || b.shape.length !== rank || a.dtype !== "float32" || b.dtype !== "float32"
      || a.shape.slice(0, -2).some((d, i) => d !== b.shape[i])) return original.kernelFunc(args);
  const M = a.shape[rank - 2], K = a.shape[rank - 1];
  const N = transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  const Kb = transposeB ? b.shape[rank - 1] : b.shape[rank - 2];
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (K !== Kb || M * K * N * batch === 0) return original.kernelFunc(args); // its error message / empty shapes
  const out = backend.makeOutput([...a.shape.slice(0, -2), M, N], "float32");
  const scratch = transposeB ? backend.makeOutput([K * N], "float32") : null;
  const offset = (t) => backend.dataIdMap.get(t.dataId).memoryOffset;
  bmm(offset(a), offset(b), offset(out), scratch ? offset(scratch) : 0, batch, M, K, N, transposeB ? 1 : 0);
  if (scratch) backend.disposeData(scratch.dataId);
  return out;
}
