// Rule family "ignored": settings the chosen provider or trust-store type never reads, and a SAML certificate given
// as a file path. Each says which setting is ignored and why, so a login that silently does something else is explained.
import { Paths } from '../../../../common/protocol';
import { setValues } from '../edits';
import { entryText, factsOf, spanOf } from '../facts';
import type { Facts } from '../facts';
import type { ConfigModel, FixProvider, Issue, ModelEntry, Rule, RuleFamily } from '../model';

const code = (s: string) => `\`${s}\``;
const SAML = `${Paths.auth}.samlConfiguration`;
const LDAP = `${Paths.auth}.ldapConfiguration`;
const TRUST_TYPE = `${LDAP}.truststoreConfigType`;
const CUSTOM_TRUST = `${LDAP}.trustStoreConfig.customTrustManagerConfig`;
const IDP_CERT = `${SAML}.idp.idpX509Certificate`;

/** The settings of a section that only this provider reads, and what shows that someone filled the section in. */
const SECTIONS: { provider: string; path: string; name: string; telling: string[] }[] = [
  { provider: 'saml', path: SAML, name: 'SAML', telling: [`${SAML}.idp.entityId`, `${SAML}.idp.ssoLoginUrl`, IDP_CERT] },
  { provider: 'ldap', path: LDAP, name: 'LDAP', telling: [`${LDAP}.host`, `${LDAP}.dnAdminPrincipal`, `${LDAP}.userBaseDN`] },
];

/** The chart's example LDAP defaults, which every copy of its values.yaml carries whatever the provider. */
const CHART_EXAMPLES = new Set(['localhost', 'cn=admin,dc=example,dc=com', 'ou=people,dc=example,dc=com']);

/**
 * A value the person wrote for this file, literally or as a `${VAR:-default}`'s default: not empty (the stock config
 * leaves these to the deployment as `${VAR:-}`), not deploy-time only, and not what the server gets anyway when the key
 * is left out (a copy of the chart's defaults).
 */
function written(model: ConfigModel, facts: Facts, path: string): ModelEntry | undefined {
  const entry = model.entries.get(path);
  if (!entry || entry.secretRef) return undefined;
  const text = (entry.placeholder ? entry.placeholder.defaultText?.replace(/^(["'])(.*)\1$/, '$2') : entryText(entry))?.trim();
  if (!text || text.includes('${')) return undefined;
  if (CHART_EXAMPLES.has(text)) return undefined;
  const absent = model.profile.absentValue(path, facts.version);
  return absent !== undefined && absent !== 'secret' && absent.trim() === text ? undefined : entry;
}

/** SAML or LDAP settings filled in while another provider signs people in (OpenMetadata issue 19162). */
const sectionUnread: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  // Only a provider this file states: a `.env` without one may be layered over another that sets it.
  if (!model.entries.has(Paths.provider) || !facts.provider.value || facts.provider.kind !== 'other') return [];
  // With an OIDC provider, SAML or LDAP values are what a switch to single sign-on leaves behind, unread and harmless;
  // the failure upstream saw is the other way: the section filled in and the provider never set to it.
  const provider = facts.provider.value;
  const out: Issue[] = [];
  for (const section of SECTIONS) {
    if (provider === section.provider) continue;
    const filled = section.telling.map((p) => written(model, facts, p)).filter((e): e is ModelEntry => Boolean(e));
    if (!filled.length) continue;
    const object = model.objects.get(section.path);
    out.push({
      code: 'setting-ignored',
      severity: 'warning',
      span: object && object.keySpan.end > 0 ? object.keySpan : filled[0].keySpan,
      message: `The ${section.name} settings are filled in (${filled.map((e) => code(model.profile.nameOf(e.path))).join(', ')}), but ${code(model.profile.nameOf(Paths.provider))} is ${code(provider)}: OpenMetadata reads them only with ${code(`provider: ${section.provider}`)}, so sign-in stays ${code(provider)} and these values are ignored. Set the provider to ${code(section.provider)} if ${section.name} is meant, or remove them.`,
      data: { path: section.path, provider: section.provider },
    });
  }
  return out;
};

/** A truststore given while the LDAP trust-store type is `TrustAll` (the default), which never opens it. */
const trustStoreUnread: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (facts.provider.value !== 'ldap') return [];
  const type = facts.effective(TRUST_TYPE);
  if (type.state !== 'set' || type.value !== 'TrustAll') return [];
  const filled = ['trustStoreFilePath', 'trustStoreFilePassword', 'trustStoreFileFormat']
    .map((k) => written(model, facts, `${CUSTOM_TRUST}.${k}`))
    .filter((e): e is ModelEntry => Boolean(e));
  if (!filled.length) return [];
  const typeEntry = model.entries.get(TRUST_TYPE);
  return [
    {
      code: 'setting-ignored',
      severity: 'warning',
      span: typeEntry ? spanOf(typeEntry) : filled[0].keySpan,
      message: `A truststore is given (${filled.map((e) => code(model.profile.nameOf(e.path))).join(', ')}), but ${code(model.profile.nameOf(TRUST_TYPE))} is ${code('TrustAll')}${typeEntry ? '' : ' (the default)'}: OpenMetadata then accepts any certificate the LDAP server shows and never opens the truststore. Set it to ${code('CustomTrustStore')} to use the truststore.`,
      data: { path: TRUST_TYPE, suggestion: 'CustomTrustStore' },
    },
  ];
};

const trustStoreFix: FixProvider = ({ text, model, data }) => {
  if (data.path !== TRUST_TYPE) return [];
  const { changes } = setValues(text, model, [{ path: TRUST_TYPE, value: 'CustomTrustStore' }]);
  // Not preferred: a stricter trust check fails the LDAP login when the truststore lacks the server's CA.
  return changes.length ? [{ title: `Set ${code(model.profile.nameOf(TRUST_TYPE))} to ${code('CustomTrustStore')}`, changes, preferred: false }] : [];
};

/** A file path where the IdP's certificate text belongs: OpenMetadata decodes the value itself as the certificate. */
const certificatePath: Rule = (model, settings) => {
  const facts = factsOf(model, settings);
  if (facts.provider.value !== 'saml') return [];
  const entry = model.entries.get(IDP_CERT);
  const value = entry && typeof entry.value === 'string' ? entry.value.trim() : entry?.placeholder?.defaultText?.trim();
  if (!entry || !value || value.includes('BEGIN CERTIFICATE') || value.includes('${')) return [];
  const looksLikePath = /^(\/|\.{1,2}\/|~\/|[A-Za-z]:\\)/.test(value) || /\.(pem|crt|cer|der)$/i.test(value);
  if (!looksLikePath) return [];
  return [
    {
      code: 'invalid-value',
      severity: 'error',
      span: spanOf(entry),
      message: `${code(model.profile.nameOf(IDP_CERT))} takes the identity provider's certificate itself (its PEM text, or the base64 body), not a file path: OpenMetadata decodes ${code(value)} as the certificate, fails, and SAML sign-in fails with it (OpenMetadata issue 19162). Paste the certificate's text, for example through a secret.`,
      data: { path: IDP_CERT, kind: 'certificate-path' },
    },
  ];
};

export const family: RuleFamily = {
  rules: [sectionUnread, trustStoreUnread, certificatePath],
  fixes: { 'setting-ignored': trustStoreFix },
};
