import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * The layer rule, checked on the whole import graph of core/, server/, cloudfunctions/ and src/ (every
 * non-test .ts/.tsx file; relative imports and the @core / @ aliases; type-only imports count too):
 * - no import circle anywhere;
 * - each layer imports only the layers below it:
 *     core       → core
 *     ports      → ports, core                        (ports declare)
 *     adapters   → adapters, ports, core              (adapters implement ports)
 *     use-cases  → use-cases, ports, core
 *     functions  → functions, use-cases, ports, core
 *     src (app)  → src, core
 *   The composition roots may import everything: server/composition, server/runtime (the local host and
 *   its deps) and cloudfunctions/<fn>/index.ts. Test support (testing/ folders, *.contract.ts,
 *   *.fixture.ts) is exempt from the directions, not from the circle check.
 */
const ROOT = resolve(__dirname, '..');
const ROOTS = ['core', 'server', 'cloudfunctions', 'src'];

type Layer = 'core' | 'ports' | 'adapters' | 'use-cases' | 'functions' | 'app' | 'composition' | 'testing';

const ALLOWED: Partial<Record<Layer, Layer[]>> = {
  core: ['core'],
  ports: ['ports', 'core'],
  adapters: ['adapters', 'ports', 'core'],
  'use-cases': ['use-cases', 'ports', 'core'],
  functions: ['functions', 'use-cases', 'ports', 'core'],
  app: ['app', 'core'],
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name) ? [path] : [];
  });
}

export function layerOf(file: string): Layer {
  const r = relative(ROOT, file).split('\\').join('/');
  if (r.startsWith('core/')) return 'core';
  if (r.startsWith('src/')) return 'app';
  if (r.startsWith('cloudfunctions/')) return 'composition';
  if (/(^|\/)testing\/|\.contract\.ts$|\.fixture\.ts$/.test(r)) return 'testing';
  const folder = r.split('/')[1];
  if (folder === 'ports' || folder === 'adapters' || folder === 'use-cases' || folder === 'functions') return folder;
  return 'composition'; // server/composition, server/runtime
}

function importGraph(): Map<string, string[]> {
  const files = ROOTS.flatMap((r) => sources(join(ROOT, r)));
  const known = new Set(files);
  const resolveSpec = (from: string, spec: string): string | null => {
    let base: string;
    if (spec.startsWith('@core/')) base = join(ROOT, 'core', spec.slice('@core/'.length));
    else if (spec.startsWith('@/')) base = join(ROOT, 'src', spec.slice(2));
    else if (spec.startsWith('.')) base = resolve(dirname(from), spec);
    else return null;
    const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')].find((c) => known.has(c));
    return found ?? null;
  };
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(file, [...new Set(info.importedFiles.map((i) => resolveSpec(file, i.fileName)).filter((f): f is string => f !== null))]);
  }
  return graph;
}

/** One circle per strongly connected part of the graph, as a path that returns to its start. */
export function findCycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const parts: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const part: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        part.push(w);
      } while (w !== v);
      if (part.length > 1 || (graph.get(v) ?? []).includes(v)) parts.push(part);
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  // A path through each part: breadth-first from its first file back to it, inside the part.
  return parts.map((part) => {
    const inPart = new Set(part);
    const start = part[part.length - 1];
    const from = new Map<string, string>();
    const queue = [start];
    while (queue.length > 0) {
      const v = queue.shift()!;
      for (const w of graph.get(v) ?? []) {
        if (!inPart.has(w)) continue;
        if (w === start) {
          const path = [start];
          for (let x: string | undefined = v; x !== undefined && x !== start; x = from.get(x)) path.splice(1, 0, x);
          return [...path, start];
        }
        if (!from.has(w)) {
          from.set(w, v);
          queue.push(w);
        }
      }
    }
    return [start, start];
  });
}

describe('import graph', () => {
  const graph = importGraph();
  const name = (f: string) => relative(ROOT, f);

  it('the circle finder reports a circle as a path back to its start', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(findCycles(g)).toEqual([['a', 'b', 'c', 'a']]);
  });

  it('sees the whole code base (resolves relative imports and @core)', () => {
    expect(graph.size).toBeGreaterThan(300);
    const useCase = [...graph.keys()].find((f) => name(f) === join('server', 'use-cases', 'context.ts'))!;
    expect(graph.get(useCase)!.some((f) => layerOf(f) === 'core')).toBe(true);
  });

  it('has no import circle', () => {
    expect(findCycles(graph).map((c) => c.map(name).join(' → '))).toEqual([]);
  });

  it('each layer imports only the layers below it (ports → core; adapters → ports; use cases → ports; functions → use cases)', () => {
    const offenders: string[] = [];
    for (const [file, imports] of graph) {
      const allowed = ALLOWED[layerOf(file)];
      if (!allowed) continue;
      for (const target of imports) {
        if (!allowed.includes(layerOf(target))) offenders.push(`${name(file)} (${layerOf(file)}) → ${name(target)} (${layerOf(target)})`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
