// Corpus conformance: every real config in ../shared/corpus is read in its shape and gets the verdict of INDEX.md.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusMissing, findCorpus } from '../corpusDir';
import { check, releaseOf } from './helpers';
import { schemaIndex } from '../../server/src/service/schema';
import type { ServiceSettings } from '../../server/src/service/validate';

const { dir: CORPUS, looked } = findCorpus();

interface Verdict {
  shape: 'server' | 'helm' | 'env' | 'workflow' | null;
  /** The OpenMetadata release the file was written for (INDEX.md's era); without one, the release it names or the newest. */
  version?: string;
  /**
   * The exact errors and warnings (`code@line`, 1-based as an editor shows them) the file gets for its own release,
   * nothing more. Checked with the release set and, where the file names one, detected.
   */
  exact: string[];
  /** For a file INDEX.md calls valid only for its era: the exact set for today's release (its "mistakes for today"). */
  today?: string[];
}

/** INDEX.md, file by file. */
const VERDICTS: Record<string, Verdict> = {
  // Valid for 0.12 (the catalog packages and no OM JWKS were right then; ingestion used the Keycloak service account);
  // a client secret in clear text, and `admin` among the admins of a Keycloak login.
  '01-om-demo-keycloak-sso.env': {
    shape: 'env',
    version: '0.12',
    exact: ['default-admin-principal@2', 'plaintext-secret@18'],
    // R31 legacy classes and variables, R10 OM JWKS missing.
    today: [
      'legacy-setting@3',
      'legacy-setting@4',
      'legacy-setting@5',
      'legacy-setting@16',
      'legacy-setting@17',
      'legacy-setting@18',
      'legacy-setting@19',
      'missing-om-jwks@9',
      'default-admin-principal@2',
      'plaintext-secret@18',
    ],
  },
  '02-om-demo-keycloak-realm-data-sec.json': { shape: null, exact: [] },
  // 0.13: the pre-1.0 JWKS path is right, the Airflow variables are still read by 0.13.0; the secret in clear text.
  '03-om-demo-sso-with-ssl.env': {
    shape: 'env',
    version: '0.13',
    exact: ['default-admin-principal@2', 'plaintext-secret@18'],
    // R11 outdated OM JWKS path, R31 legacy variables.
    today: [
      'legacy-om-jwks-path@9',
      'legacy-setting@5',
      'legacy-setting@16',
      'legacy-setting@17',
      'legacy-setting@18',
      'legacy-setting@19',
      'default-admin-principal@2',
      'plaintext-secret@18',
    ],
  },
  // Valid for 0.12 (its images say 0.12.0): `no-auth` and the catalog packages were right then.
  '04-om-demo-keycloak-docker-compose.yml': {
    shape: 'env',
    version: '0.12',
    exact: [],
    // R27 obsolete provider `no-auth`, R31 catalog packages and the Airflow variables.
    today: [
      'invalid-value@63',
      ...[56, 57, 59, 74, 75, 76, 77, 78, 80, 81, 83, 84, 85, 86, 87, 89, 90, 91, 93, 94, 95].map((line) => `legacy-setting@${line}`),
    ],
  },
  '05-helm-chart-values-1.13.1.yaml': { shape: 'helm', version: '1.13', exact: [] },
  '06-helm-chart-values.schema-1.13.1.json': { shape: null, exact: [] },
  '07-om-deployment-terraform-keycloak-client.tf': { shape: null, exact: [] },
  // Valid for 0.13; R31 botPrincipals and airflowConfiguration.authProvider, R10 no OM JWKS, for today.
  '08-data-mesh-pattern-openmetadata-0.13.yaml': {
    shape: 'server',
    version: '0.13',
    exact: [],
    today: ['legacy-setting@141', 'legacy-setting@186', 'missing-om-jwks@150'],
  },
  '09-data-mesh-pattern-deployment-env-patch.yaml': { shape: 'env', version: '0.13', exact: [], today: ['legacy-setting@55'] },
  // R32 typo THENTICATION_RESPONSE_TYPE, R31 legacy principals, R40 shipped key files with a custom keyId.
  '11-kuma0128-openmetadata_server.env': {
    shape: 'env',
    version: '1.5',
    exact: ['unknown-env-var@19', 'legacy-setting@14', 'default-jwt-keys@33', 'default-jwt-keys@34'],
  },
  // R12 port, /auth prefix and realm disagree; R15 braces; values starting with a space; `admin` with Keycloak.
  '13-docs-1.12-keycloak-docker-implicit.env': {
    shape: 'env',
    version: '1.12',
    exact: [
      'keycloak-url-mismatch@10',
      'default-admin-principal@4',
      'placeholder-left@10',
      'placeholder-left@12',
      'placeholder-left@12',
      'malformed-value@2',
      'malformed-value@3',
    ],
  },
  // R15 placeholders; providerName (and jwtPrincipalClaims) missing from the block.
  '15-docs-1.12-keycloak-baremetal-implicit.yaml': {
    shape: 'server',
    version: '1.12',
    exact: [
      'missing-required@10',
      'missing-required@10',
      'default-admin-principal@6',
      'placeholder-left@13',
      'placeholder-left@14',
      'placeholder-left@14',
      'placeholder-left@15',
      'placeholder-left@15',
      'placeholder-left@16',
    ],
  },
  // R16 missing space after the colon (one mistake, said once) and stray quote; R12 /realms vs /auth/realms.
  '16-docs-1.12-keycloak-baremetal-authcode.yaml': {
    shape: 'server',
    version: '1.12',
    exact: [
      'malformed-value@23',
      'malformed-value@24',
      'keycloak-url-mismatch@23',
      'missing-required@10',
      'missing-required@10',
      'default-admin-principal@6',
      'placeholder-left@13',
      'placeholder-left@14',
      'placeholder-left@14',
      'placeholder-left@15',
      'placeholder-left@15',
      'placeholder-left@16',
      'placeholder-left@20',
      'placeholder-left@22',
    ],
  },
  // R8 authority ends in /protocol/openid-connect/auth; R15 placeholders.
  '17-docs-1.12-keycloak-helm-implicit-values.yaml': {
    shape: 'helm',
    version: '1.12',
    exact: [
      'authority-not-issuer@20',
      'default-admin-principal@9',
      'placeholder-left@18',
      'placeholder-left@19',
      'placeholder-left@19',
      'placeholder-left@20',
      'placeholder-left@20',
      'placeholder-left@21',
    ],
  },
  '19-docs-1.12-oidc-confidential.yaml': { shape: 'server', version: '1.12', exact: [] },
  // R15 braces around the authority and placeholders.
  '20-docs-1.12-custom-oidc-docker.env': {
    shape: 'env',
    version: '1.12',
    exact: ['default-admin-principal@4', 'placeholder-left@9', 'placeholder-left@10', 'placeholder-left@11'],
  },
  // R33 obsolete top-level `global:`; the JWKS the pod fetches at localhost; placeholders.
  '21-docs-1.12-custom-oidc-helm-values.yaml': {
    shape: 'helm',
    version: '1.12',
    exact: ['helm-obsolete-global@1', 'localhost-in-container@13', 'placeholder-left@12', 'placeholder-left@15'],
  },
  '22-docs-1.12-ingestion-workflowConfig-jwt.yaml': { shape: 'workflow', version: '1.12', exact: [] },
  // R16 YAML syntax inside an env file; R15 placeholders.
  '23-docs-1.12-okta-docker-authcode.env': {
    shape: 'env',
    version: '1.12',
    exact: [
      'default-admin-principal@4',
      'placeholder-left@7',
      'placeholder-left@7',
      'placeholder-left@8',
      'placeholder-left@9',
      'placeholder-left@13',
      'placeholder-left@15',
      'placeholder-left@16',
      'malformed-value@16',
      'malformed-value@17',
    ],
  },
  // R20 principalDomain is a URL, R18 an email among the admin principals (standing for `admin`); R10 no OM JWKS;
  // sp.acs at /callback instead of /api/v1/saml/acs.
  '25-om-repo-local-sso-openmetadata-keycloak-saml.yaml': {
    shape: 'server',
    version: '1.10',
    exact: ['principal-domain-format@50', 'admin-principal-format@49', 'default-admin-principal@49', 'missing-om-jwks@18', 'saml-acs-path@37'],
  },
  // R15 `[{http://...}]`, R10 OM JWKS missing.
  '27-docs-1.2-keycloak-docker.env': { shape: 'env', version: '1.2', exact: ['placeholder-left@9', 'placeholder-left@10', 'missing-om-jwks@9'] },
  // Valid for 1.0 but for the docs placeholders; obsolete in 1.1+: custom-oidc service-account ingestion.
  '28-docs-1.0-keycloak-ingestion-workflowConfig-custom-oidc.yaml': {
    shape: 'workflow',
    version: '1.0',
    exact: ['placeholder-left@6', 'placeholder-left@7', 'placeholder-left@8'],
    today: ['legacy-setting@4', 'not-in-version@6', 'not-in-version@7', 'not-in-version@8'],
  },
  // R24 the chart's `customParams: ""` (OM 1.3.2), and `openmetadata.configuration` instead of `config`; no discovery
  // URI (the chart's default is empty), which the runtime OIDC client needs (a.7).
  '32-issue-helm-charts-229-customParams.yaml': {
    shape: 'helm',
    version: '1.3',
    exact: ['unknown-key@2', 'custom-params-empty@7', 'confidential-client-incomplete@7'],
  },
  // Stock files and chart defaults for their own releases (INDEX.md 33-46): nothing but what INDEX.md names.
  // The stock conf: empty `${VAR:-}` defaults are null, not type errors; tokenValidity is in 1.4.
  '33-om-stock-conf-1.4.yaml': { shape: 'server', version: '1.4', exact: [] },
  // The quickstart: only the variable last read by 0.12.x, shipped twice; OM_SM_* and AUTHORIZER_ENABLE_SMTP are real.
  '34-om-quickstart-compose-1.6.4.yml': { shape: 'env', version: '1.6', exact: ['legacy-setting@78', 'legacy-setting@288'] },
  '35-om-quickstart-compose-0.13.2.yml': { shape: 'env', version: '0.13', exact: [] },
  // loggerLevel is a workflow key; the literal JWT is a real clear-text secret.
  '36-om-ingestion-example-airflow.yaml': { shape: 'workflow', exact: ['plaintext-secret@28'] },
  // The chart's own `global:` layout before chart 1.1, and the pre-1.0 JWKS path, are right for 0.13.
  '37-helm-chart-values-0.0.58.yaml': { shape: 'helm', version: '0.13', exact: [] },
  // wantNameIdEncrypted exists up to 1.4; samlConfiguration since 1.0.
  '38-helm-chart-values-1.2.0.yaml': { shape: 'helm', version: '1.2', exact: [] },
  '39-helm-chart-values-1.9.0.yaml': { shape: 'helm', version: '1.9', exact: [] },
  '40-helm-chart-values-1.12.1.yaml': { shape: 'helm', version: '1.12', exact: [] },
  // R34 no oidcConfiguration.enabled, R15 placeholders; `admin` among the admins of an Okta login.
  '41-docs-1.11-okta-helm-authcode-values.yaml': {
    shape: 'helm',
    version: '1.11',
    exact: [
      'default-admin-principal@9',
      'placeholder-left@18',
      'placeholder-left@19',
      'placeholder-left@20',
      'placeholder-left@21',
      'placeholder-left@31',
      'helm-oidc-not-enabled@23',
    ],
  },
  // R15 placeholders, R16 YAML syntax in an env file, whitespace after `AUTHENTICATION_CLIENT_TYPE=`.
  '42-docs-1.11-auth0-docker-authcode.env': {
    shape: 'env',
    version: '1.11',
    exact: [
      'default-admin-principal@4',
      'placeholder-left@7',
      'placeholder-left@7',
      'placeholder-left@8',
      'placeholder-left@9',
      'placeholder-left@13',
      'placeholder-left@15',
      'placeholder-left@16',
      'malformed-value@11',
      'malformed-value@16',
      'malformed-value@17',
    ],
  },
  // The literal OIDC_CLIENT_SECRET; AUTHENTICATION_SESSION_EXPIRY is a current variable.
  '43-om-repo-dev-sso-test.env': { shape: 'env', exact: ['plaintext-secret@38'] },
  // A public client with the code flow, which 2.x supports.
  '44-om-repo-dev-sso-test-public.env': { shape: 'env', exact: [] },
  // R32 typo, R31 legacy variable, R40 shipped key files.
  '45-kuma0128-migrate_all.env': {
    shape: 'env',
    version: '1.5',
    exact: ['unknown-env-var@19', 'legacy-setting@14', 'default-jwt-keys@33', 'default-jwt-keys@34'],
  },
  // A copy of the quickstart whose images say 1.11.4: checked against the release it names.
  '46-jphaugla-quickstart-compose-copy.yml': { shape: 'env', exact: ['legacy-setting@78', 'legacy-setting@292'] },
};

describe('corpus conformance', () => {
  if (!CORPUS) {
    // The corpus lives beside the repository, never in it; without it the other suites still run.
    it('reads the shared corpus', { skip: corpusMissing(looked) }, () => {});
    return;
  }
  it('has a verdict for every corpus file', () => {
    const files = readdirSync(CORPUS)
      .filter((f) => f !== 'INDEX.md')
      .sort();
    assert.deepEqual(files, Object.keys(VERDICTS).sort());
  });
  const table: string[][] = [];
  for (const [file, verdict] of Object.entries(VERDICTS)) {
    const text = () => readFileSync(join(CORPUS, file), 'utf8');
    const detected = releaseOf({}, text(), file);
    const own = verdict.version ?? (detected ? `${detected.version} (detected)` : `${schemaIndex.newest} (newest)`);
    const runs: [string, ServiceSettings, string[]][] = [[own, verdict.version ? { openmetadataVersion: verdict.version } : {}, verdict.exact]];
    if (detected && verdict.version) runs.push([`${detected.version} (detected)`, {}, verdict.exact]);
    if (verdict.today) runs.push([`${schemaIndex.newest} (today)`, { openmetadataVersion: schemaIndex.newest }, verdict.today]);
    for (const [release, settings, exact] of runs) {
      it(`${file} for ${release}: exactly ${exact.length ? exact.join(', ') : 'no error or warning'}`, () => {
        const { analysis, diagnostics } = check(text(), `file:///corpus/${file}`, settings);
        const got = diagnostics.filter((d) => d.severity === 1 || d.severity === 2);
        table.push([
          file.slice(0, 40),
          release,
          String(got.filter((d) => d.severity === 1).length),
          String(got.filter((d) => d.severity === 2).length),
          String(exact.length),
        ]);
        assert.equal(analysis.shape, verdict.shape);
        // A file that is no OpenMetadata config gets nothing at all, not even hints.
        if (verdict.shape === null) assert.deepEqual(diagnostics, []);
        const codes = got.map((d) => `${d.code}@${d.range.start.line + 1}`);
        const shown = got.map((d) => `${d.code}@${d.range.start.line + 1}: ${d.message.slice(0, 120)}`);
        assert.deepEqual([...codes].sort(), [...exact].sort(), shown.join('\n'));
      });
    }
  }
  after(() => {
    // The precision table: what each file of its own release got, against what INDEX.md implies.
    const rows = [['file', 'release', 'errors', 'warnings', 'expected'], ...table];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join('  ')).join('\n'));
  });
});
