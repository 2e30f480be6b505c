// Malformed frames on stdio: dropped with a message on stderr, and the next well-formed request is answered (item 9).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { wellFormedFrames } from '../../server/src/framing';
import { seeded } from './helpers';

const SERVER = join(__dirname, '../../../dist/server.js');
const frame = (message: unknown, length?: number | string) => {
  const body = JSON.stringify(message);
  return `Content-Length: ${length ?? Buffer.byteLength(body)}\r\n\r\n${body}`;
};
const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
const hover = (id: number) => ({
  jsonrpc: '2.0',
  id,
  method: 'textDocument/hover',
  params: { textDocument: { uri: 'file:///ws/openmetadata.yaml' }, position: { line: 0, character: 0 } },
});

const MALFORMED: Record<string, string> = {
  'without Content-Length': `Content-Type: application/json\r\n\r\n${JSON.stringify(hover(2))}`,
  'with a length smaller than the body': frame(hover(2), 10),
  'with a non-numeric length': frame(hover(2), 'abc'),
  'with a negative length': frame(hover(2), -5),
  'of plain garbage': 'GET / HTTP/1.1\r\nHost: x\r\n\r\n',
};

/**
 * Starts the server, sends `bytes` after initialize, then a hover with id 3; resolves with the ids answered and stderr.
 * A server that stays silent for 5 s fails the test (and is killed), rather than leaving the run waiting on it.
 */
function session(bytes: string): Promise<{ ids: number[]; stderr: string }> {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  let sent = false;
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    const deaf = setTimeout(() => {
      child.removeAllListeners('exit');
      child.kill();
      reject(new Error(`no answer to the request after the bad frame within 5 s (alive and deaf); stderr: ${stderr}`));
    }, 5000);
    child.on('exit', (code) => {
      clearTimeout(deaf);
      reject(new Error(`server exited with ${code}: ${stderr}`));
    });
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const ids = [...stdout.matchAll(/"id":(\d+)/g)].map((m) => Number(m[1]));
      if (ids.includes(1) && !sent) {
        sent = true;
        child.stdin.write(bytes + frame(hover(3)));
      }
      if (ids.includes(3)) {
        clearTimeout(deaf);
        child.removeAllListeners('exit');
        // Once the process is gone and its pipes closed, everything it wrote to stderr has been read.
        child.on('close', () => resolve({ ids, stderr }));
        child.kill();
      }
    });
    child.stdin.write(frame(initialize));
  });
}

describe('malformed frames on stdio', { concurrency: true }, () => {
  for (const [name, bytes] of Object.entries(MALFORMED)) {
    it(`a frame ${name} is dropped and the next request is answered`, async () => {
      const { ids, stderr } = await session(bytes);
      assert.deepEqual(ids, [1, 3]);
      assert.match(stderr, /dropped .*; reading on from the next Content-Length header/);
    });
  }
});

describe('wellFormedFrames', () => {
  it('passes good frames through intact however the bytes are split, and drops the bad ones between them', async () => {
    const good = [frame(initialize), frame(hover(2)), frame({ jsonrpc: '2.0', method: 'x', params: { text: 'ü😀\r\n\r\nContent-Length: 3' } })];
    const stream = Buffer.from([good[0], ...Object.values(MALFORMED), good[1], MALFORMED['with a length smaller than the body'], good[2]].join(''));
    const next = seeded(11);
    for (let run = 0; run < 50; run++) {
      const input = new PassThrough();
      const reasons: string[] = [];
      const output = wellFormedFrames(input, (r) => reasons.push(r));
      const chunks: Buffer[] = [];
      output.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise((resolve) => output.on('end', resolve));
      for (let at = 0; at < stream.length;) {
        const size = 1 + Math.floor(next() * (run % 2 ? 7 : 400));
        input.write(stream.subarray(at, at + size));
        at += size;
      }
      input.end();
      await ended;
      assert.equal(Buffer.concat(chunks).toString(), good.join(''), `run ${run}`);
      assert.ok(reasons.length >= 4, reasons.join('; '));
    }
  });
});
