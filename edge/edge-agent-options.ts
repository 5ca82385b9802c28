/** Construction options, tunables and stats of an EdgeAgent. */
import type { IClientOptions, MqttClient } from 'mqtt';
import type { Logger } from 'pino';
import { z } from 'zod';
import { MAX_SAMPLES_PER_MESSAGE } from '../contract/telemetry';
import type { Clock, SignalSource } from '../simulators/signal-source';

/** Tunables, validated at construction; real ms unless said otherwise. */
export const edgeAgentSettingsSchema = z.object({
  /** Spacing of samples in the source clock's ms. */
  sampleIntervalMs: z.number().int().positive().default(1000),
  /** Real-time tick that takes every sample due up to `clock.now()` and publishes what is due. */
  realTickMs: z.number().int().positive().default(100),
  /** Samples per message. */
  batchSize: z.number().int().min(1).max(MAX_SAMPLES_PER_MESSAGE).default(60),
  /** A partial batch goes out once its oldest sample has waited this long. */
  maxBatchDelayMs: z.number().int().nonnegative().default(1000),
  /** Messages awaiting PUBACK at once. */
  maxInFlight: z.number().int().min(1).max(1000).default(64),
  /** Outbox bound in samples; when full the oldest are dropped (counted, logged). */
  maxPending: z.number().int().positive().default(500_000),
  reconnectPeriodMs: z.number().int().positive().default(1000),
  connectTimeoutMs: z.number().int().positive().default(10_000),
  /** How long `stop()` waits for the outbox to drain, and for the broker, before giving up. */
  stopTimeoutMs: z.number().int().nonnegative().default(3000),
});
export type EdgeAgentSettings = z.infer<typeof edgeAgentSettingsSchema>;

export interface EdgeAgentDevice {
  id: string;
  lineId: string;
}

export interface EdgeAgentOptions extends Partial<EdgeAgentSettings> {
  agentId: string;
  siteId: string;
  devices: readonly EdgeAgentDevice[];
  source: SignalSource;
  clock: Clock;
  brokerUrl: string;
  /** MQTT username; default the agent id (the broker's credentials are per agent). */
  username?: string;
  password?: string;
  /** Certificate authority to trust for an mqtts:// broker (PEM), e.g. the broker's self-signed certificate. */
  ca?: Buffer | string;
  /** SQLite file of the outbox; reuse it across restarts. */
  outboxPath: string;
  /** Default: pino at LOG_LEVEL (info; silent under vitest). */
  logger?: Logger;
  /** Real time in ms, for batch delays (default Date.now). */
  realNow?: () => number;
  /** Creates the MQTT client (default MQTT.js `connect`). */
  connect?: (url: string, options: IClientOptions) => MqttClient;
}

export interface EdgeAgentStats {
  /** Samples taken and written to the outbox by this process. */
  sampled: number;
  /** Readings the source had none for (sensor dropout). */
  dropouts: number;
  publishedMessages: number;
  /** Samples published, resends included. */
  publishedSamples: number;
  /** Samples the broker acknowledged. */
  acked: number;
  /** Samples in the outbox awaiting acknowledgement (left by earlier runs included). */
  pending: number;
  /** Messages awaiting PUBACK. */
  inFlight: number;
  reconnects: number;
  /** Samples lost: evicted from a full outbox, or not written because the outbox failed. */
  dropped: number;
  connected: boolean;
}
