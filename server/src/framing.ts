// The stdio byte stream, cleaned to well-formed LSP frames before vscode-jsonrpc reads it: a malformed frame is
// dropped and reading resumes at the next header, where the library would stop answering for good.
import { Transform } from 'node:stream';
import type { Readable, TransformCallback } from 'node:stream';

const HEADER_END = Buffer.from('\r\n\r\n');
/** A header block longer than this is not one: real ones are a few dozen bytes. */
const MAX_HEADER = 8 * 1024;

const NEEDLE = Buffer.from('content-length:');

/**
 * Where the next frame may start: the next `Content-Length:` (any case) at a line start or right after a JSON body.
 * Compared byte by byte from `from`, so skipping a run of bad frames reads each byte once, not the whole buffer again.
 */
function nextHeader(buffer: Buffer, from: number): number {
  next: for (let at = from; at + NEEDLE.length <= buffer.length; at++) {
    for (let i = 0; i < NEEDLE.length; i++) {
      const c = buffer[at + i];
      if ((c >= 0x41 && c <= 0x5a ? c + 32 : c) !== NEEDLE[i]) continue next;
    }
    if (at === 0 || buffer[at - 1] === 0x0a || buffer[at - 1] === 0x7d) return at;
  }
  return -1;
}

/** The body length a header block declares, or why it declares none. */
function declaredLength(header: string): number | string {
  const line = header.split('\r\n').find((l) => l.toLowerCase().startsWith('content-length:'));
  if (line === undefined) return 'a frame without Content-Length';
  const value = line.slice('content-length:'.length).trim();
  if (!/^\d{1,10}$/.test(value)) return `a Content-Length that is not a length (${JSON.stringify(value.slice(0, 20))})`;
  return Number(value);
}

/**
 * A stream of the frames of `input` that are well formed: a header with a numeric Content-Length, then a body of that
 * length that ends like a JSON message. Anything else is reported through `dropped` and skipped up to the next
 * `Content-Length:`, so the frames after it are still read (a body shorter than declared swallows what follows until
 * its length is reached, and is then found not to end with `}`). Each byte is copied a bounded number of times.
 */
export function wellFormedFrames(input: Readable, dropped: (reason: string) => void): Readable {
  let pending: Buffer[] = [];
  let pendingLength = 0;
  /** The header of the frame whose body is awaited, and that body's length. */
  let frame: { header: Buffer; length: number } | undefined;
  /** Set while skipping to a header not yet received: the rest of the same garbage is not reported again. */
  let resyncing = false;

  const joined = (): Buffer => {
    const buffer = pending.length === 1 ? pending[0] : Buffer.concat(pending, pendingLength);
    pending = [buffer];
    return buffer;
  };
  const keep = (buffer: Buffer, from: number) => {
    const rest = buffer.subarray(from);
    pending = rest.length ? [rest] : [];
    pendingLength = rest.length;
  };
  const skip = (buffer: Buffer, from: number, reason: string) => {
    if (!resyncing) dropped(reason);
    const at = nextHeader(buffer, from);
    resyncing = at === -1;
    // Without another header yet, only the tail that could be the start of one is kept.
    keep(buffer, at === -1 ? Math.max(from, buffer.length - 'content-length:'.length) : at);
  };

  const transform = new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
      pending.push(chunk);
      pendingLength += chunk.length;
      for (;;) {
        if (frame) {
          if (pendingLength < frame.length) break;
          const buffer = joined();
          const body = buffer.subarray(0, frame.length);
          let end = body.length;
          while (end > 0 && (body[end - 1] === 0x20 || body[end - 1] === 0x0a || body[end - 1] === 0x0d || body[end - 1] === 0x09)) end--;
          if (end > 0 && body[end - 1] === 0x7d /* } */) {
            this.push(Buffer.concat([frame.header, body]));
            resyncing = false;
            keep(buffer, frame.length);
          } else {
            skip(buffer, 0, `a frame whose body is not its declared ${frame.length} bytes of JSON`);
          }
          frame = undefined;
          continue;
        }
        if (!pendingLength) break;
        let buffer = joined();
        // Line breaks between frames (or left of garbage already skipped) are not part of the next header.
        let lead = 0;
        while (lead < buffer.length && (buffer[lead] === 0x0d || buffer[lead] === 0x0a)) lead++;
        if (lead) {
          keep(buffer, lead);
          if (!pendingLength) break;
          buffer = joined();
        }
        const headerEnd = buffer.indexOf(HEADER_END);
        if (headerEnd === -1) {
          if (buffer.length > MAX_HEADER) skip(buffer, 1, 'bytes that are not an LSP header');
          break;
        }
        const header = buffer.subarray(0, headerEnd + HEADER_END.length);
        const length = declaredLength(header.toString('latin1'));
        if (typeof length === 'string' || headerEnd > MAX_HEADER) {
          skip(buffer, 1, typeof length === 'string' ? length : 'a header block too long to be one');
          continue;
        }
        frame = { header: Buffer.from(header), length };
        keep(buffer, header.length);
      }
      done();
    },
  });
  input.on('error', (error) => transform.destroy(error));
  // A closed stdin is the client gone: the reader must see the end, as it would without this stream in between.
  input.on('close', () => {
    if (!transform.writableEnded) transform.end();
  });
  return input.pipe(transform);
}

/** Standard input as the server reads it with --stdio: well-formed frames only, each dropped one said on stderr. */
export function stdioInput(): Readable {
  return wellFormedFrames(process.stdin, (reason) =>
    process.stderr.write(`openmetadata-auth: dropped ${reason}; reading on from the next Content-Length header.\n`),
  );
}
