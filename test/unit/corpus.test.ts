// Corpus conformance: every real config in ../shared/corpus is read in its shape and gets the verdict of INDEX.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check } from './helpers';

const CORPUS = [process.env.OM_AUTH_CORPUS, join(__dirname, '../../../../shared/corpus'), '/work/shared/corpus'].find((d) => d && existsSync(join(d, 'INDEX.md')))!;

interface Verdict {
  shape: 'server' | 'helm' | 'env' | 'workflow' | null;
  /** `code@line` that must be reported (the mistakes INDEX.md names). */
  expect?: string[];
  /** The file is valid for today's OpenMetadata: no error and no warning at all. */
  valid?: boolean;
  /** The OpenMetadata version the file was written for, when the verdict depends on it. */
  version?: string;
}

/** INDEX.md, file by file. Lines are 1-based, as an editor shows them. */
const VERDICTS: Record<string, Verdict> = {
  '01-om-demo-keycloak-sso.env': { shape: 'env' },
  '02-om-demo-keycloak-realm-data-sec.json': { shape: null },
  '03-om-demo-sso-with-ssl.env': { shape: 'env' },
  '04-om-demo-keycloak-docker-compose.yml': { shape: 'env', expect: ['invalid-value@63'] },
  '05-helm-chart-values-1.13.1.yaml': { shape: 'helm' },
  '06-helm-chart-values.schema-1.13.1.json': { shape: null },
  '07-om-deployment-terraform-keycloak-client.tf': { shape: null },
  '08-data-mesh-pattern-openmetadata-0.13.yaml': { shape: 'server' },
  '09-data-mesh-pattern-deployment-env-patch.yaml': { shape: 'env' },
  '11-kuma0128-openmetadata_server.env': { shape: 'env', expect: ['unknown-env-var@19'] },
  '13-docs-1.12-keycloak-docker-implicit.env': { shape: 'env' },
  '15-docs-1.12-keycloak-baremetal-implicit.yaml': { shape: 'server', expect: ['missing-required@10'] },
  '16-docs-1.12-keycloak-baremetal-authcode.yaml': { shape: 'server', expect: ['malformed-value@23'] },
  '17-docs-1.12-keycloak-helm-implicit-values.yaml': { shape: 'helm' },
  '19-docs-1.12-oidc-confidential.yaml': { shape: 'server', valid: true },
  '20-docs-1.12-custom-oidc-docker.env': { shape: 'env' },
  '21-docs-1.12-custom-oidc-helm-values.yaml': { shape: 'helm' },
  '22-docs-1.12-ingestion-workflowConfig-jwt.yaml': { shape: 'workflow', valid: true },
  '23-docs-1.12-okta-docker-authcode.env': { shape: 'env' },
  '25-om-repo-local-sso-openmetadata-keycloak-saml.yaml': { shape: 'server' },
  '27-docs-1.2-keycloak-docker.env': { shape: 'env' },
  '28-docs-1.0-keycloak-ingestion-workflowConfig-custom-oidc.yaml': { shape: 'workflow', expect: ['not-in-version@6', 'not-in-version@7', 'not-in-version@8'] },
  '32-issue-helm-charts-229-customParams.yaml': { shape: 'helm' },
};

describe('corpus conformance', () => {
  it('has a verdict for every corpus file', () => {
    const files = readdirSync(CORPUS).filter((f) => f !== 'INDEX.md').sort();
    assert.deepEqual(files, Object.keys(VERDICTS).sort());
  });
  for (const [file, verdict] of Object.entries(VERDICTS)) {
    it(`${file}: ${verdict.valid ? 'valid' : verdict.shape ?? 'not a config'}`, () => {
      const text = readFileSync(join(CORPUS, file), 'utf8');
      const { analysis, diagnostics, codes } = check(text, `file:///corpus/${file}`, verdict.version ? { openmetadataVersion: verdict.version } : {});
      assert.equal(analysis.shape, verdict.shape);
      for (const expected of verdict.expect ?? []) assert.ok(codes.includes(expected), `${expected} missing; got ${codes.join(', ')}`);
      if (verdict.valid) assert.deepEqual(diagnostics.filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message}`), []);
      if (verdict.shape === null) assert.deepEqual(diagnostics, []);
    });
  }
});
