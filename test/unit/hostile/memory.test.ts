// What an open document's analysis holds (issue 12, item 14): the server keeps one per open document.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../../../server/src/service/analyze';
import { tuneHeap } from '../../../server/src/heap';
import { findCorpus } from '../../corpusDir';

describe('memory an analysis holds', () => {
  it('an analysis of the stock 1.4 server config (420 lines) holds under 110 KB (126 KB when every entry had a hidden class of its own)', (t) => {
    const gc = tuneHeap();
    if (!gc) return t.skip('V8 offers no collection here');
    const corpus = findCorpus().dir;
    if (!corpus) return t.skip('no corpus (../shared/corpus or OM_AUTH_CORPUS)');
    const text = readFileSync(join(corpus, '33-om-stock-conf-1.4.yaml'), 'utf8');
    const used = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const kept: unknown[] = [];
    analyze('file:///ws/warm/openmetadata.yaml', text);
    const before = used();
    for (let i = 0; i < 300; i++) kept.push(analyze(`file:///ws/${i}/openmetadata.yaml`, `${text}\n# ${i}\n`));
    const perAnalysis = (used() - before) / kept.length / 1024;
    assert.ok(perAnalysis < 110, `${perAnalysis.toFixed(1)} KB per analysis`);
    assert.equal(kept.length, 300);
  });
});
