import { EMBEDDING_DIMENSIONS, type Embedder } from './types';

// A deterministic embedder that needs no model: words, word pairs and character trigrams
// hashed into 384 signed buckets, then scaled to unit length. Questions that share words and
// word pieces land close together, so "similar past questions" works offline.

function fnv1a(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const STOP = new Set(['the', 'a', 'an', 'to', 'of', 'in', 'on', 'for', 'and', 'is', 'are', 'was', 'did', 'do', 'does', 'i', 'my', 'we', 'our', 'me', 'it', 'at', 'be', 'will', 'what', 'how', 'should']);

export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFKD').replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean);
}

function add(vec: Float64Array, feature: string, weight: number) {
  const h = fnv1a(feature, 0);
  const sign = fnv1a(feature, 0x9e3779b9) & 1 ? 1 : -1;
  vec[h % vec.length]! += sign * weight;
}

export function hashedEmbedding(text: string, dimensions = EMBEDDING_DIMENSIONS): number[] {
  const vec = new Float64Array(dimensions);
  const all = words(text);
  const content = all.filter((w) => !STOP.has(w));
  for (const w of content) add(vec, `w:${w}`, 1);
  for (let i = 1; i < all.length; i++) add(vec, `b:${all[i - 1]} ${all[i]}`, 0.5);
  for (const w of content) {
    const padded = `^${w}$`;
    for (let i = 0; i + 3 <= padded.length; i++) add(vec, `c:${padded.slice(i, i + 3)}`, 0.25);
  }
  const norm = Math.hypot(...vec);
  return Array.from(vec, (v) => (norm === 0 ? 0 : Math.round((v / norm) * 1e6) / 1e6));
}

export const hashedEmbedder: Embedder = {
  model: 'hashed-ngrams-v1',
  dimensions: EMBEDDING_DIMENSIONS,
  async embed(texts) {
    return texts.map((t) => hashedEmbedding(t));
  },
};

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
