// The four file shapes' profiles: the only place that knows how a shape names keys, defaults them and holds secrets.
import { DefaultSecret, Paths } from '../../../../common/protocol';
import type { Shape } from '../../../../common/protocol';
import { compareVersions, schemaIndex } from '../schema';
import { yamlScalar } from '../edits';
import type { ModelEntry } from './model';
import type { Profile, SecretReference } from './profile';
import { helmRules, helmFixes } from './helmRules';

const OIDC_PREFIX = `${Paths.oidc}.`;
const keyOf = (path: string) => schemaIndex.byPath.get(path);
const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);
/** OIDC keys are named with their block, since `callbackUrl` and `responseType` exist at both levels. */
const withBlock = (path: string, name: string) => (path.startsWith(OIDC_PREFIX) ? `oidcConfiguration.${name}` : name);

const envReference: SecretReference = {
  reference: { envVar: DefaultSecret.envVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey },
  wording: `\`\${${DefaultSecret.envVar}}\``,
  fixTitle: `Use \`\${${DefaultSecret.envVar}}\` for the client secret`,
};

/** The variable the server config reads a secret from: the key's own env var, or the bot token's. */
function serverSecretVariable(entry: ModelEntry): string | undefined {
  if (entry.placeholder) return entry.placeholder.variable;
  if (entry.key.env) return entry.key.env;
  return entry.path.endsWith('.jwtToken') ? 'OM_JWT_TOKEN' : undefined;
}

const referenceAdvice = (variable: string | undefined) => (variable ? `Reference an environment variable instead: \`\${${variable}}\`.` : 'Reference an environment variable instead.');

/** For `${VAR:-secret}`: the variable is already referenced, but its default is the secret, used whenever VAR is unset. */
function placeholderAdvice(entry: ModelEntry): string | undefined {
  const p = entry.placeholder;
  if (!p?.defaultText) return undefined;
  return `It reads \`\${${p.variable}}\` already, but the default after \`:-\` is the secret itself, used whenever \`${p.variable}\` is unset: leave the default empty (\`\${${p.variable}:-}\`).`;
}

const yamlShape = {
  nameOf: (path: string) => withBlock(path, lastSegment(path)),
  setting(this: Profile, path: string, value: string) {
    return `${this.nameOf(path)}: ${value}`;
  },
  textValues: false,
  rules: [],
  fixes: {},
};

const server: Profile = {
  ...yamlShape,
  shape: 'server',
  naming: 'server',
  inheritsDefaults: false,
  // Keys the file leaves out bind null: the conf's `${VAR:-default}` lines are this file.
  absentValue: () => undefined,
  defaultsOwner: "the server's default",
  substitutes: true,
  configuresServer: true,
  defaultOmUrl: 'http://localhost:8585',
  // A bare-metal or hand-run server: no container in sight.
  inContainer: () => false,
  secret: envReference,
  secretVariable: serverSecretVariable,
  secretAdvice: (entry, variable) => placeholderAdvice(entry) ?? referenceAdvice(variable),
};

// The ingestion CLI expands plain `${VAR}` (os.path.expandvars), not Dropwizard's `${VAR:-default}`.
const workflow: Profile = { ...server, shape: 'workflow', configuresServer: false, substitutes: false };

/** The chart's defaults for a release: the newest set of `helmDefaults` not after it, over the conf's defaults. */
function helmDefault(path: string, version: string): string | undefined {
  let value: string | undefined;
  for (const set of schemaIndex.schema.helmDefaults) if (compareVersions(version, set.since) >= 0 && set.values[path] !== undefined) value = set.values[path];
  const fallback = keyOf(path)?.default;
  return value ?? (typeof fallback === 'string' ? fallback : undefined);
}

/** Secrets the chart reads from a Kubernetes Secret, by canonical path (the chart's own LDAP default name kept). */
const HELM_SECRETS: Record<string, { secretName: string; secretKey: string }> = {
  [Paths.oidcSecret]: { secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey },
  'authenticationConfiguration.ldapConfiguration.dnAdminPassword': { secretName: 'ldap-admin-secret', secretKey: 'openmetadata-ldap-secret' },
};

const helm: Profile = {
  shape: 'helm',
  naming: 'helm',
  inheritsDefaults: true,
  nameOf: (path) => withBlock(path, keyOf(path)?.helm ?? lastSegment(path)),
  setting(path, value) {
    return `${this.nameOf(path)}: ${value}`;
  },
  absentValue: (path, version) => (keyOf(path)?.helmSecretRef ? 'secret' : helmDefault(path, version)),
  defaultsOwner: "the chart's default",
  oidcSwitch: Paths.oidcEnabled,
  substitutes: false,
  textValues: false,
  configuresServer: true,
  defaultOmUrl: 'http://openmetadata:8585',
  inContainer: () => true,
  secret: {
    reference: { envVar: DefaultSecret.envVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey },
    idReference: { envVar: DefaultSecret.idEnvVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.idKey },
    wording: 'a Kubernetes Secret',
    fixTitle: `Read \`clientSecret\` from the Kubernetes Secret \`${DefaultSecret.secretName}\``,
  },
  secretVariable: serverSecretVariable,
  secretAdvice: () => 'Reference a Kubernetes Secret with `secretRef`/`secretKey`.',
  secretReferenceEdit(text, entry) {
    const ref = HELM_SECRETS[entry.path];
    if (!ref || !entry.valueSpan) return undefined;
    // The key's own line becomes `clientSecret:` with the reference below it; a trailing comment moves down with it.
    const indent = ' '.repeat(entry.keySpan.start - entry.lineSpan.start + 2);
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    const newText = `:${eol}${indent}secretRef: ${yamlScalar(ref.secretName)}${eol}${indent}secretKey: ${yamlScalar(ref.secretKey)}`;
    return { title: `Read it from the Kubernetes Secret \`${ref.secretName}\``, changes: [{ start: entry.keySpan.end, end: entry.valueSpan.end, newText }] };
  },
  rules: helmRules,
  fixes: helmFixes,
};

const env: Profile = {
  shape: 'env',
  naming: 'server',
  inheritsDefaults: true,
  nameOf: (path) => keyOf(path)?.env ?? withBlock(path, lastSegment(path)),
  setting(path, value) {
    return `${this.nameOf(path)}=${value}`;
  },
  // The server reads the conf's `${VAR:-default}`: a variable left out gets the conf's default.
  absentValue: (path) => {
    const fallback = keyOf(path)?.default;
    return typeof fallback === 'string' ? fallback : undefined;
  },
  defaultsOwner: "the server's default",
  substitutes: false,
  textValues: true,
  configuresServer: true,
  defaultOmUrl: 'http://localhost:8585',
  // Compose services and Kubernetes env lists; a `.env` file may feed either, or a shell.
  inContainer: (model) => model.env.some((a) => a.form !== 'dotenv'),
  secret: envReference,
  // The variable is the entry itself.
  secretVariable: (entry) => (entry.placeholder ? entry.placeholder.variable : entry.sourceKey),
  secretAdvice(entry, variable) {
    const own = placeholderAdvice(entry);
    if (own) return own;
    if (entry.envForm === 'dotenv') return `A \`.env\` file is part of the deployment and is easily committed (public demo repositories carry them): keep it out of version control or load \`${entry.sourceKey}\` from a secret store.`;
    if (entry.envForm === 'k8s') return 'Read it from a Kubernetes Secret with `valueFrom.secretKeyRef`.';
    return referenceAdvice(variable);
  },
  rules: [],
  fixes: {},
};

const PROFILES: Record<Shape, Profile> = { server, helm, env, workflow };

export function profileOf(shape: Shape): Profile {
  return PROFILES[shape];
}
