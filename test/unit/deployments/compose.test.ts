// Compose deployments: interpolation as compose documents it, the files a deployment is made of, what the server
// container gets and from where, and the findings that need more than one file.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from 'yaml';
import { interpolate } from '../../../server/src/service/deployments/interpolate';
import { deploymentHover, effectiveConfigurationText, where } from '../../../server/src/service/deployments/index';
import { applyChanges } from '../../../server/src/service/edits';
import { deployment } from './disk';

const COMPOSE = `services:
  mysql:
    image: mysql:8
    environment:
      MYSQL_ROOT_PASSWORD: \${MYSQL_PASSWORD}
  openmetadata-server:
    image: docker.getcollate.io/openmetadata/server:1.12.1
    environment:
      AUTHENTICATION_PROVIDER: \${AUTHENTICATION_PROVIDER:-basic}
      AUTHENTICATION_PUBLIC_KEYS: \${AUTHENTICATION_PUBLIC_KEYS:-[http://localhost:8585/api/v1/system/config/jwks]}
      AUTHENTICATION_AUTHORITY: \${AUTHENTICATION_AUTHORITY:-https://accounts.google.com}
      AUTHENTICATION_CLIENT_ID: \${AUTHENTICATION_CLIENT_ID:-}
      AUTHENTICATION_CALLBACK_URL: \${AUTHENTICATION_CALLBACK_URL:-}
      AUTHENTICATION_CLIENT_TYPE: \${AUTHENTICATION_CLIENT_TYPE:-public}
`;

const KEYCLOAK_ENV = `AUTHENTICATION_PROVIDER=custom-oidc
AUTHENTICATION_PUBLIC_KEYS=[http://localhost:8585/api/v1/system/config/jwks,http://localhost:8081/realms/data-sec/protocol/openid-connect/certs]
AUTHENTICATION_AUTHORITY=http://localhost:8081/realms/data-sec
AUTHENTICATION_CLIENT_ID=open-metadata
AUTHENTICATION_CALLBACK_URL=http://localhost:8585/callback
AUTHENTICATION_CLIENT_TYPE=confidential
OIDC_CLIENT_SECRET=s3cr3t-value
`;

describe('compose interpolation', () => {
  const env: Record<string, string> = { SET: 'v', EMPTY: '' };
  const lookup = (name: string) => env[name];
  const cases: [string, string][] = [
    ['$SET', 'v'],
    ['${SET}', 'v'],
    ['a$$b', 'a$b'],
    ['$${SET}', '${SET}'],
    ['${UNSET}', ''],
    ['${UNSET:-d}', 'd'],
    ['${UNSET-d}', 'd'],
    ['${EMPTY:-d}', 'd'],
    ['${EMPTY-d}', ''],
    ['${SET:-d}', 'v'],
    ['${SET:+alt}', 'alt'],
    ['${EMPTY:+alt}', ''],
    ['${EMPTY+alt}', 'alt'],
    ['${UNSET+alt}', ''],
    ['${UNSET:-${SET}}', 'v'],
    ['${UNSET:-${ALSO_UNSET:-deep}}', 'deep'],
    ['${UNSET:-[a, b]}', '[a, b]'],
    ['http://${SET}:8080/x', 'http://v:8080/x'],
    ['cost: 5$', 'cost: 5$'],
  ];
  for (const [text, expected] of cases) it(`${text} → ${JSON.stringify(expected)}`, () => assert.equal(interpolate(text, lookup).value, expected));

  it('a required variable that is missing, or empty with `:?`, stops compose with its message', () => {
    assert.equal(interpolate('${UNSET:?set it}', lookup).uses[0].failure, 'set it');
    assert.equal(interpolate('${EMPTY:?set it}', lookup).uses[0].failure, 'set it');
    assert.equal(interpolate('${EMPTY?set it}', lookup).uses[0].failure, undefined);
    assert.equal(interpolate('${SET:?set it}', lookup).uses[0].failure, undefined);
  });
  it('says where each reference is and whether it is set', () => {
    const r = interpolate('x${SET}y${UNSET}', lookup);
    assert.deepEqual(
      r.uses.map((u) => [u.name, u.start, u.end, u.value]),
      [
        ['SET', 1, 7, 'v'],
        ['UNSET', 8, 16, undefined],
      ],
    );
  });
  it('an unclosed reference is refused, not read past the value', () => {
    const r = interpolate('${SET', lookup);
    assert.ok(r.invalid);
    assert.equal(r.value, '${SET');
  });
  it('nesting is bounded: a hostile value is answered, not recursed without end', () => {
    const deep = '${A:-'.repeat(5000) + 'x' + '}'.repeat(5000);
    const r = interpolate(deep, () => undefined);
    assert.ok(r.invalid);
  });
});

describe('compose deployment: what the server container gets', () => {
  it('takes values from the .env beside the compose file, with the place each is written', () => {
    const { results } = deployment({ '/p/docker-compose.yml': COMPOSE, '/p/.env': KEYCLOAK_ENV }, '/p/docker-compose.yml');
    assert.equal(results.length, 1);
    assert.equal(results[0].service, 'openmetadata-server');
    const provider = results[0].variables.find((v) => v.name === 'AUTHENTICATION_PROVIDER')!;
    assert.equal(provider.value, 'custom-oidc');
    assert.equal(where(provider.origin), '.env:1');
    assert.equal(where(provider.passedBy!), 'docker-compose.yml:9');
  });
  it('without an .env the defaults of the compose file are what the server gets', () => {
    const { results } = deployment({ '/p/docker-compose.yml': COMPOSE }, '/p/docker-compose.yml');
    const provider = results[0].variables.find((v) => v.name === 'AUTHENTICATION_PROVIDER')!;
    assert.equal(provider.value, 'basic');
    assert.equal(where(provider.origin), 'docker-compose.yml:9');
    assert.deepEqual(
      results[0].issues.map((i) => i.code),
      [],
    );
  });
  it('env_file: values reach the container, and environment: wins over them', () => {
    const compose = COMPOSE.replace(
      '    environment:\n      AUTHENTICATION_PROVIDER',
      '    env_file:\n      - ./openmetadata.env\n    environment:\n      AUTHENTICATION_PROVIDER',
    );
    const files = {
      '/p/docker-compose.yml': compose,
      '/p/openmetadata.env': 'AUTHENTICATION_PROVIDER=google\nAUTHENTICATION_RESPONSE_TYPE=code\n',
    };
    const { results, members } = deployment(files, '/p/openmetadata.env');
    assert.equal(results.length, 1, 'the env_file belongs to the compose deployment');
    assert.ok(members.includes('/p/openmetadata.env'));
    const vars = new Map(results[0].variables.map((v) => [v.name, v]));
    assert.equal(vars.get('AUTHENTICATION_PROVIDER')!.value, 'basic');
    assert.equal(vars.get('AUTHENTICATION_RESPONSE_TYPE')!.value, 'code');
    assert.equal(where(vars.get('AUTHENTICATION_RESPONSE_TYPE')!.origin), 'openmetadata.env:2');
  });
  it('the override file compose merges by default replaces the base file’s variable', () => {
    const files = {
      '/p/docker-compose.yml': COMPOSE,
      '/p/docker-compose.override.yml': 'services:\n  openmetadata-server:\n    environment:\n      AUTHENTICATION_PROVIDER: custom-oidc\n',
    };
    const { results } = deployment(files, '/p/docker-compose.override.yml');
    const provider = results[0].variables.find((v) => v.name === 'AUTHENTICATION_PROVIDER')!;
    assert.equal(provider.value, 'custom-oidc');
    assert.equal(where(provider.origin), 'docker-compose.override.yml:4');
  });
  it('a declared --env-file replaces the .env, and its deployment is found from the env file', () => {
    const files = { '/p/docker-compose.yml': COMPOSE, '/p/.env': 'AUTHENTICATION_PROVIDER=google\n', '/p/prod_env_file': KEYCLOAK_ENV };
    const settings = { deployments: [{ name: 'prod', compose: ['docker-compose.yml'], envFiles: ['prod_env_file'] }] };
    const { results } = deployment(files, '/p/prod_env_file', settings);
    assert.deepEqual(
      results.map((r) => r.name),
      ['prod'],
    );
    assert.equal(results[0].variables.find((v) => v.name === 'AUTHENTICATION_PROVIDER')!.value, 'custom-oidc');
  });
  it('a compose file that runs no OpenMetadata server is not a deployment of ours', () => {
    const { results } = deployment({ '/p/docker-compose.yml': 'services:\n  web:\n    image: nginx\n', '/p/.env': KEYCLOAK_ENV }, '/p/.env');
    assert.deepEqual(results, []);
  });
  it('an env_file path that leaves the project is not read', () => {
    const compose = COMPOSE.replace(
      '    environment:\n      AUTHENTICATION_PROVIDER',
      '    env_file: ../../etc/secrets.env\n    environment:\n      AUTHENTICATION_PROVIDER',
    );
    const { members } = deployment({ '/p/docker-compose.yml': compose, '/etc/secrets.env': 'X=1' }, '/p/docker-compose.yml');
    assert.ok(!members.some((m) => m.startsWith('/etc')));
  });
});

describe('compose deployment: findings no file alone shows', () => {
  it('env-not-passed: the .env sets the client secret, the compose file never passes it; the fix passes it', () => {
    const files = { '/p/docker-compose.yml': COMPOSE, '/p/.env': KEYCLOAK_ENV };
    const { results } = deployment(files, '/p/.env');
    const issue = results[0].issues.find((i) => i.code === 'env-not-passed')!;
    assert.ok(issue, 'reported');
    assert.equal(issue.uri, 'file:///p/.env');
    assert.equal(KEYCLOAK_ENV.slice(issue.span.start, issue.span.end), 'OIDC_CLIENT_SECRET');
    assert.equal(where(issue.related[0].place), 'docker-compose.yml:8');
    assert.ok(!issue.message.includes('s3cr3t'), 'the value is never in a message');
    // Applied as an editor applies it: valid YAML, the finding goes, nothing new appears.
    const fixed = applyChanges(COMPOSE, issue.fix!.changes);
    assert.equal(issue.fix!.uri, 'file:///p/docker-compose.yml');
    assert.deepEqual(parseDocument(fixed).errors, []);
    assert.match(fixed, /\n {6}OIDC_CLIENT_SECRET: \$\{OIDC_CLIENT_SECRET\}\n$/);
    const after = deployment({ ...files, '/p/docker-compose.yml': fixed }, '/p/.env').results[0].issues.map((i) => `${i.code}@${i.uri}`);
    const before = results[0].issues.map((i) => `${i.code}@${i.uri}`);
    assert.ok(!after.includes('env-not-passed@file:///p/.env'));
    assert.deepEqual(
      after.filter((a) => !before.includes(a)),
      [],
    );
    // Passing the secret is what the confidential client lacked.
    assert.ok(before.includes('confidential-client-without-secret@file:///p/.env') && !after.includes('confidential-client-without-secret@file:///p/.env'));
  });
  it('env-not-passed near miss: a variable the service passes, or loads with env_file, is passed', () => {
    const passed = COMPOSE + '      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET}\n';
    assert.ok(!deployment({ '/p/docker-compose.yml': passed, '/p/.env': KEYCLOAK_ENV }, '/p/.env').results[0].issues.some((i) => i.code === 'env-not-passed'));
    const loaded = COMPOSE.replace('    environment:\n      AUTHENTICATION_PROVIDER', '    env_file: .env\n    environment:\n      AUTHENTICATION_PROVIDER');
    assert.ok(!deployment({ '/p/docker-compose.yml': loaded, '/p/.env': KEYCLOAK_ENV }, '/p/.env').results[0].issues.some((i) => i.code === 'env-not-passed'));
    // A variable of another program (the database's) is not ours to judge.
    assert.ok(!deployment({ '/p/docker-compose.yml': COMPOSE, '/p/.env': 'MYSQL_PASSWORD=x\nSOME_OTHER=1\n' }, '/p/.env').results[0].issues.length);
  });
  it('the fix writes a list item in a list-form environment', () => {
    const list = `services:\n  openmetadata-server:\n    image: openmetadata/server:1.12.1\n    environment:\n      - AUTHENTICATION_PROVIDER=\${AUTHENTICATION_PROVIDER:-basic}\n`;
    const issue = deployment({ '/p/docker-compose.yml': list, '/p/.env': 'AUTHENTICATION_CLIENT_ID=om\n' }, '/p/.env').results[0].issues.find(
      (i) => i.code === 'env-not-passed',
    )!;
    const fixed = applyChanges(list, issue.fix!.changes);
    assert.match(fixed, /\n {6}- AUTHENTICATION_CLIENT_ID=\$\{AUTHENTICATION_CLIENT_ID\}\n$/);
    assert.deepEqual(parseDocument(fixed).errors, []);
  });
  it('env-unset: ${VAR} no env file sets is a warning at the reference, ${VAR:?} an error', () => {
    const compose =
      COMPOSE + '      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET}\n      AUTHENTICATION_JWT_PRINCIPAL_CLAIMS: ${PRINCIPAL_CLAIMS:?set the claims}\n';
    const { results } = deployment({ '/p/docker-compose.yml': compose, '/p/.env': 'AUTHENTICATION_PROVIDER=basic\n' }, '/p/docker-compose.yml');
    const unset = results[0].issues.filter((i) => i.code === 'env-unset');
    assert.deepEqual(
      unset.map((i) => [compose.slice(i.span.start, i.span.end), i.severity]),
      [
        ['${OIDC_CLIENT_SECRET}', 'warning'],
        ['${PRINCIPAL_CLAIMS:?set the claims}', 'error'],
      ],
    );
  });
  it('env-unset near misses: a default, a variable the .env sets, and a compose project without env files', () => {
    const compose = COMPOSE + '      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET}\n';
    const set = deployment({ '/p/docker-compose.yml': compose, '/p/.env': 'OIDC_CLIENT_SECRET=x\n' }, '/p/docker-compose.yml').results[0].issues;
    assert.ok(!set.some((i) => i.code === 'env-unset'));
    // Without an env file the variables come from the shell that runs compose: nothing to compare with.
    const none = deployment({ '/p/docker-compose.yml': compose }, '/p/docker-compose.yml').results[0].issues;
    assert.ok(!none.some((i) => i.code === 'env-unset'));
  });
  it('the server’s rules run on what the container gets, and each finding sits where its value is written', () => {
    const { results } = deployment({ '/p/docker-compose.yml': COMPOSE, '/p/.env': KEYCLOAK_ENV }, '/p/docker-compose.yml');
    const local = results[0].issues.filter((i) => i.code === 'localhost-in-container');
    assert.ok(local.length, 'a Keycloak at localhost, fetched from inside the server container');
    for (const issue of local) {
      assert.equal(issue.uri, 'file:///p/.env', 'placed on the .env value that says localhost');
      assert.ok(
        issue.related.some((r) => where(r.place).startsWith('docker-compose.yml:')),
        'with the compose line that passes it',
      );
    }
  });
  it('a literal value written in the compose file is found at its characters there', () => {
    const compose = COMPOSE.replace(
      '${AUTHENTICATION_PUBLIC_KEYS:-[http://localhost:8585/api/v1/system/config/jwks]}',
      '"[http://openmetadata-server:8585/api/v1/system/config/jwks, http://localhost:8081/realms/om/protocol/openid-connect/certs]"',
    );
    const env = KEYCLOAK_ENV.split('\n')
      .filter((l) => !l.startsWith('AUTHENTICATION_PUBLIC_KEYS'))
      .join('\n');
    const { results } = deployment({ '/p/docker-compose.yml': compose, '/p/.env': env }, '/p/docker-compose.yml');
    const onAuthority = results[0].issues.filter(
      (i) => i.uri === 'file:///p/docker-compose.yml' && compose.slice(i.span.start, i.span.end).includes('localhost:8081'),
    );
    assert.ok(onAuthority.length, JSON.stringify(results[0].issues.map((i) => [i.code, i.uri])));
  });
});

describe('compose deployment: shown to the person', () => {
  const files = { '/p/docker-compose.yml': COMPOSE, '/p/.env': KEYCLOAK_ENV + 'OIDC_CLIENT_ID=open-metadata\n' };
  const compose = COMPOSE + '      OIDC_CLIENT_SECRET: ${OIDC_CLIENT_SECRET}\n';
  it('hover on a compose line names the value the server gets and where it is set; on the .env line, who passes it', () => {
    const { results } = deployment({ ...files, '/p/docker-compose.yml': compose }, '/p/docker-compose.yml');
    const at = compose.indexOf('AUTHENTICATION_PROVIDER:') + 3;
    assert.equal(
      deploymentHover(results, 'file:///p/docker-compose.yml', compose, at),
      'Deployment `docker-compose.yml`: the `openmetadata-server` service gets `AUTHENTICATION_PROVIDER` = `custom-oidc`, set in `.env:1`.',
    );
    const secretAt = compose.indexOf('OIDC_CLIENT_SECRET:');
    assert.match(deploymentHover(results, 'file:///p/docker-compose.yml', compose, secretAt)!, /= `••••••••`/);
    const env = files['/p/.env'];
    assert.equal(
      deploymentHover(results, 'file:///p/.env', env, env.indexOf('AUTHENTICATION_CLIENT_ID')),
      'Deployment `docker-compose.yml`: passed to the `openmetadata-server` service as `AUTHENTICATION_CLIENT_ID` by `docker-compose.yml:12`.',
    );
    // A line of the .env the compose file does not pass gets nothing: its diagnostic says why.
    assert.equal(deploymentHover(results, 'file:///p/.env', env, env.indexOf('OIDC_CLIENT_ID')), undefined);
  });
  it('the effective configuration lists each auth variable with its origin, secrets masked, Markdown in values not rendered', () => {
    const env = files['/p/.env'].replace('AUTHENTICATION_CLIENT_ID=open-metadata', 'AUTHENTICATION_CLIENT_ID=[x](http://evil)|y');
    const { results } = deployment({ ...files, '/p/docker-compose.yml': compose, '/p/.env': env }, '/p/.env');
    const text = effectiveConfigurationText(results, '.env');
    assert.match(text, /\| `AUTHENTICATION_PROVIDER` \| `\.env:1` \| `docker-compose\.yml:9` \| `custom-oidc` \|/);
    assert.match(text, /\| `OIDC_CLIENT_SECRET` \| [^\n]*\| `••••••••` \|/);
    assert.ok(!text.includes('s3cr3t'));
    assert.ok(text.includes('| `[x](http://evil)\\|y` |'), text);
    assert.match(effectiveConfigurationText([], 'x.env'), /No compose deployment/);
  });
});
