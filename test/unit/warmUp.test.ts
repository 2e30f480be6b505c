// The warm-up after start reads its samples a turn of the event loop at a time, so requests are answered between them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { warmUp } from '../../server/src/warmUp';

describe('warm-up', () => {
  it('yields to the event loop between rounds and says when it is done', async () => {
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    setImmediate(count);
    await new Promise<void>((resolve) => warmUp(5, resolve));
    counting = false;
    // Each round gives way to what else waits, so the counter ran between rounds, not only once before or after.
    assert.ok(turns >= 4, `${turns} turns`);
  });
});
