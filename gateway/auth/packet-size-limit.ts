/**
 * A cap on the size of one MQTT packet, which aedes does not offer: the
 * packet's declared length is checked as soon as its fixed header is read,
 * and a client announcing more is disconnected before the body is buffered.
 * Payloads between the ingest limit and this cap still reach ingest and
 * become `oversize` dead letters; only absurd packets cost the connection.
 */
import type { Client } from 'aedes';

/** Default cap: well above ingest's 64 KiB payload limit, far below memory trouble. */
export const DEFAULT_MAX_PACKET_BYTES = 256 * 1024;

interface ParserInternals {
  parse(buf: Buffer): number;
  packet: { length: number; cmd?: string };
}

/** Wraps the client's packet parser; `onTooLarge` is called once, then the connection is closed. */
export function limitPacketSize(client: Client, maxBytes: number, onTooLarge: (declaredBytes: number, cmd: string | undefined) => void): void {
  const parser = (client as unknown as { _parser?: ParserInternals })._parser;
  if (!parser || typeof parser.parse !== 'function') throw new Error('aedes client has no packet parser to limit; check the aedes version');
  const parse = parser.parse.bind(parser);
  let tripped = false;
  parser.parse = (buf: Buffer) => {
    if (tripped) return 0;
    const rest = parse(buf);
    if (parser.packet.length > maxBytes) {
      tripped = true;
      onTooLarge(parser.packet.length, parser.packet.cmd);
      client.conn.destroy();
    }
    return rest;
  };
}
