/** Messages between the bench (parent) and bench-server.ts (child, over the fork IPC channel). */

export interface SeedOptions {
  /** Work orders to insert before the server starts (with their timeline). */
  workOrders?: number;
  /** A week (or any span) of 1 Hz telemetry for one device, written through the SQLite store. */
  telemetry?: { deviceId: string; points: number; intervalMs: number };
}

export interface ServerStartOptions {
  /** 'system': startSystem (broker + ingest + detection + HTTP), simulator off. 'passthrough': bare aedes, authorizePublish just calls back. */
  mode: 'system' | 'passthrough';
  dataDir: string;
  plantFile?: string;
  seed?: SeedOptions;
  logLevel?: string;
}

export interface MemoryFigures {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface ServerStats {
  /** Telemetry samples stored (system) or accepted by the broker (passthrough: messages only). */
  samplesStored: number;
  messages: number;
  samplesDuplicate: number;
  deadLetters: number;
  bufferDepth: number;
  writeErrors: number;
  detectorPoints: number;
  anomalyEvents: number;
  connectedClients: number;
  memory: MemoryFigures;
  peak: MemoryFigures;
  /** Peak resident set size as the kernel counted it (KiB → bytes). */
  maxRss: number;
  /** CPU time of the process so far, µs (user + system). */
  cpuMicros: number;
  /** Event-loop delay since the last reset, ms. */
  loopDelay: { p50: number; p99: number; max: number };
  at: number;
}

export interface ReadyInfo {
  httpUrl: string | null;
  /** A bearer token for /api when the server has access tokens (server/auth), else null. */
  token: string | null;
  mqttUrl: string;
  startupMs: number;
  seedMs: number;
  seeded: {
    workOrders: number;
    timelineEntries: number;
    telemetryPoints: number;
    /** Unfinished orders given a priority by the product's backfill, and how long it took. */
    priorityBackfill: number;
    priorityBackfillMs: number;
    /** The SLA monitor's first tick (records every due escalation) and a steady-state one. */
    firstSlaTickMs: number;
    slaNotifications: number;
    steadySlaTickMs: number;
    slaOrdersEvaluated: number;
  };
}

export type ParentMessage =
  | { id: number; type: 'start'; options: ServerStartOptions }
  | { id: number; type: 'stats'; resetLoopDelay?: boolean }
  | { id: number; type: 'reset-peak' }
  | { id: number; type: 'count-stored' }
  | { id: number; type: 'profile-start' }
  | { id: number; type: 'profile-stop'; file: string }
  | { id: number; type: 'stop' };

export type ParentRequest = ParentMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

export type ChildMessage =
  | { id: number; type: 'ready'; info: ReadyInfo }
  | { id: number; type: 'stats'; stats: ServerStats }
  | { id: number; type: 'count'; count: number }
  | { id: number; type: 'ok' }
  | { id: number; type: 'stopped'; stats: ServerStats }
  | { id: number; type: 'error'; message: string };
