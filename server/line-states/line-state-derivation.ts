/**
 * Disturbance propagation over the line graph, as a pure function: facts about
 * each line's devices in, each line's state and reasons out. No clock, no I/O.
 *
 * Rules:
 * - down: a device is stopped, or an open order on one of its devices is an
 *   emergency or is marked stopsLine.
 * - no-data: every device of the line is silent (offline, i.e. nothing for
 *   15 min, or never seen: DeviceFacts.silent), or the line has no devices at
 *   all. Some silent devices (not all) make the line degraded, one reason per
 *   silent device. Stale devices (2-15 min quiet) count as reporting.
 * - degraded: an active anomaly, or an open order that does not stop the line,
 *   on one of its devices. Preventive and inspection orders are plans: they
 *   degrade the line only while in progress.
 * - starved: a feeder (a line that feeds this one) delivers nothing, because it
 *   is down or itself starved. Default: any such feeder starves the line (a
 *   merge needs all its inputs); per line `starvedWhen: 'all-feeders'`.
 * - blocked: a downstream line takes nothing, because it is down or itself
 *   blocked. Default: only when every downstream line does (a line that feeds
 *   several can still discharge to the others); per line
 *   `blockedWhen: 'any-downstream'`. For a serial line both read the same.
 * - Only being down, starved or blocked spreads: a silent or degraded line
 *   does not starve or block its neighbours (one that is starved as well still
 *   passes that on).
 * - precedence: down > no-data > starved > blocked > degraded > running. Every
 *   reason that applies is kept, most important first.
 *
 * Reasons carry their chain from this line to the root cause: for a starved or
 * blocked line, line -> line -> ... -> device -> work order (or stop).
 * A starved (blocked) line gets one reason per failing feeder (downstream
 * line), one per root cause: the shortest chain wins, ties go to the feeder
 * listed first. A line passes on one cause: its first down reason, else its
 * first starved (blocked) reason.
 *
 * O(lines + edges) decisions (Kahn's topological order, one pass each way),
 * plus copying the chains it outputs. Output order = input order; ties broken
 * by input order, so the result is deterministic. A cycle (the graph checks
 * reject them) does not hang: lines on it are taken in input order.
 */
import type { Metric } from '../../contract/metrics';
import type { FailureMode, Severity } from '../detection/types';
import type {
  LineChainLink,
  LineEffect,
  LineReason,
  LineRootCause,
  LineState,
  WorkOrderStatus,
  WorkOrderType,
} from '../http/api-types';
import { OPEN_STATUSES } from '../work-orders/work-order-state';

export interface OrderFact {
  id: number;
  number: string;
  type: WorkOrderType;
  status: WorkOrderStatus;
  title: string;
  severity: Severity | null;
  stopsLine: boolean;
  assignee: string | null;
  dueAt: number | null;
}

export interface AnomalyFact {
  id: number;
  metric: Metric;
  severity: Severity;
  failureMode: FailureMode;
  startedAt: number;
}

export interface DeviceFacts {
  id: string;
  name: string;
  /** Set while the device is silent: offline (nothing for 15 min) or never seen. Absent: reporting (online or stale). */
  silent?: { liveness: 'offline' | 'never-seen'; lastSeenAt: number | null };
  /** The machine reports itself stopped (no source yet; absent = running). */
  stopped?: boolean;
  /** Active anomalies only. */
  anomalies: readonly AnomalyFact[];
  /** Orders still being worked; orders in other statuses are ignored. */
  orders: readonly OrderFact[];
}

export interface LinePolicy {
  starvedWhen: 'any-feeder' | 'all-feeders';
  blockedWhen: 'any-downstream' | 'all-downstream';
}

export const DEFAULT_LINE_POLICY: LinePolicy = { starvedWhen: 'any-feeder', blockedWhen: 'all-downstream' };

export interface LineFacts {
  id: string;
  name: string;
  /** Downstream lines (that take this line's output). Unknown ids and self-feeds are ignored. */
  feeds: readonly string[];
  /** In display order. */
  devices: readonly DeviceFacts[];
  policy?: Partial<LinePolicy>;
}

export interface DerivedLineState {
  id: string;
  state: LineState;
  reasons: LineReason[];
}

const EFFECT_RANK: Record<LineEffect, number> = { down: 0, 'no-data': 1, starved: 2, blocked: 3, degraded: 4 };

const OPEN: ReadonlySet<WorkOrderStatus> = new Set(OPEN_STATUSES);
const PLANNED_TYPES: ReadonlySet<WorkOrderType> = new Set(['preventive', 'inspection']);

/** What an open order does to its line; null when it does nothing. */
export function orderEffect(order: OrderFact): 'down' | 'degraded' | null {
  if (!OPEN.has(order.status)) return null;
  if (order.type === 'emergency' || order.stopsLine) return 'down';
  if (PLANNED_TYPES.has(order.type) && order.status !== 'in-progress') return null;
  return 'degraded';
}

/** Which root cause a reason ends at: work-order number, anomaly id, device id, or line id (no devices). */
export function rootRef(reason: LineReason): string {
  const { chain } = reason;
  const last = chain[chain.length - 1];
  if (last?.kind === 'work-order') return last.number;
  if (last?.kind === 'anomaly') return String(last.id);
  const device = chain[chain.length - 2];
  if (device?.kind === 'device') return device.id;
  return last?.kind === 'line' ? last.id : '';
}

function byRank(a: LineReason, b: LineReason): number {
  return EFFECT_RANK[a.effect] - EFFECT_RANK[b.effect];
}

interface Node {
  facts: LineFacts;
  policy: LinePolicy;
  local: LineReason[];
  down: LineReason | undefined;
  starved: LineReason[];
  blocked: LineReason[];
  upstream: Node[];
  downstream: Node[];
}

export function deriveLineStates(lines: readonly LineFacts[]): DerivedLineState[] {
  const nodes = lines.map((facts): Node => {
    const local = localReasons(facts);
    return {
      facts,
      policy: { ...DEFAULT_LINE_POLICY, ...facts.policy },
      local,
      down: firstDown(local),
      starved: [],
      blocked: [],
      upstream: [],
      downstream: [],
    };
  });
  const nodeById = new Map(nodes.map((n) => [n.facts.id, n]));
  for (const node of nodes) {
    for (const target of new Set(node.facts.feeds)) {
      const next = nodeById.get(target);
      if (!next || next === node) continue;
      node.downstream.push(next);
      next.upstream.push(node);
    }
  }
  // Feeders in input order, so "the feeder listed first" means the same everywhere.
  const position = new Map(nodes.map((n, i) => [n, i]));
  const inInputOrder = (a: Node, b: Node) => position.get(a)! - position.get(b)!;
  for (const node of nodes) if (node.upstream.length > 1) node.upstream.sort(inInputOrder);

  const order = topologicalOrder(nodes);
  for (const node of order) {
    node.starved = propagated(node, 'starved', node.upstream, supplyFailure, node.policy.starvedWhen === 'all-feeders');
  }
  for (const node of [...order].reverse()) {
    node.blocked = propagated(node, 'blocked', node.downstream, takeFailure, node.policy.blockedWhen === 'all-downstream');
  }

  return nodes.map((node) => {
    const reasons = [...node.local, ...node.starved, ...node.blocked].sort(byRank);
    return { id: node.facts.id, state: reasons[0]?.effect ?? 'running', reasons };
  });
}

/** Reasons from the line's own devices, most important first (device order within a rank). Most devices have none: checked first. */
function localReasons(line: LineFacts): LineReason[] {
  if (line.devices.length === 0) return [{ effect: 'no-data', cause: 'no-devices', chain: [lineLink(line, 'no-data')] }];
  const allSilent = line.devices.every(isSilent);
  const reasons: LineReason[] = [];
  for (const device of line.devices) {
    if (!device.stopped && !device.silent && device.orders.length === 0 && device.anomalies.length === 0) continue;
    const deviceLink: LineChainLink = { kind: 'device', id: device.id, name: device.name };
    if (device.stopped) reasons.push(localReason(line, deviceLink, 'down', 'device-stopped', { kind: 'device-stopped' }));
    for (const order of device.orders.length > 1 ? [...device.orders].sort(byOrderRank) : device.orders) {
      const effect = orderEffect(order);
      if (effect) reasons.push(localReason(line, deviceLink, effect, 'work-order', orderLink(order)));
    }
    if (device.silent) {
      const root: LineChainLink = { kind: 'device-silent', liveness: device.silent.liveness, lastSeenAt: device.silent.lastSeenAt };
      reasons.push(localReason(line, deviceLink, allSilent ? 'no-data' : 'degraded', 'device-silent', root));
    }
    for (const a of device.anomalies.length > 1 ? [...device.anomalies].sort(byId) : device.anomalies) {
      const root: LineChainLink = { kind: 'anomaly', id: a.id, metric: a.metric, severity: a.severity, failureMode: a.failureMode, startedAt: a.startedAt };
      reasons.push(localReason(line, deviceLink, 'degraded', 'anomaly', root));
    }
  }
  return reasons.length > 1 ? reasons.sort(byRank) : reasons;
}

function firstDown(reasons: readonly LineReason[]): LineReason | undefined {
  return reasons[0]?.effect === 'down' ? reasons[0] : undefined;
}

function isSilent(device: DeviceFacts): boolean {
  return device.silent !== undefined;
}

function lineLink(line: LineFacts, state: LineEffect): LineChainLink {
  return { kind: 'line', id: line.id, name: line.name, state };
}

function localReason(line: LineFacts, device: LineChainLink, effect: LineEffect, cause: LineRootCause, root: LineChainLink): LineReason {
  return { effect, cause, chain: [lineLink(line, effect), device, root] };
}

function byId(a: { id: number }, b: { id: number }): number {
  return a.id - b.id;
}

function byOrderRank(a: OrderFact, b: OrderFact): number {
  return orderRank(a) - orderRank(b) || a.id - b.id;
}

/** Emergency orders first, then other line-stopping orders, then the rest. */
function orderRank(o: OrderFact): number {
  return o.type === 'emergency' ? 0 : o.stopsLine ? 1 : 2;
}

function orderLink(o: OrderFact): LineChainLink {
  return {
    kind: 'work-order',
    id: o.id,
    number: o.number,
    type: o.type,
    status: o.status,
    title: o.title,
    severity: o.severity,
    stopsLine: o.stopsLine || o.type === 'emergency',
    assignee: o.assignee,
    expectedFinish: o.dueAt,
  };
}

/** Why a line delivers nothing downstream: its own first down reason, else the first reason it is starved. */
function supplyFailure(n: Node): LineReason | undefined {
  return n.down ?? n.starved[0];
}

/** Why a line takes nothing from upstream: its own first down reason, else the first reason it is blocked. */
function takeFailure(n: Node): LineReason | undefined {
  return n.down ?? n.blocked[0];
}

/**
 * Starved (blocked) reasons of `node` from its neighbours on one side: one per
 * neighbour that fails, deduplicated by root cause, shortest chain first
 * (ties: neighbour order). With `needsAll`, only when every neighbour fails.
 */
function propagated(node: Node, effect: 'starved' | 'blocked', neighbours: readonly Node[], failure: (n: Node) => LineReason | undefined, needsAll: boolean): LineReason[] {
  const failing: LineReason[] = [];
  for (const neighbour of neighbours) {
    const reason = failure(neighbour);
    if (reason) failing.push(reason);
  }
  if (failing.length === 0 || (needsAll && failing.length < neighbours.length)) return [];
  const head: LineChainLink = { kind: 'line', id: node.facts.id, name: node.facts.name, state: effect };
  if (failing.length > 1) failing.sort(byChainLength);
  const reasons: LineReason[] = [];
  const seen = new Set<string>();
  for (const r of failing) {
    const key = `${r.cause}:${rootRef(r)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    reasons.push({ effect, cause: r.cause, chain: [head, ...r.chain] });
  }
  return reasons;
}

function byChainLength(a: LineReason, b: LineReason): number {
  return a.chain.length - b.chain.length;
}

/** Kahn's algorithm, FIFO in input order; lines left on a cycle follow in input order. */
function topologicalOrder(nodes: readonly Node[]): Node[] {
  const indegree = new Map(nodes.map((n) => [n, n.upstream.length]));
  const queue = nodes.filter((n) => n.upstream.length === 0);
  const order: Node[] = [];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    order.push(node);
    for (const next of node.downstream) {
      const left = indegree.get(next)! - 1;
      indegree.set(next, left);
      if (left === 0) queue.push(next);
    }
  }
  if (order.length < nodes.length) {
    const placed = new Set(order);
    order.push(...nodes.filter((n) => !placed.has(n)));
  }
  return order;
}
