import { randomBytes } from 'node:crypto';
import { type Socket, connect } from 'node:net';
import { within } from './deadline';

/**
 * A WebSocket client written out by hand, for what `ws` cannot do on purpose: put the upgrade
 * request and the first frames in one TCP write, so that the frames are certain to reach the
 * server while it is still checking the token (the pre-welcome queue).
 */

function frameHeader(opcode: number, length: number, masked: boolean): Buffer {
  const maskBit = masked ? 0x80 : 0;
  if (length < 126) return Buffer.from([0x80 | opcode, maskBit | length]);
  if (length < 65_536) return Buffer.from([0x80 | opcode, maskBit | 126, length >> 8, length & 0xff]);
  const header = Buffer.alloc(10);
  header[0] = 0x80 | opcode;
  header[1] = maskBit | 127;
  header.writeBigUInt64BE(BigInt(length), 2);
  return header;
}

/** A client text frame: clients must mask (RFC 6455 section 5.3). */
export function maskedTextFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i]! ^ mask[i & 3]!;
  return Buffer.concat([frameHeader(0x1, payload.length, true), mask, masked]);
}

export interface ServerFrame {
  opcode: number;
  text: string;
}

/** Reads the 101 answer, then the server's (unmasked) frames as they come. */
export class RawSocket {
  readonly frames: ServerFrame[] = [];
  status = 0;
  private buffered = Buffer.alloc(0);
  private headerDone = false;
  private readonly ended: Promise<void>;

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) => socket.on('close', () => resolve()));
  }

  /** Upgrade request for `path` with the browser's subprotocols, and `frames` in the same write. */
  static open(wsUrl: string, token: string, frames: string[]): RawSocket {
    const url = new URL(wsUrl);
    const socket = connect(Number(url.port), url.hostname === 'localhost' ? '127.0.0.1' : url.hostname);
    const request =
      `GET ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n` +
      `Sec-WebSocket-Protocol: jwt-auth, jwt.${Buffer.from(token).toString('base64url')}\r\n\r\n`;
    socket.write(Buffer.concat([Buffer.from(request), ...frames.map(maskedTextFrame)]));
    return new RawSocket(socket);
  }

  json(): Record<string, unknown>[] {
    return this.frames.filter((f) => f.opcode === 0x1).map((f) => JSON.parse(f.text) as Record<string, unknown>);
  }

  send(text: string): void {
    this.socket.write(maskedTextFrame(text));
  }

  async waitFor(predicate: (frames: Record<string, unknown>[]) => boolean, ms: number, what: string): Promise<void> {
    await within(
      (async () => {
        while (!predicate(this.json())) await new Promise((resolve) => setTimeout(resolve, 10));
      })(),
      ms,
      () => `no ${what} (frames: ${this.json().map((f) => String(f['type'])).join(', ')})`,
    );
  }

  close(): Promise<void> {
    this.socket.destroy();
    return this.ended;
  }

  private read(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    if (!this.headerDone) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      this.status = Number(/^HTTP\/1\.1 (\d{3})/.exec(this.buffered.subarray(0, end).toString('latin1'))?.[1] ?? 0);
      this.buffered = this.buffered.subarray(end + 4);
      this.headerDone = true;
    }
    for (;;) {
      if (this.buffered.length < 2) return;
      const opcode = this.buffered[0]! & 0x0f;
      let length = this.buffered[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (this.buffered.length < 4) return;
        length = this.buffered.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (this.buffered.length < 10) return;
        length = Number(this.buffered.readBigUInt64BE(2));
        offset = 10;
      }
      if (this.buffered.length < offset + length) return;
      this.frames.push({ opcode, text: this.buffered.subarray(offset, offset + length).toString('utf8') });
      this.buffered = this.buffered.subarray(offset + length);
    }
  }
}
