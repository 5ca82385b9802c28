/** MQTT.js calls that must not hang a shutdown: each gives up after a bounded wait. */
import type { MqttClient } from 'mqtt';

/** Publishes QoS 1; resolves on PUBACK, on error, when the connection closes, or after timeoutMs. */
export function publishWithTimeout(client: MqttClient, topic: string, payload: string, options: { retain: boolean }, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.removeListener('close', done);
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    client.once('close', done);
    client.publish(topic, payload, { qos: 1, retain: options.retain }, done);
  });
}

/**
 * Ends the client: cleanly (DISCONNECT, so the broker discards the last will)
 * when connected, else at once; destroys the socket if that takes longer than
 * timeoutMs. Messages still awaiting PUBACK are given up first, or end() would
 * wait for them forever; whoever published them still has them (the outbox).
 */
export async function endWithTimeout(client: MqttClient, timeoutMs: number): Promise<void> {
  for (const id of Object.keys(client.outgoing)) client.removeOutgoingMessage(Number(id));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  const result = await Promise.race([client.endAsync(!client.connected), timedOut]);
  clearTimeout(timer);
  if (result === 'timeout') client.stream?.destroy();
}
