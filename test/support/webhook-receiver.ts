import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** One request the receiver got. */
export interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  /** The parsed envelope `{type, timestamp, data}`. */
  readonly event: { type: string; timestamp: string; data: Record<string, unknown> };
  /** What the receiver answered. */
  readonly status: number;
  readonly path: string;
}

/**
 * A webhook receiver on 127.0.0.1: records every request and answers 200, or the statuses queued
 * with `answerNext`. `verify` checks a request's signature with the standardwebhooks library.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  private readonly queued = new Map<string, number[]>();
  private server!: Server;
  url = '';

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    receiver.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = receiver.queued.get(req.url ?? '')?.shift() ?? 200;
        receiver.received.push({
          headers: req.headers,
          body,
          event: JSON.parse(body) as Received['event'],
          status,
          path: req.url ?? '',
        });
        // A 3xx points elsewhere on this receiver: a sender that followed it would show up there.
        const location =
          status >= 300 && status < 400 ? { location: `${receiver.url}/elsewhere` } : {};
        res
          .writeHead(status, { 'content-type': 'text/plain', ...location })
          .end(status === 200 ? 'ok' : 'no');
      });
    });
    receiver.server.keepAliveTimeout = 1000;
    await new Promise<void>((ok) => receiver.server.listen(0, '127.0.0.1', ok));
    const { port } = receiver.server.address() as { port: number };
    receiver.url = `http://127.0.0.1:${port}`;
    return receiver;
  }

  /** The next requests to this path are answered with these statuses (then 200 again). */
  answerNext(path: string, ...statuses: number[]): void {
    this.queued.set(path, [...(this.queued.get(path) ?? []), ...statuses]);
  }

  /** Requests of this event type (optionally at a path), in arrival order. */
  of(type: string, path?: string): Received[] {
    return this.received.filter((r) => r.event.type === type && (!path || r.path === path));
  }

  /** Waits until `check` holds over the received requests (polling, bounded). */
  async waitFor(check: (received: Received[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check(this.received)) {
      if (Date.now() > deadline) {
        throw new Error(
          `receiver: condition not met; got ${this.received.map((r) => `${r.path} ${r.event.type} ${JSON.stringify(r.event.data).slice(0, 80)}`).join('; ')}`,
        );
      }
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** Verifies the request with the secret (throws when the signature does not match). */
  static verify(received: Received, secret: string): unknown {
    return new Webhook(secret).verify(received.body, {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    });
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((ok) => this.server.close(() => ok()));
  }
}
