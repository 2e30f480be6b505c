// The provider the rules read: one a release refuses stands for the valid one it most likely means, so a typo in
// `provider` does not hide every other problem until it is fixed (invalid-value reports the typo itself).
import { OIDC_PROVIDERS, Paths } from '../../../common/protocol';
import { acceptedIn, closestValue } from './schema';
import type { ConfigModel } from './model';

export interface Provider {
  /** `oidc`: an OIDC provider; `absent`: not in the file; `deploy`: only known at deploy time; `other`: basic, ldap, saml... */
  kind: 'oidc' | 'absent' | 'deploy' | 'other';
  value?: string;
  /** The refused value as written, when `value` is the closest valid one standing for it. */
  written?: string;
}

export function providerOf(model: ConfigModel, version: string): Provider {
  const entry = model.entries.get(Paths.provider);
  if (!entry) return { kind: 'absent' };
  if (entry.value === undefined) return { kind: 'deploy' };
  const written = typeof entry.value === 'string' ? entry.value : String(entry.value);
  const closest = acceptedIn(entry.key, written, version) ? undefined : closestValue(entry.key, written);
  const value = closest ?? written;
  return { kind: OIDC_PROVIDERS.has(value) ? 'oidc' : 'other', value, ...(closest ? { written } : {}) };
}
