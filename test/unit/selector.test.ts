// The manifest and the client agree on which documents are configs: package.json cannot import the list, so this holds them equal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_COMMAND_WHEN, CONFIG_LANGUAGES, configSelector, mayBeConfig } from '../../client/src/selector';
import { repoRoot } from '../corpusDir';

interface Manifest {
  activationEvents: string[];
  contributes: { menus: { commandPalette: { command: string; when?: string }[] } };
}
const manifest = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as Manifest;
const FILE_COMMANDS = ['createKeycloakClient', 'insertKeycloakSettings', 'checkKeycloak', 'testSignIn'].map((c) => `openmetadataAuth.${c}`);
const file = (path: string) => ({ uri: { scheme: 'file', path } });

describe('which documents the editor serves', () => {
  it('shows the file commands in the palette for every config language, env files and recognised configs', () => {
    for (const command of FILE_COMMANDS) {
      const entry = manifest.contributes.menus.commandPalette.find((m) => m.command === command);
      assert.equal(entry?.when, CONFIG_COMMAND_WHEN, `${command}'s palette clause differs from the client's`);
    }
    assert.match(CONFIG_COMMAND_WHEN, /dockercompose/);
  });
  it('activates on each config language', () => {
    for (const language of CONFIG_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`), `no activation on ${language}`);
  });
  it('attaches to compose files by their language and to env files by name, whatever their language', () => {
    const selector = configSelector(['**/conf/*.conf']);
    assert.ok(selector.some((f) => 'language' in f && f.language === 'dockercompose' && f.scheme === 'file'));
    assert.ok(selector.some((f) => 'pattern' in f && f.pattern === '**/.env' && !('language' in f)));
    assert.ok(selector.some((f) => 'pattern' in f && f.pattern === '**/conf/*.conf'));
    assert.ok(mayBeConfig({ ...file('/w/docker-compose.yml'), languageId: 'dockercompose' }));
    assert.ok(mayBeConfig({ ...file('/w/.env'), languageId: 'properties' }));
    assert.ok(mayBeConfig({ ...file('/w/prod.env'), languageId: 'plaintext' }));
    // Near misses: a Markdown file, and a YAML document that is not on disk.
    assert.ok(!mayBeConfig({ ...file('/w/README.md'), languageId: 'markdown' }));
    assert.ok(!mayBeConfig({ uri: { scheme: 'untitled', path: 'Untitled-1' }, languageId: 'yaml' }));
  });
});
