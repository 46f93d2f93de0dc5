/**
 * Draws a lab's architecture as a Mermaid flowchart, from its synthesized CloudFormation template:
 * the diagram shows what the stack really creates, so a guide's diagram can be checked against
 * the code (see the drift test) instead of being redrawn by hand.
 *
 * What is drawn, and how, is each type's diagram rule in its service module (lib/resources): nodes
 * (topics, queues, functions, tables, load balancers, Auto Scaling groups, receipt rules), aggregated
 * nodes (alarms, per topic), and the edges types contribute (SNS subscriptions with filter keys, event
 * source mappings, redrive to dead-letter queues, on-failure destinations, load balancer targets,
 * security group rules between the kit's resources, alarm actions, IAM grants and denies to data,
 * messaging, configuration, key and function resources, KMS keys with what they encrypt and their
 * grants). IAM roles that no drawn node runs with (assumed by people, or by a drawn service such as
 * S3 replication) are drawn with their managed policies and permissions boundaries. This module lays
 * them out: VPC -> subnet tier (from CDK's `aws-cdk:subnet-name` tag) for what runs in subnets, the
 * rest by service group.
 */

import { DRAWN_GRANT_SERVICES, knowledgeOf } from '../resources';
import { asList, referencedId } from '../resources/support';
import type { CfnResource, DiagramEdge, DiagramNode } from '../resources/types';

/** A synthesized template, as `cdk synth` writes it. */
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
}

/** A readable name: the construct path without the stack and `Resource` parts, else the logical id. */
function displayName(logicalId: string, resource: CfnResource): string {
  const path = resource.Metadata?.['aws:cdk:path'];
  if (typeof path === 'string') {
    const parts = path.split('/').slice(1);
    const meaningful = parts.filter(
      (p) => !['Resource', 'Default', 'Function', 'Queue', 'Topic'].includes(p),
    );
    const name = (meaningful.length > 0 ? meaningful : parts).join(' ');
    if (name) return name;
  }
  return logicalId.replace(/[0-9A-F]{8}$/, '');
}

const nodeId = (logicalId: string) => logicalId.replace(/[^A-Za-z0-9_]/g, '_');
const quote = (text: string) => `"${text.replace(/"/g, "'")}"`;

/** The subnet tier (CDK's subnet name) of a list of subnet references, with the number of subnets. */
function subnetTier(subnets: unknown, resources: Record<string, CfnResource>): string | undefined {
  const ids = asList(subnets)
    .map(referencedId)
    .filter((id): id is string => Boolean(id));
  const names = new Set(
    ids.map((id) => {
      const tags = (resources[id]?.Properties?.Tags as { Key: string; Value: string }[] | undefined) ?? [];
      return tags.find((t) => t.Key === 'aws-cdk:subnet-name')?.Value ?? 'subnets';
    }),
  );
  if (ids.length === 0) return undefined;
  return `${[...names].sort().join(' + ')} subnets x${ids.length}`;
}

/** Renders a lab's template as a Mermaid `flowchart LR` (without the code fence). */
export function renderMermaid(template: CfnTemplate): string {
  const resources = template.Resources ?? {};
  const ids = Object.keys(resources).sort();
  const diagramOf = (id: string) => knowledgeOf(resources[id].Type)?.diagram;
  const nodes = new Map<string, DiagramNode>();
  const conditional = new Map<string, DiagramNode>();
  for (const id of ids) {
    const node = diagramOf(id)?.node;
    if (node?.drawnWhen) conditional.set(id, node);
    else if (node) nodes.set(id, node);
  }
  const drawn = new Set(nodes.keys());

  // Who owns each security group, and each IAM role: the drawn resources that use it.
  const securityGroupOwners = new Map<string, string[]>();
  const roleOwners = new Map<string, string>();
  for (const [id, node] of nodes) {
    const props = resources[id].Properties ?? {};
    const groups = node.securityGroups?.(props, resources) ?? [];
    for (const group of groups.map(referencedId).filter((g): g is string => Boolean(g))) {
      securityGroupOwners.set(group, [...(securityGroupOwners.get(group) ?? []), id]);
    }
    const role = node.role ? referencedId(node.role(props)) : undefined;
    if (role) roleOwners.set(role, id);
  }
  const context = {
    resources,
    ids,
    drawn,
    securityGroupOwners,
    roleOwners,
    grantServices: DRAWN_GRANT_SERVICES,
  };
  // Types drawn only where they are part of the lesson, until no more join (a role, then its policies).
  for (let added = true; added; ) {
    added = false;
    for (const [id, node] of conditional) {
      if (drawn.has(id) || !node.drawnWhen?.(id, resources[id].Properties ?? {}, context)) continue;
      nodes.set(id, node);
      drawn.add(id);
      added = true;
    }
  }
  const label = (id: string) => `${displayName(id, resources[id])}<br/><i>${nodes.get(id)?.label}</i>`;

  // Where each drawn node sits: a subnet tier inside the VPC, or a service group.
  const placement = new Map<string, string>();
  for (const [id, node] of nodes) {
    const tier = subnetTier(node.subnets?.(resources[id].Properties ?? {}), resources);
    placement.set(id, tier ? `vpc:${tier}` : (node.group ?? 'Other'));
  }

  const edges: DiagramEdge[] = [];
  // The internet, when something is open to it (an internet-facing load balancer).
  const INTERNET = 'internet';
  for (const [id, node] of nodes) {
    const open = node.internet?.(id, resources[id].Properties ?? {}, context);
    if (open !== undefined) edges.push({ from: INTERNET, to: id, label: open });
  }
  for (const id of ids)
    edges.push(...(diagramOf(id)?.edges?.(id, resources[id].Properties ?? {}, context) ?? []));

  // Aggregated types (alarms) are drawn as one node per target of their edges, with their count.
  const aggregates = [
    ...new Map(
      ids.flatMap((id) => {
        const aggregate = diagramOf(id)?.aggregate;
        return aggregate ? [[aggregate.prefix, aggregate] as const] : [];
      }),
    ).values(),
  ];
  const aggregateOf = (nodeName: string) => aggregates.find((a) => nodeName.startsWith(a.prefix));
  const aggregateCounts = new Map<string, number>();
  for (const edge of edges)
    if (aggregateOf(edge.from)) aggregateCounts.set(edge.from, (aggregateCounts.get(edge.from) ?? 0) + 1);
  const aggregateLines = (group: string, indent: string) =>
    [...aggregateCounts]
      .sort()
      .filter(([name]) => aggregateOf(name)?.group === group)
      .map(([name, n]) => `${indent}${nodeId(name)}[${quote(aggregateOf(name)?.label(n) ?? name)}]`);

  const lines = ['flowchart LR'];
  const groups = [...new Set(placement.values())].sort((a, b) =>
    a.startsWith('vpc:') ? -1 : b.startsWith('vpc:') ? 1 : a.localeCompare(b),
  );
  const vpcGroups = groups.filter((g) => g.startsWith('vpc:'));
  const nodeLine = (id: string, indent: string) => `${indent}${nodeId(id)}[${quote(label(id))}]`;
  if (vpcGroups.length > 0) {
    const nats = ids.filter((id) => diagramOf(id)?.inVpcTitle).length;
    lines.push(
      `  subgraph vpc[${quote(`VPC (${nats === 0 ? 'no NAT gateway' : `${nats} NAT gateway${nats > 1 ? 's' : ''}`})`)}]`,
    );
    vpcGroups.forEach((group, i) => {
      lines.push(`    subgraph tier${i}[${quote(group.slice(4))}]`);
      for (const id of [...drawn].filter((d) => placement.get(d) === group))
        lines.push(nodeLine(id, '      '));
      lines.push('    end');
    });
    lines.push('  end');
  }
  for (const group of groups.filter((g) => !g.startsWith('vpc:'))) {
    lines.push(`  subgraph ${nodeId(group.toLowerCase())}[${quote(group)}]`);
    for (const id of [...drawn].filter((d) => placement.get(d) === group)) lines.push(nodeLine(id, '    '));
    lines.push(...aggregateLines(group, '    '));
    lines.push('  end');
  }
  // Aggregates whose group is not in the diagram sit at the top level.
  lines.push(
    ...[...aggregateCounts]
      .sort()
      .filter(([name]) => !groups.includes(aggregateOf(name)?.group ?? ''))
      .map(([name, n]) => `  ${nodeId(name)}[${quote(aggregateOf(name)?.label(n) ?? name)}]`),
  );
  if (edges.some((edge) => edge.from === INTERNET)) lines.push(`  ${INTERNET}((${quote('Internet')}))`);
  const seen = new Set<string>();
  for (const edge of edges) {
    const from = nodeId(edge.from);
    const to = nodeId(edge.to);
    const key = `${from}|${to}|${edge.label}`;
    if (seen.has(key) || !(drawn.has(edge.to) || aggregateOf(edge.to))) continue;
    if (!(drawn.has(edge.from) || aggregateOf(edge.from) || edge.from === INTERNET)) continue;
    seen.add(key);
    lines.push(`  ${from} ${edge.dotted ? '-.->' : '-->'}|${quote(edge.label)}| ${to}`);
  }
  return lines.join('\n');
}
