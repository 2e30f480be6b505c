// Helm values of the OpenMetadata chart: the chart's names and defaults, secrets from Kubernetes Secrets.
import { DefaultSecret, Paths } from '../../../../../common/protocol';
import { compareVersions, schemaIndex } from '../../schema';
import { yamlScalar } from '../../edits';
import type { Profile } from '../../model';
import { keyOf, lastSegment, serverSecretVariable, withBlock } from '../common';
import { helmFixes, helmRules } from './rules';

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

export const helm: Profile = {
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
    // Inside a flow mapping the reference is a flow mapping too: block lines there are no longer YAML.
    const newText = entry.flow
      ? `: {secretRef: ${yamlScalar(ref.secretName, undefined, true)}, secretKey: ${yamlScalar(ref.secretKey, undefined, true)}}`
      : `:${eol}${indent}secretRef: ${yamlScalar(ref.secretName)}${eol}${indent}secretKey: ${yamlScalar(ref.secretKey)}`;
    return { title: `Read it from the Kubernetes Secret \`${ref.secretName}\``, changes: [{ start: entry.keySpan.end, end: entry.valueSpan.end, newText }] };
  },
  rules: helmRules,
  fixes: helmFixes,
};
