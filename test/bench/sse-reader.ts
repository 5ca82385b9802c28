/**
 * A minimal EventSource-like reader of GET /api/events over fetch: splits
 * the stream into events and reports each with the time it arrived.
 */
export interface SseEvent {
  event: string;
  data: string;
  /** performance.now() when the event's last chunk arrived. */
  at: number;
}

export class SseReader {
  private readonly abort = new AbortController();
  private listeners: ((e: SseEvent) => void)[] = [];
  private done: Promise<void> = Promise.resolve();

  /** Resolves once the server answered 200 and the stream is open. */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    const res = await fetch(url, { signal: reader.abort.signal, headers: { accept: 'text/event-stream', ...headers } });
    if (!res.ok || !res.body) throw new Error(`GET ${url} -> ${res.status}`);
    reader.done = reader.pump(res.body);
    return reader;
  }

  onEvent(listener: (e: SseEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done.catch(() => {});
  }

  private async pump(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length === 0) continue; // comments (": heartbeat") and empty blocks
          const e = { event, data: data.join('\n'), at };
          for (const l of this.listeners) l(e);
        }
      }
    } catch (err) {
      if (!this.abort.signal.aborted) throw err;
    }
  }
}
