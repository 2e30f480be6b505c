// Who OpenMetadata takes a token's bearer for (pure): user name, email, domain check and admin status, judged the
// way its JwtFilter / SecurityUtil and the OIDC login handler do (checked against the OpenMetadata server sources).
import type { CanonicalValue } from '../common/protocol';
import { Paths } from '../common/protocol';
import type { Values } from './values';
import { reader } from './values';

// OpenMetadata's defaults for keys the file leaves out (conf/openmetadata.yaml, reference section b).
const DEFAULT_CLAIMS = ['email', 'preferred_username', 'sub'];
const DEFAULT_ADMINS = ['admin'];
const DEFAULT_PRINCIPAL_DOMAIN = 'open-metadata.org';

export type StepStatus = 'pass' | 'fail' | 'warn';

/** One verdict on the token's bearer; a failure names the canonical path to change and how. */
export interface PrincipalCheck {
  id: 'claims' | 'domain' | 'admin' | 'selfSignup';
  status: StepStatus;
  detail: string;
  path?: string;
  fix?: string;
  /** The fix as a value for the file, when it is certain (applied with applyValues). */
  fixValue?: CanonicalValue;
}

export interface Principal {
  /** The claim the user name came from. */
  claim: string;
  name: string;
  email: string;
  admin: boolean;
  /** adminPrincipals as configured (or defaulted). */
  admins: string[];
}

export interface PrincipalVerdict {
  principal?: Principal;
  checks: PrincipalCheck[];
}

/** Judges the claims of a verified token against the file's settings. */
export function judgePrincipal(values: Values, claims: Record<string, unknown>): PrincipalVerdict {
  const read = reader(values);
  // The server looks claims up case-insensitively.
  const byName = new Map(Object.entries(claims).map(([key, value]) => [key.toLowerCase(), value]));
  const claim = (name: string): string | undefined => {
    const value = byName.get(name.toLowerCase());
    return typeof value === 'string' ? value : undefined;
  };
  const has = (name: string) => byName.has(name.toLowerCase());
  const order = values[Paths.jwtPrincipalClaims] == null ? DEFAULT_CLAIMS : read.list(Paths.jwtPrincipalClaims);
  const principalDomain = values[Paths.principalDomain] == null ? DEFAULT_PRINCIPAL_DOMAIN : (read.text(Paths.principalDomain) ?? '');
  const checks: PrincipalCheck[] = [];

  const mapping = new Map<string, string>();
  for (const entry of read.list(Paths.jwtPrincipalClaimsMapping)) {
    const [key, value] = entry.split(':').map((part) => part.trim());
    if (key && value) mapping.set(key, value);
  }
  if (mapping.size > 0 && (!mapping.get('username') || !mapping.get('email'))) {
    checks.push({
      id: 'claims',
      status: 'fail',
      path: Paths.jwtPrincipalClaimsMapping,
      detail: 'jwtPrincipalClaimsMapping must map both username and email, or OpenMetadata refuses to start.',
      fix: 'Use e.g. [username:preferred_username, email:email], or leave the mapping empty.',
    });
    return { checks };
  }

  let source: string;
  let raw: string;
  let domainSource: string | undefined;
  if (mapping.size > 0) {
    source = mapping.get('username') ?? '';
    const emailClaim = mapping.get('email') ?? '';
    const value = claim(source);
    const email = claim(emailClaim);
    if (!value)
      return fail(
        checks,
        Paths.jwtPrincipalClaimsMapping,
        `The token has no '${source}' claim, which jwtPrincipalClaimsMapping names for the user name, so OpenMetadata rejects it.`,
        `Map username to a claim the token carries (it has ${claimList(claims)}).`,
      );
    if (!email || !email.includes('@'))
      return fail(
        checks,
        Paths.jwtPrincipalClaimsMapping,
        `The token's '${emailClaim}' claim, which jwtPrincipalClaimsMapping names for the email, is ${email ? `'${email}', not an email` : 'missing'}, so OpenMetadata rejects it.`,
        emailClaim === 'email' ? 'Give the user an email in Keycloak and the client the email scope.' : `Map email to the token's email claim.`,
      );
    raw = value;
    domainSource = email;
    const name = userName(raw);
    checks.push({
      id: 'claims',
      status: 'pass',
      detail: `User name '${name}' from claim '${source}' (jwtPrincipalClaimsMapping), email ${email.toLowerCase()}.`,
    });
    return finish(read, values, checks, { claim: source, name, email: email.toLowerCase() }, domainSource);
  }

  const first = order.find(has);
  if (!first)
    return fail(
      checks,
      Paths.jwtPrincipalClaims,
      `The token has none of the claims in jwtPrincipalClaims (${order.join(', ') || 'empty'}), so OpenMetadata rejects it ("none of the following claims are present").`,
      `List a claim the token carries, e.g. preferred_username (it has ${claimList(claims)}).`,
    );
  source = first;
  raw = claim(first) ?? '';
  domainSource = raw;
  const name = userName(raw);
  const email = (raw.includes('@') ? raw : `${raw}@${principalDomain}`).toLowerCase();
  if (first !== order[0]) {
    // The server falls back silently; the person then gets another identity (and an invented email) than intended.
    checks.push({
      id: 'claims',
      status: 'fail',
      path: Paths.jwtPrincipalClaims,
      detail: `The token lacks the '${order[0]}' claim, which jwtPrincipalClaims lists first, so OpenMetadata names the user '${name}' from '${first}' and gives them the email ${email}.`,
      fix:
        order[0] === 'email'
          ? 'Give the user an email in Keycloak (and the client the email scope), or list preferred_username first in jwtPrincipalClaims.'
          : `Make Keycloak put '${order[0]}' into the token, or drop it from jwtPrincipalClaims.`,
    });
  } else {
    checks.push({ id: 'claims', status: 'pass', detail: `User name '${name}' from claim '${first}' (first of jwtPrincipalClaims present), email ${email}.` });
  }
  return finish(read, values, checks, { claim: source, name, email }, domainSource);
}

function finish(
  read: ReturnType<typeof reader>,
  values: Values,
  checks: PrincipalCheck[],
  who: Omit<Principal, 'admin' | 'admins'>,
  domainSource: string,
): PrincipalVerdict {
  // Domain enforcement reads the domain from the same claim, case as written, and compares exactly.
  if (read.bool(Paths.enforcePrincipalDomain, false)) {
    const domain = domainSource.includes('@') ? domainSource.split('@')[1] : '';
    const allowed = read.list(Paths.allowedDomains);
    const principalDomain = values[Paths.principalDomain] == null ? DEFAULT_PRINCIPAL_DOMAIN : (read.text(Paths.principalDomain) ?? '');
    const shown = domain ? `'${domain}'` : 'no domain (the claim is not an email)';
    if (allowed.length > 0 && !allowed.includes(domain)) {
      checks.push({
        id: 'domain',
        status: 'fail',
        path: Paths.allowedDomains,
        detail: `enforcePrincipalDomain is on and the user's domain ${shown} is not in allowedDomains (${allowed.join(', ')}), so OpenMetadata refuses the login.`,
        fix: domain ? `Add ${domain} to allowedDomains.` : 'Give the user an email in Keycloak.',
        fixValue: domain ? { path: Paths.allowedDomains, value: [...allowed, domain] } : undefined,
      });
    } else if (allowed.length === 0 && domain !== principalDomain) {
      checks.push({
        id: 'domain',
        status: 'fail',
        path: Paths.principalDomain,
        detail: `enforcePrincipalDomain is on and the user's domain ${shown} is not principalDomain '${principalDomain}', so OpenMetadata refuses the login.`,
        fix: domain ? `Set principalDomain to ${domain} (or list the domains in allowedDomains).` : 'Give the user an email in Keycloak.',
        fixValue: domain ? { path: Paths.principalDomain, value: domain } : undefined,
      });
    } else {
      checks.push({ id: 'domain', status: 'pass', detail: `Domain '${domain}' is allowed (enforcePrincipalDomain is on).` });
    }
  }

  const admins = values[Paths.adminPrincipals] == null ? DEFAULT_ADMINS : read.list(Paths.adminPrincipals);
  const admin = admins.includes(who.name);
  // Names are compared with the lower-cased part before @, so such entries can never match anyone.
  const usable = admins.filter((entry) => entry && !entry.includes('@') && entry === entry.toLowerCase());
  if (usable.length === 0) {
    checks.push({
      id: 'admin',
      status: 'fail',
      path: Paths.adminPrincipals,
      detail: admins.length
        ? `No entry of adminPrincipals (${admins.join(', ')}) can match a user name, which is lower-case and without @domain, so nobody can administer OpenMetadata.`
        : 'adminPrincipals is empty, so nobody can administer OpenMetadata.',
      fix: `List at least one admin's user name, e.g. ${who.name}.`,
    });
  } else {
    checks.push({
      id: 'admin',
      status: 'pass',
      detail: admin ? `'${who.name}' is an admin (adminPrincipals).` : `'${who.name}' is not an admin (admins: ${usable.join(', ')}).`,
    });
  }

  if (!read.bool(Paths.enableSelfSignup, true)) {
    checks.push({
      id: 'selfSignup',
      status: 'warn',
      path: Paths.enableSelfSignup,
      detail: `enableSelfSignup is off: OpenMetadata lets '${who.name}' in only if the user already exists there ("User not found and self-signup is disabled").`,
      fix: `Create the user ${who.name} in OpenMetadata first, or turn enableSelfSignup on.`,
    });
  }
  return { principal: { ...who, admin, admins }, checks };
}

function fail(checks: PrincipalCheck[], path: string, detail: string, fix: string): PrincipalVerdict {
  checks.push({ id: 'claims', status: 'fail', path, detail, fix });
  return { checks };
}

function userName(value: string): string {
  return (value.includes('@') ? value.split('@')[0] : value).toLowerCase();
}

function claimList(claims: Record<string, unknown>): string {
  const names = Object.keys(claims).filter(
    (name) => !['exp', 'iat', 'auth_time', 'jti', 'nbf', 'typ', 'azp', 'sid', 'at_hash', 'c_hash', 'nonce', 'acr', 'session_state'].includes(name),
  );
  return names.join(', ') || 'no user claims';
}
