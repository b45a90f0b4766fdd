// Faster matrix products for USE lite on tfjs's wasm backend (4.5), replacing two of its kernels:
//   BatchMatMul: a batch > 1 (the attention products, [16,4,128,64]·[16,4,128,64]ᵀ …) ran in a scalar loop (≈ 1 GMAC/s,
//     ~30% of the model's time); 2-D ones (dense layers) went to XNNPACK.
//   Conv2D with a 1×1 filter (the graph's other projections), i.e. a [B·H·W, C]·[C, N] product, went to XNNPACK.
// Both now run the wasm GEMM below, in place on the backend's own heap (no copies): B is packed into panels of 8 columns
// per call (≈ 0.5% of the product's time), then 4×8 tiles accumulate in k order. Reading packed panels sequentially
// makes it ≈ 1.45× faster than XNNPACK here with the same arithmetic (bit-identical results: the "simd" build), and
// ≈ 1.8× with fused multiply-adds (relaxed SIMD, behind a V8 flag in Node 20: the "fma" build, used when it compiles;
// it rounds once per step instead of twice, so results differ in the last bits). Anything else (transposeA, broadcast
// batches, non-float32, other convolutions) keeps the original kernel.
// Two data-movement kernels are replaced too, by row copies on the heap: GatherV2 on axis 0 (the token-embedding lookup,
// 2048 rows of 256: ≈ 19 ms per batch of 16 in tfjs's per-element loop) and SplitV on the last axis (the Q/K/V split,
// ≈ 36 ms per batch in tfjs's strided Slice).
//
// The kernels are js/kernels/gemm.c, compiled by js/kernels/build.sh (clang 14, wasm32, no linker: the relocatable
// objects instantiate as they are); `bash js/kernels/build.sh --check` rebuilds them and compares with the base64 below.
import v8 from "node:v8";
import * as core from "@energetic-ai/core";

const KERNEL_SIMD = "AGFzbQEAAAABnoCAgAADYAV/f39/fwBgBn9/f39/fwBgCX9/f39/f39/fwACuoCAgAACA2Vudg9fX2xpbmVhcl9tZW1vcnkCAAADZW52GV9faW5kaXJlY3RfZnVuY3Rpb25fdGFibGUBcAAAA4SAgIAAAwABAgeVgICAAAMEcGFjawAABGdlbW0AAQNibW0AAgrml4CAAAOuCAIdfwJ9AkAgA0EBSA0AIAJBAUgNACADQQdqQQhtIgVBASAFQQFKGyEGAkAgBEUNACACQQV0IQcgACACQQJ0aiEIIAAgAkEDdGohCSAAIAJBDGxqIQogACACQQR0aiELIAAgAkEUbGohDCAAIAJBGGxqIQ0gACACQRxsaiEOQQAhBUEAIQ8DQCAPQQN0IhBBB3IhESAQQQZyIRIgEEEFciETIBBBBHIhFCAQQQNyIRUgEEECciEWIBBBAXIhFyACIRggACEZIAEhGiAIIRsgCSEcIAohHSALIR4gDCEfIA0hICAOISEDQEMAAAAAISJDAAAAACEjAkAgECADTg0AIBkgBWoqAgAhIwsgGiAFaiIEICM4AgACQCAXIANODQAgGyAFaioCACEiCyAEQQRqICI4AgBDAAAAACEiQwAAAAAhIwJAIBYgA04NACAcIAVqKgIAISMLIARBCGogIzgCAAJAIBUgA04NACAdIAVqKgIAISILIARBDGogIjgCAEMAAAAAISJDAAAAACEjAkAgFCADTg0AIB4gBWoqAgAhIwsgBEEQaiAjOAIAAkAgEyADTg0AIB8gBWoqAgAhIgsgBEEUaiAiOAIAQwAAAAAhIkMAAAAAISMCQCASIANODQAgICAFaioCACEjCyAEQRhqICM4AgACQCARIANODQAgISAFaioCACEiCyAEQRxqICI4AgAgGUEEaiEZIBpBIGohGiAbQQRqIRsgHEEEaiEcIB1BBGohHSAeQQRqIR4gH0EEaiEfICBBBGohICAhQQRqISEgGEF/aiIYDQALIAUgB2ohBSAPQQFqIg8gBkcNAAwCCwsgAkEFdCETIAFBHGohECADQQJ0IRggAEEcaiERQQAhEgNAIBJBA3QiGUEHciEbIBlBBnIhHCAZQQVyIR0gGUEEciEeIBlBA3IhHyAZQQJyISAgGUEBciEhIBAhBCARIQUgAiEaA0BDAAAAACEiQwAAAAAhIwJAIBkgA04NACAFQWRqKgIAISMLIARBZGogIzgCAAJAICEgA04NACAFQWhqKgIAISILIARBaGogIjgCAEMAAAAAISJDAAAAACEjAkAgICADTg0AIAVBbGoqAgAhIwsgBEFsaiAjOAIAAkAgHyADTg0AIAVBcGoqAgAhIgsgBEFwaiAiOAIAQwAAAAAhIkMAAAAAISMCQCAeIANODQAgBUF0aioCACEjCyAEQXRqICM4AgACQCAdIANODQAgBUF4aioCACEiCyAEQXhqICI4AgBDAAAAACEiQwAAAAAhIwJAIBwgA04NACAFQXxqKgIAISMLIARBfGogIzgCAAJAIBsgA04NACAFKgIAISILIAQgIjgCACAEQSBqIQQgBSAYaiEFIBpBf2oiGg0ACyAQIBNqIRAgEUEgaiERIBJBAWoiEiAGRw0ACwsLww4EG38IewV/BXsgBUEHakEIbSEGAkAgAyADQQRvIgdrIghBAUgNACAFQQFIDQAgBUEDbCEJIAVBAXQhCiAGQQEgBkEBShshCyAEQQV0IQwgBEEEdCENIARBCHQhDiAAIARBAnRqIQ8gACAEQQF0QQJ0aiEQIAAgBEEDbEECdGohESAAIRJBACETA0ACQCATIBNBwABqIhQgCCAUIAhIIhUbIhZODQBBACEXIAEhGANAIAUgF0EDdGsiGUEIIBlBCEgbIRogAiAXQQV0aiEbIBIhHCAPIR0gECEeIBEhHyATISADQAJAAkAgBEEASg0A/QwAAAAAAAAAAAAAAAAAAAAAIiEhIiAhISMgISEkICEhJSAhISYgISEnICEhKAwBCyAYIRkgHCEpIB0hKiAeISsgHyEsIAQhLf0MAAAAAAAAAAAAAAAAAAAAACIoIScgKCEmICghJSAoISQgKCEjICghIiAoISEDQCAiIBn9AAAAIi4gLP0JAAAiL/3mAf3kASEiICQgLiAr/QkAACIw/eYB/eQBISQgJiAuICr9CQAAIjH95gH95AEhJiAoIC4gKf0JAAAiMv3mAf3kASEoICEgGUEQav0AAAAiLiAv/eYB/eQBISEgIyAuIDD95gH95AEhIyAlIC4gMf3mAf3kASElICcgLiAy/eYB/eQBIScgGUEgaiEZIClBBGohKSAqQQRqISogK0EEaiErICxBBGohLCAtQX9qIi0NAAsLIBsgICAFbEECdGohGQJAAkACQAJAAkACQAJAAkACQAJAIBpBf2oiKg4IBgUEAwIBAAgHCyAZICf9HwI4AhgLIBkgJ/0fATgCFAsgGSAn/R8AOAIQCyAZICj9HwM4AgwLIBkgKP0fAjgCCAsgGSAo/R8BOAIECyAZICj9HwA4AgALIBkgBUECdGohKQJAAkACQAJAAkACQAJAAkAgKg4HBgUEAwIBAAcLICkgJf0fAjgCGAsgKSAl/R8BOAIUCyApICX9HwA4AhALICkgJv0fAzgCDAsgKSAm/R8COAIICyApICb9HwE4AgQLICkgJv0fADgCAAsgGSAKQQJ0aiEpAkACQAJAAkACQAJAAkACQCAqDgcGBQQDAgEABwsgKSAj/R8COAIYCyApICP9HwE4AhQLICkgI/0fADgCEAsgKSAk/R8DOAIMCyApICT9HwI4AggLICkgJP0fATgCBAsgKSAk/R8AOAIACyAZIAlBAnRqIRkCQAJAAkACQAJAAkACQCAqDgcGBQQDAgEACAsgGSAh/R8COAIYCyAZICH9HwE4AhQLIBkgIf0fADgCEAsgGSAi/R8DOAIMCyAZICL9HwI4AggLIBkgIv0fATgCBAsgGSAi/R8AOAIADAELIBkgJ/0LABAgGSAo/QsAACAZIAVBAnRqIikgJf0LABAgKSAm/QsAACAZIApBAnRqIikgI/0LABAgKSAk/QsAACAZIAlBAnRqIhkgIf0LABAgGSAi/QsAAAsgHCANaiEcIB0gDWohHSAeIA1qIR4gHyANaiEfICBBBGoiICAWSA0ACyAYIAxqIRggF0EBaiIXIAtHDQALCyASIA5qIRIgDyAOaiEPIBAgDmohECARIA5qIREgFCETIBUNAAsLAkAgB0EBSA0AIAVBAUgNACAGQQEgBkEBShshHQJAIARBAEoNACAFQQJ0ISwgAiAFIAhsQQJ0aiErA0AgBSEpICshGSAdISoDQAJAAkACQAJAAkACQAJAAkACQCApQQggKUEISBtBf2oOCAYFBAMCAQAHCAsgGUEYakEANgIACyAZQRRqQQA2AgALIBlBEGpBADYCAAsgGUEMakEANgIACyAZQQhqQQA2AgALIBlBBGpBADYCAAsgGUEANgIADAELIBn9DAAAAAAAAAAAAAAAAAAAAAAiLv0LAAAgGUEQaiAu/QsAAAsgKUF4aiEpIBlBIGohGSAqQX9qIioNAAsgKyAsaiErIAhBAWoiCCADSA0ADAILCyAEQQJ0IR8gBEEFdCEeIAAgBCAIbEECdGohIANAIAIgCCAFbEECdGohHEEAISsgASEsA0AgBSArQQN0Ig1rIS0gICEpICwhGSAEISr9DAAAAAAAAAAAAAAAAAAAAAAiKCEuA0AgLiAZ/QAAACAp/QkAACIh/eYB/eQBIS4gKCAZQRBq/QAAACAh/eYB/eQBISggKUEEaiEpIBlBIGohGSAqQX9qIioNAAsgHCANQQJ0aiEZAkACQAJAAkACQAJAAkACQAJAIC1BCCAtQQhIG0F/ag4IBgUEAwIBAAcICyAZICj9HwI4AhgLIBkgKP0fATgCFAsgGSAo/R8AOAIQCyAZIC79HwM4AgwLIBkgLv0fAjgCCAsgGSAu/R8BOAIECyAZIC79HwA4AgAMAQsgGSAo/QsAECAZIC79CwAACyAsIB5qISwgK0EBaiIrIB1HDQALICAgH2ohICAIQQFqIgggA0gNAAsLC28BA38CQCAEQQFIDQAgByAGbEECdCEJIAYgBWxBAnQhCiAHIAVsQQJ0IQsDQCABIAMgBiAHIAgQgICAgAAgACADIAIgBSAGIAcQgYCAgAAgASAJaiEBIAAgCmohACACIAtqIQIgBEF/aiIEDQALCwsAqoCAgAAHbGlua2luZwIIm4CAgAADAKQBAARwYWNrAKQBAQRnZW1tAKQBAgNibW0AlYCAgAAKcmVsb2MuQ09ERQQCAK4XAADAFwEArYCAgAAJcHJvZHVjZXJzAQxwcm9jZXNzZWQtYnkBDERlYmlhbiBjbGFuZwYxNC4wLjYAmoCAgAAPdGFyZ2V0X2ZlYXR1cmVzASsHc2ltZDEyOA==";
const KERNEL_FMA = "AGFzbQEAAAABnoCAgAADYAV/f39/fwBgBn9/f39/fwBgCX9/f39/f39/fwACuoCAgAACA2Vudg9fX2xpbmVhcl9tZW1vcnkCAAADZW52GV9faW5kaXJlY3RfZnVuY3Rpb25fdGFibGUBcAAAA4SAgIAAAwABAgeVgICAAAMEcGFjawAABGdlbW0AAQNibW0AAgrIl4CAAAOuCAIdfwJ9AkAgA0EBSA0AIAJBAUgNACADQQdqQQhtIgVBASAFQQFKGyEGAkAgBEUNACACQQV0IQcgACACQQJ0aiEIIAAgAkEDdGohCSAAIAJBDGxqIQogACACQQR0aiELIAAgAkEUbGohDCAAIAJBGGxqIQ0gACACQRxsaiEOQQAhBUEAIQ8DQCAPQQN0IhBBB3IhESAQQQZyIRIgEEEFciETIBBBBHIhFCAQQQNyIRUgEEECciEWIBBBAXIhFyACIRggACEZIAEhGiAIIRsgCSEcIAohHSALIR4gDCEfIA0hICAOISEDQEMAAAAAISJDAAAAACEjAkAgECADTg0AIBkgBWoqAgAhIwsgGiAFaiIEICM4AgACQCAXIANODQAgGyAFaioCACEiCyAEQQRqICI4AgBDAAAAACEiQwAAAAAhIwJAIBYgA04NACAcIAVqKgIAISMLIARBCGogIzgCAAJAIBUgA04NACAdIAVqKgIAISILIARBDGogIjgCAEMAAAAAISJDAAAAACEjAkAgFCADTg0AIB4gBWoqAgAhIwsgBEEQaiAjOAIAAkAgEyADTg0AIB8gBWoqAgAhIgsgBEEUaiAiOAIAQwAAAAAhIkMAAAAAISMCQCASIANODQAgICAFaioCACEjCyAEQRhqICM4AgACQCARIANODQAgISAFaioCACEiCyAEQRxqICI4AgAgGUEEaiEZIBpBIGohGiAbQQRqIRsgHEEEaiEcIB1BBGohHSAeQQRqIR4gH0EEaiEfICBBBGohICAhQQRqISEgGEF/aiIYDQALIAUgB2ohBSAPQQFqIg8gBkcNAAwCCwsgAkEFdCETIAFBHGohECADQQJ0IRggAEEcaiERQQAhEgNAIBJBA3QiGUEHciEbIBlBBnIhHCAZQQVyIR0gGUEEciEeIBlBA3IhHyAZQQJyISAgGUEBciEhIBAhBCARIQUgAiEaA0BDAAAAACEiQwAAAAAhIwJAIBkgA04NACAFQWRqKgIAISMLIARBZGogIzgCAAJAICEgA04NACAFQWhqKgIAISILIARBaGogIjgCAEMAAAAAISJDAAAAACEjAkAgICADTg0AIAVBbGoqAgAhIwsgBEFsaiAjOAIAAkAgHyADTg0AIAVBcGoqAgAhIgsgBEFwaiAiOAIAQwAAAAAhIkMAAAAAISMCQCAeIANODQAgBUF0aioCACEjCyAEQXRqICM4AgACQCAdIANODQAgBUF4aioCACEiCyAEQXhqICI4AgBDAAAAACEiQwAAAAAhIwJAIBwgA04NACAFQXxqKgIAISMLIARBfGogIzgCAAJAIBsgA04NACAFKgIAISILIAQgIjgCACAEQSBqIQQgBSAYaiEFIBpBf2oiGg0ACyAQIBNqIRAgEUEgaiERIBJBAWoiEiAGRw0ACwsLpQ4EG38IewV/BXsgBUEHakEIbSEGAkAgAyADQQRvIgdrIghBAUgNACAFQQFIDQAgBUEDbCEJIAVBAXQhCiAGQQEgBkEBShshCyAEQQV0IQwgBEEEdCENIARBCHQhDiAAIARBAnRqIQ8gACAEQQF0QQJ0aiEQIAAgBEEDbEECdGohESAAIRJBACETA0ACQCATIBNBwABqIhQgCCAUIAhIIhUbIhZODQBBACEXIAEhGANAIAUgF0EDdGsiGUEIIBlBCEgbIRogAiAXQQV0aiEbIBIhHCAPIR0gECEeIBEhHyATISADQAJAAkAgBEEASg0A/QwAAAAAAAAAAAAAAAAAAAAAIiEhIiAhISMgISEkICEhJSAhISYgISEnICEhKAwBCyAYIRkgHCEpIB0hKiAeISsgHyEsIAQhLf0MAAAAAAAAAAAAAAAAAAAAACIoIScgKCEmICghJSAoISQgKCEjICghIiAoISEDQCAs/QkAACIuIBn9AAAAIi8gIv2FAiEiICv9CQAAIjAgLyAk/YUCISQgKv0JAAAiMSAvICb9hQIhJiAp/QkAACIyIC8gKP2FAiEoIC4gGUEQav0AAAAiLyAh/YUCISEgMCAvICP9hQIhIyAxIC8gJf2FAiElIDIgLyAn/YUCIScgGUEgaiEZIClBBGohKSAqQQRqISogK0EEaiErICxBBGohLCAtQX9qIi0NAAsLIBsgICAFbEECdGohGQJAAkACQAJAAkACQAJAAkACQAJAIBpBf2oiKg4IBgUEAwIBAAgHCyAZICf9HwI4AhgLIBkgJ/0fATgCFAsgGSAn/R8AOAIQCyAZICj9HwM4AgwLIBkgKP0fAjgCCAsgGSAo/R8BOAIECyAZICj9HwA4AgALIBkgBUECdGohKQJAAkACQAJAAkACQAJAAkAgKg4HBgUEAwIBAAcLICkgJf0fAjgCGAsgKSAl/R8BOAIUCyApICX9HwA4AhALICkgJv0fAzgCDAsgKSAm/R8COAIICyApICb9HwE4AgQLICkgJv0fADgCAAsgGSAKQQJ0aiEpAkACQAJAAkACQAJAAkACQCAqDgcGBQQDAgEABwsgKSAj/R8COAIYCyApICP9HwE4AhQLICkgI/0fADgCEAsgKSAk/R8DOAIMCyApICT9HwI4AggLICkgJP0fATgCBAsgKSAk/R8AOAIACyAZIAlBAnRqIRkCQAJAAkACQAJAAkACQCAqDgcGBQQDAgEACAsgGSAh/R8COAIYCyAZICH9HwE4AhQLIBkgIf0fADgCEAsgGSAi/R8DOAIMCyAZICL9HwI4AggLIBkgIv0fATgCBAsgGSAi/R8AOAIADAELIBkgJ/0LABAgGSAo/QsAACAZIAVBAnRqIikgJf0LABAgKSAm/QsAACAZIApBAnRqIikgI/0LABAgKSAk/QsAACAZIAlBAnRqIhkgIf0LABAgGSAi/QsAAAsgHCANaiEcIB0gDWohHSAeIA1qIR4gHyANaiEfICBBBGoiICAWSA0ACyAYIAxqIRggF0EBaiIXIAtHDQALCyASIA5qIRIgDyAOaiEPIBAgDmohECARIA5qIREgFCETIBUNAAsLAkAgB0EBSA0AIAVBAUgNACAGQQEgBkEBShshHQJAIARBAEoNACAFQQJ0ISwgAiAFIAhsQQJ0aiErA0AgBSEpICshGSAdISoDQAJAAkACQAJAAkACQAJAAkACQCApQQggKUEISBtBf2oOCAYFBAMCAQAHCAsgGUEYakEANgIACyAZQRRqQQA2AgALIBlBEGpBADYCAAsgGUEMakEANgIACyAZQQhqQQA2AgALIBlBBGpBADYCAAsgGUEANgIADAELIBn9DAAAAAAAAAAAAAAAAAAAAAAiL/0LAAAgGUEQaiAv/QsAAAsgKUF4aiEpIBlBIGohGSAqQX9qIioNAAsgKyAsaiErIAhBAWoiCCADSA0ADAILCyAEQQJ0IR8gBEEFdCEeIAAgBCAIbEECdGohIANAIAIgCCAFbEECdGohHEEAISsgASEsA0AgBSArQQN0Ig1rIS0gICEpICwhGSAEISr9DAAAAAAAAAAAAAAAAAAAAAAiKCEvA0AgKf0JAAAiISAZ/QAAACAv/YUCIS8gISAZQRBq/QAAACAo/YUCISggKUEEaiEpIBlBIGohGSAqQX9qIioNAAsgHCANQQJ0aiEZAkACQAJAAkACQAJAAkACQAJAIC1BCCAtQQhIG0F/ag4IBgUEAwIBAAcICyAZICj9HwI4AhgLIBkgKP0fATgCFAsgGSAo/R8AOAIQCyAZIC/9HwM4AgwLIBkgL/0fAjgCCAsgGSAv/R8BOAIECyAZIC/9HwA4AgAMAQsgGSAo/QsAECAZIC/9CwAACyAsIB5qISwgK0EBaiIrIB1HDQALICAgH2ohICAIQQFqIgggA0gNAAsLC28BA38CQCAEQQFIDQAgByAGbEECdCEJIAYgBWxBAnQhCiAHIAVsQQJ0IQsDQCABIAMgBiAHIAgQgICAgAAgACADIAIgBSAGIAcQgYCAgAAgASAJaiEBIAAgCmohACACIAtqIQIgBEF/aiIEDQALCwsAqoCAgAAHbGlua2luZwIIm4CAgAADAKQBAARwYWNrAKQBAQRnZW1tAKQBAgNibW0AlYCAgAAKcmVsb2MuQ09ERQQCAJAXAACiFwEArYCAgAAJcHJvZHVjZXJzAQxwcm9jZXNzZWQtYnkBDERlYmlhbiBjbGFuZwYxNC4wLjYAqICAgAAPdGFyZ2V0X2ZlYXR1cmVzAisMcmVsYXhlZC1zaW1kKwdzaW1kMTI4";

/** The fma build if this Node can compile it (relaxed SIMD, enabled by flag where it is not on by default), else simd. */
function compileKernel() {
  try {
    v8.setFlagsFromString("--experimental-wasm-relaxed-simd"); // Node 20 (V8 11.3); a no-op where relaxed SIMD shipped
    return { module: new WebAssembly.Module(Buffer.from(KERNEL_FMA, "base64")), build: "fma" };
  } catch {
    return { module: new WebAssembly.Module(Buffer.from(KERNEL_SIMD, "base64")), build: "simd" };
  }
}

const originals = {};
let kernel = null;
let build = false;
let enabled = true;

/** Turns the fast kernels on or off after installation (off = the backend's originals for every call). */
export function setFastMatMul(on) { enabled = on; }

/**
 * Replaces the wasm backend's BatchMatMul, Conv2D, GatherV2 and SplitV; call once the backend is ready. Returns the GEMM
 * build ("fma" or "simd"), or false if it cannot (then nothing changes). ARENA_MATMUL_BUILD=simd forces the simd build.
 */
export function installFastMatMul() {
  if (kernel) return build;
  if (core.getBackend() !== "wasm") return false;
  const memory = core.backend().wasm?.asm?.memory;
  const batchMatMul = core.getKernel("BatchMatMul", "wasm"), conv2d = core.getKernel("Conv2D", "wasm");
  const gatherV2 = core.getKernel("GatherV2", "wasm"), splitV = core.getKernel("SplitV", "wasm");
  if (!(memory instanceof WebAssembly.Memory) || !batchMatMul || !conv2d || !gatherV2 || !splitV) return false;
  const compiled = process.env.ARENA_MATMUL_BUILD === "simd"
    ? { module: new WebAssembly.Module(Buffer.from(KERNEL_SIMD, "base64")), build: "simd" } : compileKernel();
  build = compiled.build;
  kernel = new WebAssembly.Instance(compiled.module, {
    env: { __linear_memory: memory, __indirect_function_table: new WebAssembly.Table({ initial: 0, element: "anyfunc" }) },
  }).exports;
  for (const [original, kernelFunc] of [[batchMatMul, fastBatchMatMul], [conv2d, fastConv2D], [gatherV2, fastGatherV2], [splitV, fastSplitV]]) {
    originals[original.kernelName] = original;
    core.unregisterKernel(original.kernelName, "wasm");
    core.registerKernel({ ...original, kernelFunc });
  }
  return build;
}

const offset = (backend, t) => backend.dataIdMap.get(t.dataId).memoryOffset;

function fastBatchMatMul(args) {
  const { inputs: { a, b }, backend, attrs: { transposeA, transposeB } } = args;
  const rank = a.shape.length;
  if (!enabled || transposeA || rank < 2 || b.shape.length !== rank || a.dtype !== "float32" || b.dtype !== "float32"
      || a.shape.slice(0, -2).some((d, i) => d !== b.shape[i])) return originals.BatchMatMul.kernelFunc(args);
  const M = a.shape[rank - 2], K = a.shape[rank - 1];
  const N = transposeB ? b.shape[rank - 2] : b.shape[rank - 1];
  const Kb = transposeB ? b.shape[rank - 1] : b.shape[rank - 2];
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  if (K !== Kb || M * K * N * batch === 0) return originals.BatchMatMul.kernelFunc(args); // its error message / empty shapes
  const out = backend.makeOutput([...a.shape.slice(0, -2), M, N], "float32");
  const packed = backend.makeOutput([Math.ceil(N / 8) * 8 * K], "float32");
  kernel.bmm(offset(backend, a), offset(backend, b), offset(backend, out), offset(backend, packed), batch, M, K, N, transposeB ? 1 : 0);
  backend.disposeData(packed.dataId);
  return out;
}

const ones = (v) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));

function fastConv2D(args) {
  const { inputs: { x, filter }, backend, attrs: { strides, pad, dataFormat, dilations } } = args;
  if (!enabled || x.shape.length !== 4 || filter.shape.length !== 4 || filter.shape[0] !== 1 || filter.shape[1] !== 1
      || filter.shape[2] !== x.shape[3] || !ones(strides) || !ones(dilations ?? 1) || (dataFormat ?? "NHWC") !== "NHWC"
      || !(pad === "valid" || pad === "same" || pad === 0) || x.dtype !== "float32" || filter.dtype !== "float32")
    return originals.Conv2D.kernelFunc(args);
  const M = x.shape[0] * x.shape[1] * x.shape[2], K = x.shape[3], N = filter.shape[3];
  if (M * K * N === 0) return originals.Conv2D.kernelFunc(args);
  const out = backend.makeOutput([x.shape[0], x.shape[1], x.shape[2], N], "float32");
  const packed = backend.makeOutput([Math.ceil(N / 8) * 8 * K], "float32");
  kernel.pack(offset(backend, filter), offset(backend, packed), K, N, 0);
  kernel.gemm(offset(backend, x), offset(backend, packed), offset(backend, out), M, K, N);
  backend.disposeData(packed.dataId);
  return out;
}

// out[i, ...] = x[indices[i], ...]: one row copy per index. Out-of-range indices go to the original (its error).
function fastGatherV2(args) {
  const { inputs: { x, indices }, backend, attrs: { axis, batchDims } } = args;
  if (!enabled || (batchDims ?? 0) !== 0 || x.shape.length < 1 || core.util.parseAxisParam(axis, x.shape)[0] !== 0
      || !["float32", "int32"].includes(x.dtype) || indices.dtype !== "int32") return originals.GatherV2.kernelFunc(args);
  const rows = x.shape[0], row = core.util.sizeFromShape(x.shape.slice(1));
  const ids = backend.typedArrayFromHeap(indices).slice();
  if (ids.some((i) => i < 0 || i >= rows)) return originals.GatherV2.kernelFunc(args);
  const out = backend.makeOutput([...indices.shape, ...x.shape.slice(1)], x.dtype);
  const src = backend.typedArrayFromHeap(x), dst = backend.typedArrayFromHeap(out); // views after makeOutput (heap may grow)
  for (let i = 0; i < ids.length; i++) dst.set(src.subarray(ids[i] * row, ids[i] * row + row), i * row);
  return out;
}

// Splits on the last axis: every output row is a contiguous run of an input row.
function fastSplitV(args) {
  const { inputs: { x }, backend, attrs: { numOrSizeSplits, axis } } = args;
  const rank = x.shape.length;
  if (!enabled || rank < 1 || core.util.parseAxisParam(axis, x.shape)[0] !== rank - 1 || !["float32", "int32"].includes(x.dtype))
    return originals.SplitV.kernelFunc(args);
  const sizes = core.backend_util.prepareSplitSize(x, numOrSizeSplits, rank - 1);
  const width = x.shape[rank - 1], rows = core.util.sizeFromShape(x.shape) / width || 0;
  const outs = sizes.map((s) => backend.makeOutput([...x.shape.slice(0, -1), s], x.dtype));
  const src = backend.typedArrayFromHeap(x);
  let begin = 0;
  sizes.forEach((s, k) => {
    const dst = backend.typedArrayFromHeap(outs[k]);
    for (let r = 0; r < rows; r++) dst.set(src.subarray(r * width + begin, r * width + begin + s), r * s);
    begin += s;
  });
  return outs;
}
