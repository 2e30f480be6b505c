// Re-reading a document after an edit from its previous analysis gives exactly what reading it afresh gives.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../server/src/service/analyze';
import { corpusYamlTexts, seeded } from '../helpers';
import type { Analysis } from '../../../server/src/service/analyze';
import {
  authSections,
  authSectionsAfterEdit,
  isAuthSectionName,
  sectionsAfterEdit,
  topLevelNamed,
  topLevelSections,
} from '../../../server/src/service/sections';
import { DocumentCheck } from '../../../server/src/service/check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { corpusDir } from '../../corpusDir';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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
    sectionKeys: model.sectionKeys,
    blocksRead: analysis.blocksRead,
    env: model.env,
  };
}

/** The kinds of large file of issue 22 items 13 and 14, small enough for a test but past the same limits. */
function largeInputs(): { name: string; text: string }[] {
  const section = (n: number) =>
    `---\nauthenticationConfiguration:\n  provider: custom-oidc\n  publicKeyUrls:\n${Array.from({ length: 600 }, (_, i) => `    - https://keys-${n}-${i}.example.org/certs\n`).join('')}`;
  const chart = readFileSync(join(corpusDir(), '05-helm-chart-values-1.13.1.yaml'), 'utf8');
  return [
    { name: 'auth sections past the budget of one analysis', text: Array.from({ length: 7 }, (_, n) => section(n)).join('') },
    {
      name: 'an auth section among many keys',
      text: `authenticationConfiguration:\n  provider: basic\n${Array.from({ length: 3000 }, (_, i) => `k${i}: v\n`).join('')}global:\n  x: 1\n`,
    },
    { name: "a copy of the chart's defaults with more sections", text: chart + Array.from({ length: 300 }, (_, i) => `filler${i}:\n  note: ${i}\n`).join('') },
  ];
}

/** What a check reports on a version: its diagnostics and the release it was checked against. */
function verdict(document: TextDocument, previous?: DocumentCheck): { check: DocumentCheck; seen: unknown } {
  const check = new DocumentCheck({ document, previous: previous?.analysis });
  return { check, seen: { diagnostics: check.diagnostics({}), release: check.release({}), named: namedKeys(check.analysis) } };
}

/** The top-level keys the rules look up by name, as found for them, and as the whole list has them. */
function namedKeys(analysis: Analysis): unknown {
  const names = ['global', 'openmetadata', 'extraEnvs', 'airflowConfiguration', 'authenticationConfiguration'];
  assert.ok(names.every(isAuthSectionName));
  for (const name of names)
    assert.deepEqual(
      topLevelNamed(analysis.model, name),
      analysis.model.topLevel.filter((t) => t.name === name),
      name,
    );
  return names.map((name) => topLevelNamed(analysis.model, name));
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

  it('finds the same top-level sections after an edit as a fresh scan, and matches only sections of unchanged text', () => {
    const next = seeded(11);
    let checked = 0;
    for (const original of [...yamlFiles, ...largeInputs().map((i) => i.text)]) {
      let text = original;
      let sections = topLevelSections(text);
      for (let i = 0; i < 100; i++) {
        const edited = edit(text, next);
        const found = sectionsAfterEdit(text, sections, edited);
        assert.deepEqual(found.sections, topLevelSections(edited));
        for (const [k, j] of found.same.entries()) {
          if (j < 0) continue;
          checked++;
          const [now, before] = [found.sections[k], sections[j]];
          assert.equal(edited.slice(now.start, now.end), text.slice(before.start, before.end));
        }
        [text, sections] = [edited, found.sections];
      }
    }
    assert.ok(checked > 1000);
  });

  it('checks the large files of many sections and keys from the previous version exactly as afresh', () => {
    const next = seeded(5);
    for (const { name, text: original } of largeInputs()) {
      let document = TextDocument.create('file:///ws/values.yaml', 'yaml', 1, original);
      let previous = verdict(document).check;
      for (let i = 0; i < 12; i++) {
        // Every other edit in the first 2 KB, where the first section is and the later ones all move.
        const text = i % 2 ? edit(document.getText(), next) : ((t) => edit(t.slice(0, 2000), next) + t.slice(2000))(document.getText());
        document = TextDocument.create(document.uri, 'yaml', i + 2, text);
        const incremental = verdict(document, previous);
        assert.deepEqual(incremental.seen, verdict(document).seen, `${name}, edit ${i}`);
        assert.deepEqual(plain(incremental.check.analysis), plain(analyze(document.uri, text)), `${name}, edit ${i}`);
        previous = incremental.check;
      }
    }
  });

  it('reads auth sections up to a budget per file, and says where the ones past it start', () => {
    const text = largeInputs()[0].text;
    const analysis = analyze('file:///ws/openmetadata.yaml', text);
    assert.ok(analysis.blocks && analysis.blocksRead && analysis.blocksRead < analysis.blocks.length);
    const note = analysis.model.issues.find((i) => i.data?.kind === 'too-many-sections');
    assert.equal(note?.span.start, analysis.blocks[analysis.blocksRead].start);
    // The sections past the budget are left to the whole-file syntax check, as every other section is.
    const broken = `${text}authenticationConfiguration:\n  provider: [\n`;
    const check = new DocumentCheck({ document: TextDocument.create('file:///ws/openmetadata.yaml', 'yaml', 1, broken) });
    assert.ok(check.checkSyntax()?.some((i) => i.code === 'yaml-syntax' && i.span.start > analysis.blocks![analysis.blocksRead!].start));
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
