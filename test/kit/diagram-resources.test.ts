/**
 * Each lab's diagram draws what its facts are about: every resource an experiment names (the lab's
 * resources.ts, keyed by experiment id) is a node, and an experiment's resources are joined by the
 * diagram's edges (each within two edges of another of them), so a key, a role or a workflow the
 * lesson is about cannot be left out or drawn unconnected.
 */
import { renderMermaid } from '../../lib/docs/diagram';
import { synthesizeLabTemplate } from '../../lib/docs/lab-template';
import { experimentsOf } from '../../lib/experiments/registry';
import { allLabs, runsSomewhere } from '../../lib/lab/catalogue';

/** The nodes (id -> the name it is drawn with) and the undirected edges of a Mermaid flowchart. */
function graphOf(mermaid: string) {
  const names = new Map<string, string>();
  const neighbours = new Map<string, Set<string>>();
  for (const line of mermaid.split('\n')) {
    const node = /^\s+(\w+)\["([^<"]+)<br\/><i>/.exec(line);
    if (node) names.set(node[1], node[2]);
    const edge = /^\s+(\w+) -\.?->\|"[^"]*"\| (\w+)$/.exec(line);
    if (edge) {
      for (const [a, b] of [
        [edge[1], edge[2]],
        [edge[2], edge[1]],
      ]) {
        neighbours.set(a, (neighbours.get(a) ?? new Set()).add(b));
      }
    }
  }
  return { names, neighbours };
}

/** What is wrong with a lab's diagram for its experiments' resources; empty when all is drawn and joined. */
function diagramProblems(mermaid: string, resources: Readonly<Record<string, readonly string[]>>): string[] {
  const { names, neighbours } = graphOf(mermaid);
  const idOf = new Map([...names].map(([id, name]) => [name, id]));
  const problems: string[] = [];
  for (const [experiment, named] of Object.entries(resources)) {
    const missing = named.filter((name) => !idOf.has(name));
    for (const name of missing) problems.push(`${experiment}: ${name} is not drawn`);
    if (named.length < 2 || missing.length > 0) continue;
    const ids = new Set(named.map((name) => idOf.get(name) ?? ''));
    for (const name of named) {
      const id = idOf.get(name) ?? '';
      const near = new Set(neighbours.get(id) ?? []);
      for (const next of neighbours.get(id) ?? [])
        for (const far of neighbours.get(next) ?? []) near.add(far);
      if (![...near].some((other) => other !== id && ids.has(other)))
        problems.push(
          `${experiment}: ${name} is not joined to ${named.filter((n) => n !== name).join(', ')}`,
        );
    }
  }
  return problems;
}

describe.each(allLabs().map((lab) => [lab.id, lab] as const))('%s diagram', (_id, lab) => {
  test('draws every resource its experiments name, joined by edges', () => {
    const experiments = experimentsOf(lab).map((e) => e.id);
    expect(Object.keys(lab.experimentResources).sort()).toEqual([...experiments].sort());
    if (runsSomewhere(lab))
      expect(Object.values(lab.experimentResources).some((names) => names.length > 0)).toBe(true);
    expect(diagramProblems(renderMermaid(synthesizeLabTemplate(lab)), lab.experimentResources)).toEqual([]);
  });
});

test('the check fails on a resource left out or drawn apart from the others', () => {
  const mermaid = [
    'flowchart LR',
    '  subgraph compute["Compute"]',
    '    Flow1["Flow<br/><i>Step Functions state machine</i>"]',
    '    Fn1["Fn<br/><i>Lambda</i>"]',
    '    Other1["Other<br/><i>Lambda</i>"]',
    '  end',
    '  Flow1 -->|"IAM: InvokeFunction"| Fn1',
  ].join('\n');
  expect(diagramProblems(mermaid, { a: ['Flow', 'Fn'] })).toEqual([]);
  expect(diagramProblems(mermaid, { a: ['Flow', 'Key'] })).toEqual(['a: Key is not drawn']);
  expect(diagramProblems(mermaid, { a: ['Flow', 'Other'] })).toEqual([
    'a: Flow is not joined to Other',
    'a: Other is not joined to Flow',
  ]);
});
