// Values OpenMetadata or Keycloak refuse or mishandle (customParams, prompt, maxAge, auth method) and legacy settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { check, codesOf, fixesOf, fixed as fixedAndChecked, URI } from '../helpers';
import type { ServiceSettings } from '../../../server/src/service/validate';
import { checkText } from '../../../server/src/service/check';

const { server: SERVER, helm: HELM, dotenv: DOTENV, compose: COMPOSE, k8s: K8S, workflow: WORKFLOW } = URI;

const only = codesOf;

const fixed = (text: string, code: string, uri: string, title?: string, settings: ServiceSettings = {}) =>
  fixedAndChecked(text, code, uri, { title, settings });

const oidc = (body: string) => `authenticationConfiguration:\n  oidcConfiguration:\n${body}`;

describe('custom-params-empty', () => {
  it('replaces an empty string with {} in server YAML', () => {
    const text = oidc('    customParams: ""   # none\n');
    assert.deepEqual(only(text, SERVER, 'custom-params-empty'), ['custom-params-empty@3']);
    assert.equal(fixed(text, 'custom-params-empty', SERVER), oidc('    customParams: {}   # none\n'));
  });

  it('empties a placeholder default instead of writing braces into it', () => {
    const text = oidc('    customParams: ${OIDC_CUSTOM_PARAMS:-""}\n');
    assert.deepEqual(only(text, SERVER, 'custom-params-empty'), ['custom-params-empty@3']);
    assert.equal(fixed(text, 'custom-params-empty', SERVER), oidc('    customParams: ${OIDC_CUSTOM_PARAMS:-}\n'));
  });

  it('unquotes a quoted placeholder, which would still bind the empty string', () => {
    const text = oidc('    customParams: "${OIDC_CUSTOM_PARAMS:-}"\n');
    assert.deepEqual(only(text, SERVER, 'custom-params-empty'), ['custom-params-empty@3']);
    assert.equal(fixed(text, 'custom-params-empty', SERVER), oidc('    customParams: ${OIDC_CUSTOM_PARAMS:-}\n'));
  });

  it('accepts the conf form ${OIDC_CUSTOM_PARAMS:-} (corpus 19) and a mapping', () => {
    assert.deepEqual(only(oidc('    customParams: ${OIDC_CUSTOM_PARAMS:-}\n'), SERVER, 'custom-params-empty'), []);
    assert.deepEqual(only(oidc('    customParams: {}\n'), SERVER, 'custom-params-empty'), []);
    assert.deepEqual(only(oidc('    customParams: ${OIDC_CUSTOM_PARAMS}\n'), SERVER, 'custom-params-empty'), []);
  });

  it('reports a .env value holding two quotes and writes {}', () => {
    const text = 'OIDC_CUSTOM_PARAMS=""\n';
    assert.deepEqual(only(text, DOTENV, 'custom-params-empty'), ['custom-params-empty@1']);
    assert.equal(fixed(text, 'custom-params-empty', DOTENV), 'OIDC_CUSTOM_PARAMS={}\n');
    assert.deepEqual(only('OIDC_CUSTOM_PARAMS=\n', DOTENV, 'custom-params-empty'), []);
  });

  it('reports a compose default of "" and empties it; a YAML empty string is fine', () => {
    const text = 'services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: ${OIDC_CUSTOM_PARAMS:-""}\n';
    assert.deepEqual(only(text, COMPOSE, 'custom-params-empty'), ['custom-params-empty@4']);
    assert.equal(fixed(text, 'custom-params-empty', COMPOSE), 'services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: ${OIDC_CUSTOM_PARAMS:-}\n');
    assert.deepEqual(only('services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: ""\n', COMPOSE, 'custom-params-empty'), []);
    const quoted = `services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: '""'\n`;
    assert.equal(fixed(quoted, 'custom-params-empty', COMPOSE), 'services:\n  om:\n    environment:\n      OIDC_CUSTOM_PARAMS: "{}"\n');
  });

  const HELM_229 = `openmetadata:
  config:
      authentication:
        enabled: true
        clientType: confidential
        provider: "custom-oidc"
        oidcConfiguration:
          enabled: true
`;

  it('reports Helm charts 1.3.2 to 1.6.3, which quote customParams (corpus 32), and overrides it with extraEnvs', () => {
    const v13 = { openmetadataVersion: '1.3.2' };
    assert.deepEqual(only(HELM_229, HELM, 'custom-params-empty', v13), ['custom-params-empty@7']);
    assert.equal(fixed(HELM_229, 'custom-params-empty', HELM, undefined, v13), `${HELM_229}extraEnvs:\n  - name: OIDC_CUSTOM_PARAMS\n    value: "{}"\n`);
    const withEnvs = `${HELM_229}extraEnvs:\n  - name: CUSTOM_OIDC_AUTHENTICATION_PROVIDER_NAME\n    value: Keycloak\n`;
    assert.equal(fixed(withEnvs, 'custom-params-empty', HELM, undefined, v13), `${withEnvs}  - name: OIDC_CUSTOM_PARAMS\n    value: "{}"\n`);
  });

  it('in the chart\'s own values.yaml (Chart.yaml of the openmetadata chart beside it) a missing customParams is absent, not ""', () => {
    const chartYaml = { name: 'Chart.yaml', text: 'apiVersion: v2\nname: openmetadata\nversion: 1.5.2\nappVersion: 1.5.2\n' };
    const vendored = checkText({ uri: 'file:///ws/values.yaml', text: HELM_229, settings: {}, neighbours: [chartYaml] });
    assert.equal(vendored.check.release({})?.version, '1.5.2');
    assert.equal(vendored.settings.openmetadataVersion, '1.5.2');
    assert.deepEqual(
      vendored.diagnostics.filter((d) => d.code === 'custom-params-empty'),
      [],
    );
    // Near misses: an explicit "" in the vendored file still breaks, and a chart that only depends on openmetadata is
    // an override whose missing customParams inherits the chart's "".
    const explicit = HELM_229.replace('          enabled: true\n', '          enabled: true\n          customParams: ""\n');
    assert.equal(
      checkText({ uri: 'file:///ws/values.yaml', text: explicit, settings: {}, neighbours: [chartYaml] }).diagnostics.filter(
        (d) => d.code === 'custom-params-empty',
      ).length,
      1,
    );
    const umbrella = {
      name: 'Chart.yaml',
      text: 'apiVersion: v2\nname: platform\nversion: 0.1.0\ndependencies:\n  - name: openmetadata\n    version: 1.5.2\n',
    };
    assert.equal(
      checkText({ uri: 'file:///ws/values.yaml', text: HELM_229, settings: {}, neighbours: [umbrella] }).diagnostics.filter(
        (d) => d.code === 'custom-params-empty',
      ).length,
      1,
    );
  });

  it('accepts Helm customParams on fixed charts and when OIDC is off', () => {
    const helm = HELM_229.replace('          enabled: true\n', '          enabled: true\n          customParams: ""\n');
    assert.deepEqual(only(helm, HELM, 'custom-params-empty'), []);
    assert.deepEqual(only(helm, HELM, 'custom-params-empty', { openmetadataVersion: '1.6.4' }), []);
    assert.deepEqual(only(helm, HELM, 'custom-params-empty', { openmetadataVersion: '1.6' }), ['custom-params-empty@9']);
    const off =
      'openmetadata:\n  config:\n    authentication:\n      clientType: public\n      oidcConfiguration:\n        enabled: false\n        customParams: ""\n';
    assert.deepEqual(only(off, HELM, 'custom-params-empty', { openmetadataVersion: '1.5' }), []);
  });
});

describe('missing-required: the LDAP port of an env file (OpenMetadata issue 21875)', () => {
  const env = (port: string) => `AUTHENTICATION_PROVIDER=ldap\nAUTHENTICATION_LDAP_HOST=ldap.example.org\n${port}AUTHENTICATION_USER_MAIL_ATTR=mail\n`;
  const compose = (lines: string) => `services:\n  openmetadata-server:\n    environment:\n${lines}`;
  it("fires when LDAP is on with a host and no port, on the provider line (an empty port is the empty-value check's, said once)", () => {
    assert.deepEqual(only(env(''), DOTENV, 'missing-required'), ['missing-required@1']);
    assert.deepEqual(only(env('AUTHENTICATION_LDAP_PORT=\n'), DOTENV, 'missing-required'), ['missing-required@3']);
    assert.deepEqual(only(compose('      AUTHENTICATION_PROVIDER: ldap\n      AUTHENTICATION_LDAP_HOST: ldap.example.org\n'), COMPOSE, 'missing-required'), [
      'missing-required@4',
    ]);
  });
  it('offers no fix: which port the directory listens on only its owner knows', () => {
    assert.deepEqual(fixesOf(env(''), 'missing-required', DOTENV), []);
  });
  it('stays silent with a port, a deploy-time port, another provider, no host here (the settings live elsewhere) or Helm (the chart has a port)', () => {
    assert.deepEqual(only(env('AUTHENTICATION_LDAP_PORT=389\n'), DOTENV, 'missing-required'), []);
    assert.deepEqual(only(env('AUTHENTICATION_LDAP_PORT=${LDAP_PORT}\n'), DOTENV, 'missing-required'), []);
    assert.deepEqual(only(env('').replace('=ldap', '=basic'), DOTENV, 'missing-required'), []);
    assert.deepEqual(only('AUTHENTICATION_PROVIDER=ldap\nAUTHENTICATION_USER_MAIL_ATTR=mail\n', DOTENV, 'missing-required'), []);
    const helm = 'openmetadata:\n  config:\n    authentication:\n      provider: ldap\n      ldapConfiguration:\n        host: ldap.example.org\n';
    assert.deepEqual(only(helm, HELM, 'missing-required'), []);
  });
});

describe('invalid-json', () => {
  const ldap = (mapping: string) => `authenticationConfiguration:\n  provider: ldap\n  ldapConfiguration:\n    authRolesMapping: ${mapping}\n`;
  it('fires on an AUTH_ROLES_MAPPING that is not a JSON object (the braces left out), in the server YAML and env files', () => {
    assert.deepEqual(only(ldap(`'"cn=admins,ou=groups,dc=example,dc=com": ["Admin"]'`), SERVER, 'invalid-json'), ['invalid-json@4']);
    assert.deepEqual(only('AUTHENTICATION_PROVIDER=ldap\nAUTH_ROLES_MAPPING=cn=admins,ou=groups=Admin\n', DOTENV, 'invalid-json'), ['invalid-json@2']);
    const d = check(ldap(`'"cn=admins": ["Admin"]'`), SERVER).diagnostics.find((x) => x.code === 'invalid-json')!;
    assert.match(d.message, /JSON object/);
  });
  it('accepts a JSON object, an empty value (no mapping) and a deploy-time reference; ignores it when LDAP is not the provider', () => {
    assert.deepEqual(only(ldap(`'{"cn=admins,ou=groups,dc=example,dc=com": ["Admin"]}'`), SERVER, 'invalid-json'), []);
    assert.deepEqual(only(ldap('${AUTH_ROLES_MAPPING:-""}'), SERVER, 'invalid-json'), []);
    assert.deepEqual(only(ldap('${AUTH_ROLES_MAPPING}'), SERVER, 'invalid-json'), []);
    assert.deepEqual(only(ldap(`'"cn=admins": ["Admin"]'`).replace('provider: ldap', 'provider: basic'), SERVER, 'invalid-json'), []);
  });
  it('fires on an OIDC_CUSTOM_PARAMS that does not read as a mapping (env, Helm), instead of a type error', () => {
    const env = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHENTICATION_CLIENT_TYPE=confidential\nOIDC_CUSTOM_PARAMS={"customParamKey1": "prompt"\n';
    assert.deepEqual(
      check(env, DOTENV).codes.filter((c) => /^(invalid-json|invalid-type)@/.test(c)),
      ['invalid-json@3'],
    );
    const helm = (params: string) =>
      `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        customParams: ${params}\n`;
    assert.deepEqual(only(helm('"customParamKey1=prompt"'), HELM, 'invalid-json'), ['invalid-json@8']);
    // Near misses: a JSON object, the chart's default, and a mapping in env form.
    assert.deepEqual(only(helm(`'{"customParamKey1": "prompt", "customParamValue1": "login"}'`), HELM, 'invalid-json'), []);
    assert.deepEqual(only(helm(`'{}'`), HELM, 'invalid-json'), []);
    assert.deepEqual(only(env.replace('"prompt"\n', '"prompt"}\n'), DOTENV, 'invalid-json'), []);
  });
});

describe('the roles mapping as OpenMetadata reads it, in every shape', () => {
  // Measured with Dropwizard 4.0.7's YamlConfigurationFactory and EnvironmentVariableSubstitutor (schemas/evidence.md):
  // the variable's text is pasted into `authRolesMapping: ${AUTH_ROLES_MAPPING:-""}`, so `{...}` there is a YAML
  // mapping and the server refuses it ("Cannot deserialize value of type String from Object value"); `'{...}'` is text.
  const json = '{"cn=admins,dc=example,dc=com":["Admin"]}';
  const codes = (text: string, uri: string) => check(text, uri).codes.filter((c) => /^(invalid-json|invalid-type|malformed-value)@/.test(c));
  const dotenv = (value: string) => `AUTHENTICATION_PROVIDER=ldap\nAUTH_ROLES_MAPPING=${value}\n`;
  const compose = (value: string) =>
    `services:\n  openmetadata-server:\n    image: openmetadata/server:1.6.4\n    environment:\n      AUTHENTICATION_PROVIDER: ldap\n      AUTH_ROLES_MAPPING: ${value}\n`;
  const composeList = (item: string) =>
    `services:\n  openmetadata-server:\n    image: openmetadata/server:1.6.4\n    environment:\n      - AUTHENTICATION_PROVIDER=ldap\n      - ${item}\n`;
  const helm = (value: string) =>
    `openmetadata:\n  config:\n    authentication:\n      provider: ldap\n      ldapConfiguration:\n        authRolesMapping: ${value}\n`;
  const server = (value: string) => `authenticationConfiguration:\n  provider: ldap\n  ldapConfiguration:\n    authRolesMapping: ${value}\n`;
  const passing = `"'${json.replace(/"/g, '\\"')}'"`;

  it('reports a JSON object the server YAML reads as a mapping, says the form that works, and the fix writes it', () => {
    assert.deepEqual(codes(dotenv(json), DOTENV), ['invalid-json@2']);
    const d = check(dotenv(json), DOTENV).diagnostics.find((x) => x.code === 'invalid-json')!;
    assert.ok(d.message.includes(passing), d.message);
    assert.equal(fixed(dotenv(json), 'invalid-json', DOTENV), dotenv(passing));
    // The compose loader takes single quotes off, so `'{...}'` in a .env reaches the server as `{...}`.
    assert.deepEqual(codes(dotenv(`'${json}'`), DOTENV), ['invalid-json@2']);
    assert.equal(fixed(dotenv(`'${json}'`), 'invalid-json', DOTENV), dotenv(passing));
    assert.deepEqual(codes(compose(`'${json}'`), COMPOSE), ['invalid-json@6']);
    assert.equal(fixed(compose(`'${json}'`), 'invalid-json', COMPOSE), compose(passing));
    assert.deepEqual(codes(composeList(`AUTH_ROLES_MAPPING=${json}`), COMPOSE), ['invalid-json@6']);
    assert.equal(fixed(composeList(`AUTH_ROLES_MAPPING=${json}`), 'invalid-json', COMPOSE), composeList(`AUTH_ROLES_MAPPING='${json}'`));
    assert.deepEqual(codes(server(json), SERVER), ['invalid-json@4']);
    assert.equal(fixed(server(json), 'invalid-json', SERVER), server(`'${json}'`));
  });

  it('accepts the forms that reach the server as JSON text', () => {
    assert.deepEqual(codes(dotenv(passing), DOTENV), []);
    assert.deepEqual(codes(dotenv(`'"${json.replace(/"/g, '\\"')}"'`), DOTENV), []);
    assert.deepEqual(codes(compose(passing), COMPOSE), []);
    assert.deepEqual(codes(compose(`>-\n        '${json}'`), COMPOSE), []);
    assert.deepEqual(codes(composeList(`AUTH_ROLES_MAPPING='${json}'`), COMPOSE), []);
    assert.deepEqual(codes(server(`'${json}'`), SERVER), []);
    // The chart writes the value with `quote`, so a plain JSON string in values.yaml reaches the server quoted.
    assert.deepEqual(codes(helm(`'${json}'`), HELM), []);
  });

  it('reports what reaches the server as something other than a JSON object', () => {
    // In Helm values YAML quotes inside the string are the chart's text, so the server sees them.
    assert.deepEqual(codes(helm(passing), HELM), ['invalid-json@6']);
    // A mapping in values.yaml reaches the chart's `quote` as Go's `map[...]` text.
    assert.deepEqual(codes(helm(json), HELM), ['invalid-json@6']);
    assert.equal(fixed(helm(json), 'invalid-json', HELM), helm(`'${json}'`));
    // Backslash escapes inside .env double quotes are the compose loader's: `\"` is a quote.
    assert.deepEqual(codes(dotenv(`"{\\"cn=a\\":[\\"Admin\\"]}"`), DOTENV), ['invalid-json@2']);
  });
});

describe('prompt-none', () => {
  const confidential = (body: string) => `authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n${body}`;

  it('reports prompt none and offers select_account first, as the server recommends', () => {
    const text = confidential('    prompt: none\n');
    assert.deepEqual(only(text, SERVER, 'prompt-none'), ['prompt-none@4']);
    assert.equal(fixed(text, 'prompt-none', SERVER), confidential('    prompt: select_account\n'));
    assert.equal(fixed(text, 'prompt-none', SERVER, 'consent'), confidential('    prompt: consent\n'));
  });

  const titles = (text: string) => fixesOf(text, 'prompt-none', SERVER).map((f) => `${f.preferred ? '*' : ''}${f.title}`);
  const withProvider = (provider: string, prompt: string) =>
    `authenticationConfiguration:\n  provider: ${provider}\n  clientType: confidential\n  oidcConfiguration:\n    prompt: ${prompt}\n`;
  it("suggests only what the server's prompt policy lets the provider have (no login for Google, no consent for Cognito)", () => {
    assert.deepEqual(titles(withProvider('custom-oidc', 'none')), ['*Change to `select_account`', 'Change to `login`', 'Change to `consent`']);
    assert.deepEqual(titles(withProvider('google', 'none')), ['*Change to `select_account`', 'Change to `consent`']);
    assert.deepEqual(titles(withProvider('aws-cognito', 'none')), ['*Change to `select_account`', 'Change to `login`']);
  });
  it('reports a prompt the provider refuses, and the fix writes one it accepts', () => {
    assert.deepEqual(only(withProvider('google', 'login'), SERVER, 'prompt-none'), ['prompt-none@5']);
    assert.deepEqual(only(withProvider('aws-cognito', 'consent'), SERVER, 'prompt-none'), ['prompt-none@5']);
    assert.equal(fixed(withProvider('google', 'login'), 'prompt-none', SERVER), withProvider('google', 'select_account'));
    // Near misses: the same values where the provider takes them.
    assert.deepEqual(only(withProvider('google', 'consent'), SERVER, 'prompt-none'), []);
    assert.deepEqual(only(withProvider('aws-cognito', 'login'), SERVER, 'prompt-none'), []);
    assert.deepEqual(only(withProvider('okta', 'login'), SERVER, 'prompt-none'), []);
  });

  it('works on Helm promptType and env OIDC_PROMPT_TYPE', () => {
    const helm =
      'openmetadata:\n  config:\n    authentication:\n      clientType: confidential\n      oidcConfiguration:\n        enabled: true\n        promptType: "none"\n';
    assert.deepEqual(only(helm, HELM, 'prompt-none'), ['prompt-none@7']);
    assert.equal(fixed(helm, 'prompt-none', HELM, 'login'), helm.replace('"none"', '"login"'));
    // Switched off, the block is still what a confidential client means to use: judged now (issue 25, item 13).
    assert.deepEqual(only(helm.replace('enabled: true', 'enabled: false'), HELM, 'prompt-none'), ['prompt-none@7']);
    assert.deepEqual(only(helm.replace('enabled: true', 'enabled: false').replace('confidential', 'public'), HELM, 'prompt-none'), []);
    assert.deepEqual(only('AUTHENTICATION_CLIENT_TYPE=${CLIENT_TYPE}\nOIDC_PROMPT_TYPE=none\n', DOTENV, 'prompt-none'), ['prompt-none@2']);
  });

  it('accepts other prompts, public clients and versions without the key', () => {
    assert.deepEqual(only(confidential('    prompt: login\n'), SERVER, 'prompt-none'), []);
    assert.deepEqual(only(oidc('    prompt: none\n'), SERVER, 'prompt-none'), []);
    assert.deepEqual(only(confidential('    prompt: none\n'), SERVER, 'prompt-none', { openmetadataVersion: '1.6' }), []);
  });
});

describe('max-age-zero', () => {
  it('shows with helm-oidc-not-enabled at once, not only after it is fixed (issue 25, item 13)', () => {
    const helm = (clientType: string) =>
      `openmetadata:\n  config:\n    authentication:\n      provider: custom-oidc\n      clientType: ${clientType}\n      oidcConfiguration:\n        enabled: false\n        maxAge: "0"\n        promptType: none\n`;
    const codes = check(helm('confidential'), HELM, { openmetadataVersion: '1.9' }).codes.filter((c) =>
      /^(helm-oidc-not-enabled|max-age-zero|prompt-none)@/.test(c),
    );
    assert.deepEqual(codes.sort(), ['helm-oidc-not-enabled@7', 'max-age-zero@8', 'prompt-none@9']);
    // Near miss: a public client's switched-off block is never used, so its values are not judged.
    assert.deepEqual(
      check(helm('public'), HELM, { openmetadataVersion: '1.9' }).codes.filter((c) => /^(max-age-zero|prompt-none)@/.test(c)),
      [],
    );
  });
  const confidential = (body: string) => `authenticationConfiguration:\n  clientType: confidential\n  oidcConfiguration:\n${body}`;

  it('reports maxAge 0 for a confidential client and clears it', () => {
    const text = confidential('    maxAge: "0"\n');
    assert.deepEqual(only(text, SERVER, 'max-age-zero'), ['max-age-zero@4']);
    assert.equal(fixed(text, 'max-age-zero', SERVER), confidential('    maxAge: ""\n'));
  });

  it('changes only the default of a placeholder', () => {
    const text = confidential('    maxAge: ${OIDC_MAX_AGE:-"0"}\n');
    assert.equal(fixed(text, 'max-age-zero', SERVER), confidential('    maxAge: ${OIDC_MAX_AGE:-""}\n'));
  });

  it('works in env shapes', () => {
    const dotenv = 'AUTHENTICATION_CLIENT_TYPE=confidential\nOIDC_MAX_AGE=0\n';
    assert.deepEqual(only(dotenv, DOTENV, 'max-age-zero'), ['max-age-zero@2']);
    assert.equal(fixed(dotenv, 'max-age-zero', DOTENV), 'AUTHENTICATION_CLIENT_TYPE=confidential\nOIDC_MAX_AGE=\n');
    const compose = 'services:\n  om:\n    environment:\n      AUTHENTICATION_CLIENT_TYPE: confidential\n      OIDC_MAX_AGE: 0\n';
    assert.equal(fixed(compose, 'max-age-zero', COMPOSE), compose.replace('OIDC_MAX_AGE: 0', 'OIDC_MAX_AGE: ""'));
  });

  it('stays silent for public clients such as the chart defaults (corpus 05)', () => {
    const helm =
      'openmetadata:\n  config:\n    authentication:\n      clientType: public\n      oidcConfiguration:\n        enabled: true\n        maxAge: "0"\n';
    assert.deepEqual(only(helm, HELM, 'max-age-zero'), []);
    const active = helm.replace('clientType: public', 'clientType: confidential');
    assert.deepEqual(only(active, HELM, 'max-age-zero'), ['max-age-zero@7']);
    assert.equal(fixed(active, 'max-age-zero', HELM), active.replace('maxAge: "0"', 'maxAge: ""'));
    assert.deepEqual(only(confidential('    maxAge: "3600"\n'), SERVER, 'max-age-zero'), []);
  });
});

describe('unsupported-auth-method', () => {
  it('reports client_secret_jwt and prefers client_secret_post', () => {
    const text = oidc('    clientAuthenticationMethod: "client_secret_jwt"\n');
    assert.deepEqual(only(text, SERVER, 'unsupported-auth-method'), ['unsupported-auth-method@3']);
    assert.equal(fixed(text, 'unsupported-auth-method', SERVER), oidc('    clientAuthenticationMethod: "client_secret_post"\n'));
    assert.equal(fixed(text, 'unsupported-auth-method', SERVER, 'basic'), oidc('    clientAuthenticationMethod: "client_secret_basic"\n'));
  });

  it('works in a .env file and accepts supported methods', () => {
    const text = 'OIDC_CLIENT_AUTH_METHOD=client_secret_jwt\n';
    assert.deepEqual(only(text, DOTENV, 'unsupported-auth-method'), ['unsupported-auth-method@1']);
    assert.equal(fixed(text, 'unsupported-auth-method', DOTENV), 'OIDC_CLIENT_AUTH_METHOD=client_secret_post\n');
    assert.deepEqual(only('OIDC_CLIENT_AUTH_METHOD=private_key_jwt\n', DOTENV, 'unsupported-auth-method'), []);
  });
});

describe('legacy-setting', () => {
  it('rewrites org.openmetadata.catalog classes, only for versions that moved them (corpus 01)', () => {
    const text = 'AUTHORIZER_CLASS_NAME=org.openmetadata.catalog.security.DefaultAuthorizer\n';
    assert.deepEqual(only(text, DOTENV, 'legacy-setting'), ['legacy-setting@1']);
    assert.deepEqual(only(text, DOTENV, 'legacy-setting', { openmetadataVersion: '0.12' }), []);
    assert.equal(fixed(text, 'legacy-setting', DOTENV), 'AUTHORIZER_CLASS_NAME=org.openmetadata.service.security.DefaultAuthorizer\n');
  });

  it('rewrites the class inside a compose placeholder default (corpus 04)', () => {
    const text =
      'services:\n  om:\n    environment:\n      AUTHORIZER_REQUEST_FILTER: ${AUTHORIZER_REQUEST_FILTER:-org.openmetadata.catalog.security.JwtFilter}\n';
    const d = check(text, COMPOSE).diagnostics.find((x) => x.code === 'legacy-setting')!;
    assert.deepEqual(d.range, { start: { line: 3, character: 62 }, end: { line: 3, character: 105 } });
    assert.equal(fixed(text, 'legacy-setting', COMPOSE), text.replace('catalog', 'service'));
  });

  it('removes botPrincipals from server YAML (corpus 08)', () => {
    const text = `authorizerConfiguration:
  adminPrincipals: [alice]
  botPrincipals: \${AUTHORIZER_INGESTION_PRINCIPALS:-[ingestion-bot]}
  principalDomain: example.com
`;
    assert.deepEqual(only(text, SERVER, 'legacy-setting'), ['legacy-setting@3']);
    assert.deepEqual(only(text, SERVER, 'legacy-setting', { openmetadataVersion: '0.13' }), []);
    assert.equal(fixed(text, 'legacy-setting', SERVER), 'authorizerConfiguration:\n  adminPrincipals: [alice]\n  principalDomain: example.com\n');
  });

  it('removes legacy variables from .env files and Kubernetes env lists (corpus 09)', () => {
    const dotenv = 'AUTHENTICATION_PROVIDER=custom-oidc\nAUTHORIZER_INGESTION_PRINCIPALS=[ingestion-bot]\nOM_AUTH_AIRFLOW_CUSTOM_OIDC_CLIENT_ID=om\n';
    assert.deepEqual(only(dotenv, DOTENV, 'legacy-setting'), ['legacy-setting@2', 'legacy-setting@3']);
    // The Airflow variables are gone since 0.13.1 (schemas/evidence.md); 0.13 quickstarts still ship both harmlessly.
    assert.deepEqual(only(dotenv, DOTENV, 'legacy-setting', { openmetadataVersion: '1.0' }), ['legacy-setting@2', 'legacy-setting@3']);
    assert.deepEqual(only(dotenv, DOTENV, 'legacy-setting', { openmetadataVersion: '0.13' }), []);
    assert.equal(fixed(dotenv, 'legacy-setting', DOTENV), 'AUTHENTICATION_PROVIDER=custom-oidc\nOM_AUTH_AIRFLOW_CUSTOM_OIDC_CLIENT_ID=om\n');
    const k8s = `spec:
  containers:
    - name: om
      env:
        - name: AUTHORIZER_INGESTION_PRINCIPALS
          value: <path:kv/data/om#AUTHORIZER_INGESTION_PRINCIPALS>
        - name: AUTHENTICATION_PROVIDER
          value: custom-oidc
`;
    assert.deepEqual(only(k8s, K8S, 'legacy-setting'), ['legacy-setting@5']);
    assert.equal(
      fixed(k8s, 'legacy-setting', K8S),
      k8s.replace('        - name: AUTHORIZER_INGESTION_PRINCIPALS\n          value: <path:kv/data/om#AUTHORIZER_INGESTION_PRINCIPALS>\n', ''),
    );
  });

  const AIRFLOW = `authenticationConfiguration:
  provider: basic

airflowConfiguration:
  apiEndpoint: \${AIRFLOW_HOST:-http://localhost:8080}
  authProvider: \${AIRFLOW_AUTH_PROVIDER:-"no-auth"}   # Possible values
  authConfig:
    azure:
      clientSecret: \${OM_AUTH_AIRFLOW_AZURE_CLIENT_SECRET:-""}
    # comment inside
    openmetadata:
      jwtToken: \${OM_AUTH_JWT_TOKEN:-""}
  verifySSL: \${AIRFLOW_VERIFY_SSL:-"no-ssl"}

fernetConfiguration:
  fernetKey: x
`;

  it('removes airflowConfiguration.authProvider and its authConfig (corpus 08)', () => {
    assert.deepEqual(only(AIRFLOW, SERVER, 'legacy-setting'), ['legacy-setting@6']);
    assert.deepEqual(only(AIRFLOW, SERVER, 'legacy-setting', { openmetadataVersion: '1.0' }), []);
    assert.equal(
      fixed(AIRFLOW, 'legacy-setting', SERVER),
      `authenticationConfiguration:
  provider: basic

airflowConfiguration:
  apiEndpoint: \${AIRFLOW_HOST:-http://localhost:8080}
  verifySSL: \${AIRFLOW_VERIFY_SSL:-"no-ssl"}

fernetConfiguration:
  fernetKey: x
`,
    );
  });

  it('moves a custom-oidc ingestion workflow to the bot JWT (corpus 28)', () => {
    const text = `workflowConfig:
  openMetadataServerConfig:
    hostPort: 'http://localhost:8585/api'
    authProvider: custom-oidc
    securityConfig:
      clientId: 'ingestion'
      secretKey: '\${KC_SECRET}'
      tokenEndpoint: 'http://kc/realms/om/protocol/openid-connect/token' # e.g.
`;
    assert.deepEqual(only(text, WORKFLOW, 'legacy-setting'), ['legacy-setting@4']);
    assert.deepEqual(only(text, WORKFLOW, 'legacy-setting', { openmetadataVersion: '1.0' }), []);
    assert.equal(
      fixed(text, 'legacy-setting', WORKFLOW),
      `workflowConfig:
  openMetadataServerConfig:
    hostPort: 'http://localhost:8585/api'
    authProvider: openmetadata
    securityConfig:
      jwtToken: "\${OM_JWT_TOKEN}"
`,
    );
  });

  it('accepts the current forms (corpus 22)', () => {
    const workflow = 'workflowConfig:\n  openMetadataServerConfig:\n    authProvider: openmetadata\n    securityConfig:\n      jwtToken: ${OM_JWT_TOKEN}\n';
    assert.deepEqual(only(workflow, WORKFLOW, 'legacy-setting'), []);
    assert.deepEqual(only('AUTHORIZER_CLASS_NAME=org.openmetadata.service.security.DefaultAuthorizer\n', DOTENV, 'legacy-setting'), []);
  });
});
