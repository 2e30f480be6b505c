// Re-reading a document after an edit from its previous analysis gives exactly what reading it afresh gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/service/analyze';
import { corpusYamlTexts, seeded } from '../helpers';
import type { Analysis } from '../../../server/src/service/analyze';
import { authSections, authSectionsAfterEdit } from '../../../server/src/service/sections';

const yamlFiles = corpusYamlTexts();

/** Pieces an edit inserts: the ones that move section boundaries are over-represented on purpose. */
const PIECES = [
  '\n',
  ' ',
  '#',
  'x',
  ':',
  'global:',
  '\nopenmetadata:\n  config:\n',
  'authenticationConfiguration:',
  '\nauthorizerConfiguration:\n  adminPrincipals: [a]\n',
  '  provider: basic\n',
  '\r\n',
  '"',
  '\n\n',
];

function edit(text: string, next: () => number): string {
  const start = Math.floor(next() * (text.length + 1));
  const removed = next() < 0.5 ? 0 : Math.floor(next() * 40);
  const inserted = next() < 0.3 ? '' : PIECES[Math.floor(next() * PIECES.length)];
  return text.slice(0, start) + inserted + text.slice(start + removed);
}

/** The model as plain data, with the lazily computed top-level keys included. */
function plain(analysis: Analysis): unknown {
  const { model } = analysis;
  return {
    shape: analysis.shape,
    blocks: analysis.blocks,
    entries: [...model.entries],
    objects: [...model.objects],
    issues: model.issues,
    base: model.base,
    topLevel: model.topLevel,
    env: model.env,
  };
}

describe('incremental reading', () => {
  it('finds the same auth sections after an edit as a fresh scan, for random edits of every corpus file', () => {
    const next = seeded(42);
    let edits = 0;
    for (const original of yamlFiles) {
      let text = original;
      for (let i = 0; i < 150; i++, edits++) {
        const edited = edit(text, next);
        assert.deepEqual(authSectionsAfterEdit(text, authSections(text), edited), authSections(edited), `edit ${edits}: ${JSON.stringify(edited)}`);
        text = edited;
      }
    }
    assert.ok(edits > 1000);
  });

  it('reads an edited document from its previous analysis exactly as afresh, through a chain of random edits', () => {
    const next = seeded(7);
    for (const [n, original] of yamlFiles.entries()) {
      let text = original;
      let previous = analyze('file:///ws/openmetadata.yaml', text);
      for (let i = 0; i < 60; i++) {
        text = edit(text, next);
        const incremental = analyze('file:///ws/openmetadata.yaml', text, previous);
        assert.deepEqual(plain(incremental), plain(analyze('file:///ws/openmetadata.yaml', text)), `file ${n}, edit ${i}: ${JSON.stringify(text)}`);
        previous = incremental;
      }
    }
  });

  it('parses only the section an edit touched, and moves the ones after it', () => {
    const text = 'authenticationConfiguration:\n  provider: basic\nother: 1\nauthorizerConfiguration:\n  adminPrincipals: [admin]\n';
    const first = analyze('file:///ws/openmetadata.yaml', text);
    const edited = text.replace('basic', 'google');
    const second = analyze('file:///ws/openmetadata.yaml', edited, first);
    const admins = (a: typeof first) => a.model.entries.get('authorizerConfiguration.adminPrincipals')!;
    // The list value object is the one the first reading made: the section was not parsed again, only moved.
    assert.equal(admins(second).value, admins(first).value);
    assert.equal(admins(second).keySpan.start, edited.indexOf('adminPrincipals'));
    assert.equal(admins(first).keySpan.start, text.indexOf('adminPrincipals'), 'the first analysis is left as it was');
    assert.equal(second.model.entries.get('authenticationConfiguration.provider')?.value, 'google');
    // An edit after a section leaves its reading as it was, without a copy.
    const third = analyze('file:///ws/openmetadata.yaml', edited.replace('[admin]', '[admin, bob]'), second);
    assert.equal(third.model.entries.get('authenticationConfiguration.provider'), second.model.entries.get('authenticationConfiguration.provider'));
  });
});
