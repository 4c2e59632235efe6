import { correlationMatrix, fisherZPValue, partialCorrelation } from './partial-correlation';

export type EdgeOrigin = 'owner' | 'data' | 'assumed';

export interface LearnedEdge {
  from: string;
  to: string;
  /** 'owner' = stated by the owner, 'data' = oriented by the data (v-structures, Meek rules),
   *  'assumed' = direction not identifiable from data, taken from the variable order. */
  origin: EdgeOrigin;
}

export interface PcOptions {
  alpha?: number;
  required?: [string, string][];
  forbidden?: [string, string][];
  maxConditioningSize?: number;
}

export interface PcResult {
  edges: LearnedEdge[];
  /** Pairs found independent, with the conditioning set that separated them and the test's p-value. */
  separations: { a: string; b: string; given: string[]; pValue: number }[];
}

/**
 * PC-stable: start from the complete graph, drop edges whose endpoints are conditionally
 * independent (Fisher z on partial correlations) given subsets of neighbours, orient
 * colliders and apply Meek's rules; owner-stated edges are kept and forbidden ones removed or
 * reversed. Undirected leftovers follow the variable order (listed causes first).
 */
export function pcAlgorithm(variables: string[], columns: number[][], opts: PcOptions = {}): PcResult {
  const alpha = opts.alpha ?? 0.05;
  const p = variables.length;
  const n = columns[0]?.length ?? 0;
  const pos = new Map(variables.map((v, i) => [v, i]));
  const at = (name: string) => pos.get(name) as number;
  const corr = correlationMatrix(columns);
  const adj = Array.from({ length: p }, (_, i) => new Set(variables.map((_, j) => j).filter((j) => j !== i)));
  const requiredDir = new Set((opts.required ?? []).map(([a, b]) => `${at(a)}>${at(b)}`));
  const forbiddenDir = new Set((opts.forbidden ?? []).map(([a, b]) => `${at(a)}>${at(b)}`));
  const isRequired = (i: number, j: number) => requiredDir.has(`${i}>${j}`) || requiredDir.has(`${j}>${i}`);
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    if (i !== j && forbiddenDir.has(`${i}>${j}`) && forbiddenDir.has(`${j}>${i}`)) adj[i]?.delete(j);
  }

  const sepsets = new Map<string, number[]>();
  const separations: PcResult['separations'] = [];
  const maxLevel = opts.maxConditioningSize ?? p - 2;
  for (let level = 0; level <= maxLevel; level++) {
    const frozen = adj.map((s) => new Set(s)); // PC-stable: neighbour sets fixed within a level
    let anyTestable = false;
    for (let i = 0; i < p; i++) {
      for (const j of frozen[i] as Set<number>) {
        if (j < i || !(adj[i] as Set<number>).has(j) || isRequired(i, j)) continue;
        for (const [x, y] of [[i, j], [j, i]] as const) {
          const candidates = [...(frozen[x] as Set<number>)].filter((k) => k !== y);
          if (candidates.length < level) continue;
          anyTestable = true;
          const found = firstSubset(candidates, level, (s) => {
            const pValue = fisherZPValue(partialCorrelation(corr, i, j, s), n, s.length);
            return pValue > alpha ? pValue : null;
          });
          if (found) {
            adj[i]?.delete(j);
            adj[j]?.delete(i);
            sepsets.set(`${Math.min(i, j)},${Math.max(i, j)}`, found.subset);
            separations.push({ a: variables[i] as string, b: variables[j] as string, given: found.subset.map((k) => variables[k] as string), pValue: found.value });
            break;
          }
        }
      }
    }
    if (!anyTestable) break;
  }

  // Orientation: directed[i][j] = true means i → j.
  const directed = Array.from({ length: p }, () => new Array<boolean>(p).fill(false));
  const origin = new Map<string, EdgeOrigin>();
  const adjacent = (i: number, j: number) => (adj[i] as Set<number>).has(j);
  const undirected = (i: number, j: number) => adjacent(i, j) && !directed[i]?.[j] && !directed[j]?.[i];
  const orient = (i: number, j: number, how: EdgeOrigin) => {
    if (!undirected(i, j) || forbiddenDir.has(`${i}>${j}`)) return false;
    (directed[i] as boolean[])[j] = true;
    origin.set(`${i}>${j}`, how);
    return true;
  };
  for (const key of requiredDir) {
    const [a, b] = key.split('>').map(Number) as [number, number];
    orient(a, b, 'owner');
  }
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    if (adjacent(i, j) && forbiddenDir.has(`${i}>${j}`)) orient(j, i, 'owner');
  }
  for (let k = 0; k < p; k++) {
    const nb = [...(adj[k] as Set<number>)];
    for (const i of nb) for (const j of nb) {
      if (i >= j || adjacent(i, j)) continue;
      const sep = sepsets.get(`${i},${j}`) ?? [];
      if (!sep.includes(k) && !directed[k]?.[i] && !directed[k]?.[j]) {
        orient(i, k, 'data');
        orient(j, k, 'data');
      }
    }
  }
  applyMeekRules(p, adjacent, undirected, directed, orient);

  // Leftover undirected edges: follow a topological order of the directed part, ties by listed order.
  const order = topologicalOrder(p, directed);
  const rank = new Map(order.map((v, r) => [v, r]));
  for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) {
    if (!undirected(i, j)) continue;
    const [a, b] = (rank.get(i) as number) < (rank.get(j) as number) ? [i, j] : [j, i];
    if (!orient(a, b, 'assumed')) orient(b, a, 'assumed');
  }
  const edges: LearnedEdge[] = [];
  for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) {
    if (directed[i]?.[j]) edges.push({ from: variables[i] as string, to: variables[j] as string, origin: origin.get(`${i}>${j}`) ?? 'data' });
  }
  return { edges, separations };
}

function applyMeekRules(
  p: number,
  adjacent: (i: number, j: number) => boolean,
  undirected: (i: number, j: number) => boolean,
  directed: boolean[][],
  orient: (i: number, j: number, how: EdgeOrigin) => boolean,
): void {
  const dir = (i: number, j: number) => Boolean(directed[i]?.[j]);
  let changed = true;
  while (changed) {
    changed = false;
    for (let a = 0; a < p; a++) for (let b = 0; b < p; b++) {
      if (a === b || !undirected(a, b)) continue;
      for (let c = 0; c < p; c++) {
        if (c === a || c === b) continue;
        // R1: c → a − b with c, b non-adjacent ⇒ a → b (otherwise a would be a new collider).
        if (dir(c, a) && !adjacent(c, b) && orient(a, b, 'data')) { changed = true; break; }
        // R2: a → c → b with a − b ⇒ a → b (avoid a cycle).
        if (dir(a, c) && dir(c, b) && orient(a, b, 'data')) { changed = true; break; }
        // R3: a − c → b, a − d → b, c and d non-adjacent ⇒ a → b.
        if (undirected(a, c) && dir(c, b)) {
          for (let d = c + 1; d < p; d++) {
            if (d === a || d === b) continue;
            if (undirected(a, d) && dir(d, b) && !adjacent(c, d) && orient(a, b, 'data')) { changed = true; break; }
          }
          if (changed) break;
        }
      }
    }
  }
}

/** Kahn's algorithm over directed edges, smallest index first among ready nodes. */
export function topologicalOrder(p: number, directed: boolean[][]): number[] {
  const indegree = Array.from({ length: p }, (_, j) => directed.reduce((s, row) => s + (row[j] ? 1 : 0), 0));
  const order: number[] = [];
  const ready = indegree.map((d, i) => (d === 0 ? i : -1)).filter((i) => i >= 0);
  while (ready.length) {
    ready.sort((a, b) => a - b);
    const v = ready.shift() as number;
    order.push(v);
    for (let j = 0; j < p; j++) {
      if (directed[v]?.[j]) {
        indegree[j] = (indegree[j] as number) - 1;
        if (indegree[j] === 0) ready.push(j);
      }
    }
  }
  // Nodes left on a cycle (only possible from contradictory owner edges) go last in listed order.
  for (let i = 0; i < p; i++) if (!order.includes(i)) order.push(i);
  return order;
}

/** First k-subset (lexicographic) for which `test` returns a value, or null. */
function firstSubset(items: number[], k: number, test: (subset: number[]) => number | null): { subset: number[]; value: number } | null {
  const chosen: number[] = [];
  const walk = (start: number): { subset: number[]; value: number } | null => {
    if (chosen.length === k) {
      const value = test(chosen);
      return value === null ? null : { subset: chosen.slice(), value };
    }
    for (let s = start; s <= items.length - (k - chosen.length); s++) {
      chosen.push(items[s] as number);
      const r = walk(s + 1);
      chosen.pop();
      if (r) return r;
    }
    return null;
  };
  return walk(0);
}
