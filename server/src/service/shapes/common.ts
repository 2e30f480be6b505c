// What the file shapes share: how canonical paths are named, how a secret is referenced and advised against, and
// whether the OIDC block reaches the server.
import { DefaultSecret, Paths } from '../../../../common/protocol';
import type { ConfigModel, ModelEntry, Profile, SecretReference } from '../model';
import { schemaIndex } from '../schema';

/** Whether the shape delivers `oidcConfiguration` to the server: true, false, or undefined when only known at deploy time. */
export function oidcDelivered(model: ConfigModel): boolean | undefined {
  const path = model.profile.oidcSwitch;
  if (!path) return true;
  const entry = model.entries.get(path);
  if (!entry || entry.value === null) return false;
  if (entry.value === undefined) return undefined;
  if (entry.value !== true && entry.value !== 'true') return false;
  // The chart writes the OIDC_* settings only for `clientType: confidential` (its templates test both).
  const clientType = model.entries.get(Paths.clientType);
  if (clientType && clientType.value === undefined) return undefined;
  return clientType?.value === 'confidential';
}

export const OIDC_PREFIX = `${Paths.oidc}.`;
export const keyOf = (path: string) => schemaIndex.byPath.get(path);
export const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);
/** OIDC keys are named with their block, since `callbackUrl` and `responseType` exist at both levels. */
export const withBlock = (path: string, name: string) => (path.startsWith(OIDC_PREFIX) ? `oidcConfiguration.${name}` : name);

export const envReference: SecretReference = {
  reference: { envVar: DefaultSecret.envVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.secretKey },
  wording: `\`\${${DefaultSecret.envVar}}\``,
  fixTitle: `Use \`\${${DefaultSecret.envVar}}\` for the client secret`,
};

/** The variable the server config reads a secret from: the key's own env var, or the bot token's. */
export function serverSecretVariable(entry: ModelEntry): string | undefined {
  if (entry.placeholder) return entry.placeholder.variable;
  if (entry.key.env) return entry.key.env;
  return entry.path.endsWith('.jwtToken') ? 'OM_JWT_TOKEN' : undefined;
}

export const referenceAdvice = (variable: string | undefined) =>
  variable ? `Reference an environment variable instead: \`\${${variable}}\`.` : 'Reference an environment variable instead.';

/** For `${VAR:-secret}`: the variable is already referenced, but its default is the secret, used whenever VAR is unset. */
export function placeholderAdvice(entry: ModelEntry): string | undefined {
  const p = entry.placeholder;
  if (!p?.defaultText) return undefined;
  return `It reads \`\${${p.variable}}\` already, but the default after \`:-\` is the secret itself, used whenever \`${p.variable}\` is unset: leave the default empty (\`\${${p.variable}:-}\`).`;
}

export const yamlShape = {
  nameOf: (path: string) => withBlock(path, lastSegment(path)),
  setting(this: Profile, path: string, value: string) {
    return `${this.nameOf(path)}: ${value}`;
  },
  textValues: false,
  rules: [],
  fixes: {},
};
