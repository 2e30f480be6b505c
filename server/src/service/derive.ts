// Values derived from what a file already says (the client ID, the authority, the callback), for fixes and completion.
import { DefaultSecret, Paths } from '../../../common/protocol';
import type { CanonicalValue } from '../../../common/protocol';
import { cleanValue } from './facts';
import type { Facts } from './facts';
import { DISCOVERY_SUFFIX, KC_CERTS_SUFFIX, OM_JWKS_PATH, parseKcUrl, urlOrigin } from '../../../common/keycloakUrls';
import type { ConfigModel } from './model';
import { trimEnd } from './text';

type SecretRef = NonNullable<CanonicalValue['secretRef']>;
const envRef = (envVar: string): SecretRef => ({ envVar, secretName: '', secretKey: '' });

/** The issuer behind an authority, even when it was written as a discovery, auth or certs URL. */
export function issuerOf(authority: string): string {
  const kc = parseKcUrl(authority);
  if (kc) return authority.slice(0, kc.realmEnd).trim();
  const wellKnown = authority.indexOf('/.well-known/');
  return trimEnd(wellKnown === -1 ? authority : authority.slice(0, wellKnown), '/');
}

/**
 * Values for missing confidential-flow keys, derived from the file: `id` from `clientId`, `discoveryUri` from the
 * authority, `serverUrl` from the callback's origin. In the server config an underivable value becomes a `${VAR}`
 * reference (Dropwizard fills it from the environment); env files and Helm values skip it.
 */
export function deriveValues(model: ConfigModel, facts: Facts, paths: string[]): CanonicalValue[] {
  // Only what the file says: a chart or conf default (Google's authority) is no basis for Keycloak values.
  const written = (path: string) => (model.entries.has(path) ? cleanValue(facts.effective(path)) : undefined);
  const clientId = written(Paths.clientId);
  const authority = written(Paths.authority);
  const topCallback = written(Paths.callbackUrl);
  const serverUrl = cleanValue(facts.effective(Paths.serverUrl)) ?? urlOrigin(topCallback ?? '') ?? urlOrigin(written(Paths.oidcCallbackUrl) ?? '');
  const { secret, substitutes } = model.profile;
  const out: CanonicalValue[] = [];
  const put = (path: string, value: string | undefined, ref: SecretRef) => {
    if (value !== undefined) out.push({ path, value });
    else if (substitutes) out.push({ path, value: '', secretRef: ref });
  };
  for (const path of paths) {
    if (path === Paths.oidcId) {
      if (secret.idReference) out.push({ path, value: '', secretRef: secret.idReference });
      else put(path, clientId, { envVar: DefaultSecret.idEnvVar, secretName: DefaultSecret.secretName, secretKey: DefaultSecret.idKey });
    } else if (path === Paths.discoveryUri) put(path, authority ? `${issuerOf(authority)}${DISCOVERY_SUFFIX}` : undefined, envRef('OIDC_DISCOVERY_URI'));
    else if (path === Paths.serverUrl) put(path, serverUrl, envRef('OIDC_SERVER_URL'));
    else if (path === Paths.oidcCallbackUrl) put(path, topCallback ?? (serverUrl ? `${trimEnd(serverUrl, '/')}/callback` : undefined), envRef('OIDC_CALLBACK'));
  }
  return out;
}

/**
 * A value for a missing top-level key that the file itself implies, or undefined when only the person knows it (a
 * schema default such as Google's authority is no answer for a Keycloak file): the authority from the Keycloak JWKS or
 * the discovery URI, the client ID from the confidential client's `id`, the callback from its callback or OpenMetadata's
 * URL, and the button label "Keycloak" for a Keycloak realm.
 */
export function impliedValue(model: ConfigModel, facts: Facts, path: string): string | undefined {
  const text = (p: string) => (model.entries.has(p) ? cleanValue(facts.effective(p)) || undefined : undefined);
  const realmOf = (url: string | undefined) => (url && parseKcUrl(url) ? issuerOf(url) : undefined);
  const keys = model.entries.get(Paths.publicKeyUrls)?.list?.items ?? [];
  const realm = keys.map((item) => realmOf(item.text)).find(Boolean) ?? realmOf(text(Paths.discoveryUri));
  switch (path) {
    case Paths.authority:
      return realm;
    case Paths.clientId:
      return text(Paths.oidcId);
    case Paths.callbackUrl: {
      const om = text(Paths.serverUrl);
      return text(Paths.oidcCallbackUrl) ?? (om ? `${trimEnd(om, '/')}/callback` : undefined);
    }
    case Paths.providerName:
      return (realm ?? realmOf(text(Paths.authority))) ? 'Keycloak' : undefined;
  }
  return undefined;
}

/**
 * `publicKeyUrls` for a Keycloak authority: the realm's JWKS and OpenMetadata's own, at the origin of the callback
 * (or the shape's default OpenMetadata URL). Undefined when the authority is not a Keycloak realm.
 */
export function derivedPublicKeys(model: ConfigModel, facts: Facts): string[] | undefined {
  const authority = model.entries.has(Paths.authority) ? cleanValue(facts.effective(Paths.authority)) : undefined;
  if (!authority || !parseKcUrl(authority)) return undefined;
  const callback = model.entries.has(Paths.callbackUrl) ? cleanValue(facts.effective(Paths.callbackUrl)) : undefined;
  const om = urlOrigin(callback ?? '') ?? model.profile.defaultOmUrl;
  return [`${issuerOf(authority)}${KC_CERTS_SUFFIX}`, `${om}${OM_JWKS_PATH}`];
}
