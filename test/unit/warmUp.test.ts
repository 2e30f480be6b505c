// The warm-up after start reads its samples only while the client is quiet, and a turn of the event loop at a time.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { QUIET_MS, warmUp } from '../../server/src/warmUp';

describe('warm-up', () => {
  it('waits while the client is busy, then reads its rounds giving way to the event loop between them', async () => {
    let busy = true;
    let asked = 0;
    let finished = false;
    const quiet = () => {
      asked++;
      return !busy;
    };
    const done = new Promise<void>((resolve) =>
      warmUp(quiet, 5, () => {
        finished = true;
        resolve();
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 3 * QUIET_MS + 50));
    // Near miss: asked again and again while busy, nothing read, not done.
    assert.ok(asked >= 2, `asked ${asked} times`);
    assert.equal(finished, false);
    busy = false;
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await done;
    counting = false;
    assert.ok(turns >= 4, `${turns} turns of the event loop during 5 rounds`);
  });
});
