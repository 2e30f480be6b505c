// The recall suite's index: mistakes that upstream identified (a maintainer's answer, a fix commit, the reporter's own
// finding in the thread, a docs page that was corrected or shipped the mistake), each reproduced by a minimal fixture
// written for this suite in `test/recall/<id>/<file>`; the file name decides the shape the service reads it as. A
// near miss, where there is one, is the corrected file in `test/recall/<id>/fixed/<file>`. Only facts carry over from
// the sources: no reporter's text, file or code is copied. `test/unit/recall.test.ts` runs them.
import type { ServiceSettings } from '../../server/src/service/validate';

/** Why a file alone cannot show the mistake, so the suite lists the case instead of asserting it. */
export type Needs =
  /** The state of a running deployment: the database copy of the settings, a Secret, other replicas. */
  | 'deployment'
  /** The Keycloak realm or client the file points at (Check Configuration against Keycloak, Test Sign-in). */
  | 'keycloak'
  /** What only happens at sign-in: a certificate the JVM trusts, another identity provider's registration, a server bug of a release. */
  | 'runtime';

export interface RecallCase {
  /** The fixture folder under `test/recall/`. */
  id: string;
  /** The fixture's file name (its shape: openmetadata.yaml, values.yaml, .env, docker-compose.yml). */
  file: string;
  /** Where upstream identified it: repository and issue, PR or commit, with the release when known. */
  cite: string;
  /** The cause, in one line of this project's words. */
  cause: string;
  /** `code@line` the fixture must raise (line 1-based); for a `needs` case, what would show it. */
  expect: string[];
  settings?: ServiceSettings;
  /** `test/recall/<id>/fixed/<file>` exists and must raise none of the expected codes. */
  nearMiss?: boolean;
  needs?: Needs;
  /** Why a file alone cannot show it (with `needs`), or why the check misses it today (with `missed`). */
  why?: string;
  /** A file-alone mistake the checks do not catch yet: listed as missed with `why`, never counted as caught. */
  missed?: boolean;
}

const OM = 'open-metadata/OpenMetadata';
const CHART = 'open-metadata/openmetadata-helm-charts';
const DOCS = 'open-metadata/docs-om@3cbae061';

export const CASES: RecallCase[] = [
  // ---- caught from the file alone -------------------------------------------------------------------------------
  {
    id: 'helm-custom-params-empty',
    file: 'values.yaml',
    cite: `${CHART}#229 (chart 1.3.2)`,
    cause: 'Charts 1.3.2 to 1.6.3 quote customParams into OIDC_CUSTOM_PARAMS, so the default "" reaches the server as a string that cannot bind to a map; the migrations and the server stop at start.',
    expect: ['custom-params-empty@28'],
    nearMiss: true,
  },
  {
    id: 'helm-custom-params-quoted',
    file: 'values.yaml',
    cite: `${CHART}#245 (chart 1.4.1)`,
    cause: "On the same charts '{}' is quoted too and fails like \"\": only a chart from 1.6.4 on (or an extraEnvs override) gets a map to the server.",
    expect: ['custom-params-empty@28'],
    nearMiss: true,
  },
  {
    id: 'helm-oidc-not-enabled',
    file: 'values.yaml',
    cite: `${CHART}#462 (chart 1.12.1; the Okta Helm docs example)`,
    cause: 'A confidential client without oidcConfiguration.enabled: true: the chart renders none of the OIDC_* settings, so the server has no OIDC client.',
    expect: ['helm-oidc-not-enabled@13'],
    nearMiss: true,
  },
  {
    id: 'compose-jwks-localhost',
    file: 'docker-compose.yml',
    cite: `${OM}#7567 (0.12)`,
    cause: 'The Keycloak JWKS at localhost in a compose service: the server fetches it from inside its container, finds no key ("No key found in with kid"); host.docker.internal fixed it.',
    expect: ['localhost-in-container@10'],
    nearMiss: true,
  },
  {
    id: 'admin-user-password-env',
    file: '.env',
    cite: `${OM}#15518 (1.3)`,
    cause: 'An admin principal written user:password: the whole entry becomes a user name, passwords cannot be set there.',
    expect: ['admin-principal-format@2'],
    nearMiss: true,
  },
  {
    id: 'admin-user-password-helm',
    file: 'values.yaml',
    cite: `${CHART}#218 (chart 1.3.0)`,
    cause: 'The same in the chart: initialAdmins "admin:<password>" shows up as a user named with the password.',
    expect: ['admin-principal-format@5'],
    nearMiss: true,
  },
  {
    id: 'principal-domain-several',
    file: 'openmetadata.yaml',
    cite: `${OM}#3757 (0.9.0); the list is allowedDomains since PR #20329 (1.7)`,
    cause: 'Several domains in principalDomain: the built e-mail is invalid and loggedInUser answers 400, the UI never leaves loading.',
    expect: ['principal-domain-format@5'],
    nearMiss: true,
  },
  {
    id: 'saml-provider-basic',
    file: '.env',
    cite: `${OM}#19162 (closed with a docs change, 2025-01)`,
    cause: 'SAML settings filled in while the provider stays basic: SAML sign-in never starts until the provider is saml.',
    expect: ['setting-ignored@2'],
    nearMiss: true,
  },
  {
    id: 'saml-provider-uppercase',
    file: '.env',
    cite: `${OM}#19162`,
    cause: 'The provider must be saml in lowercase; SAML is not one of the values.',
    expect: ['invalid-value@1'],
    nearMiss: true,
  },
  {
    id: 'saml-cert-path',
    file: '.env',
    cite: `${OM}#19162`,
    cause: "SAML_IDP_CERTIFICATE given as a file path: the server decodes the path as the certificate's base64; the text belongs there.",
    expect: ['invalid-value@4'],
    nearMiss: true,
  },
  {
    id: 'env-default-brace',
    file: 'openmetadata.yaml',
    cite: `${OM}#24193`,
    cause: 'A ${VAR:-{}} default: the substitution ends at the first }, the leftover } breaks the YAML and the migration fails to parse the config.',
    expect: ['env-default-brace@18'],
    nearMiss: true,
  },
  {
    id: 'ldap-port-empty',
    file: 'docker-compose.yml',
    cite: `${OM}#21875 (1.7)`,
    cause: 'LDAP switched on without its port: the stock config binds null and the LDAP connection pool throws a NullPointerException at start.',
    expect: ['missing-required@5'],
    nearMiss: true,
  },
  {
    id: 'ldap-roles-mapping-not-object',
    file: 'docker-compose.yml',
    cite: `${OM}#15737 (1.3.1); binding measured in schemas/evidence.md g`,
    cause: 'AUTH_ROLES_MAPPING written without its braces, so it is not a JSON object and the roles are never mapped.',
    expect: ['invalid-json@8'],
    nearMiss: true,
  },
  {
    id: 'ldap-default-quote-open',
    file: 'docker-compose.yml',
    cite: `${OM}#15737 (1.3.1)`,
    cause: 'A ${VAR:-"…} default whose quote is never closed: the admin DN the server gets keeps a stray quote.',
    expect: ['malformed-value@8'],
    nearMiss: true,
  },
  {
    id: 'authority-auth-endpoint',
    file: 'values.yaml',
    cite: `${CHART}#316 (the Keycloak Helm docs example), ${DOCS} v1.12 keycloak/kubernetes.mdx`,
    cause: "authority set to Keycloak's authorize endpoint: the UI appends /.well-known/openid-configuration to it and discovery fails.",
    expect: ['authority-not-issuer@8'],
    nearMiss: true,
  },
  {
    id: 'azure-authority-authorize',
    file: 'openmetadata.yaml',
    cite: `${OM}#18865 (1.5)`,
    cause: "Azure's /oauth2/v2.0/authorize endpoint as the authority instead of the tenant's issuer: the SPA login never completes.",
    expect: ['authority-not-issuer@6'],
    nearMiss: true,
  },
  {
    id: 'okta-jwks-other-server',
    file: 'openmetadata.yaml',
    cite: `${OM}#2773 (maintainer's fix: the org server's keys are /oauth2/v1/keys)`,
    cause: "The keys of Okta's default authorization server listed for tokens the org server issues: no kid matches.",
    expect: ['missing-idp-jwks@3'],
    nearMiss: true,
  },
  {
    id: 'principal-domain-typo',
    file: 'openmetadata.yaml',
    cite: `${OM}#2163 (a docs typo, fixed)`,
    cause: 'prinicipalDomain, a misspelt key: the server refuses the configuration.',
    expect: ['unknown-key@5'],
    nearMiss: true,
  },
  {
    id: 'helm-global-layout',
    file: 'values.yaml',
    cite: `${CHART} PR #143 (chart 1.1.0 moved global: to openmetadata.config); ${DOCS} v1.12 custom-oidc/kubernetes.mdx still showed global:`,
    cause: 'Auth values under the old global: key on a 1.1+ chart: the chart refuses them ("Global key has been replaced by openmetadata.config").',
    expect: ['helm-obsolete-global@4'],
    nearMiss: true,
  },
  {
    id: 'legacy-om-jwks-path',
    file: '.env',
    cite: 'open-metadata/openmetadata-demo sso-with-ssl/.env-sso-ssl @a3ec189c (0.13), carried into 1.x',
    cause: "OpenMetadata's JWKS at the pre-1.0 /api/v1/config/jwks: bot and session tokens find no key.",
    expect: ['legacy-om-jwks-path@6'],
    nearMiss: true,
  },
  {
    id: 'missing-om-jwks',
    file: '.env',
    cite: `open-metadata/openmetadata-demo keycloak-sso/.env-keycloak @f05bb6be; ${OM} PR #8678 (JWT troubleshooting docs)`,
    cause: "publicKeyUrls lists only Keycloak's keys: the tokens OpenMetadata signs itself (bots, ingestion) are rejected.",
    expect: ['missing-om-jwks@6'],
    nearMiss: true,
  },
  {
    id: 'invented-discovery-var',
    file: '.env',
    cite: `${OM} PR #16485 (custom OIDC troubleshooting docs named AUTHENTICATION_DISCOVERY_URI)`,
    cause: 'AUTHENTICATION_DISCOVERY_URI is read by nothing; the discovery URI is OIDC_DISCOVERY_URI.',
    expect: ['unknown-env-var@12'],
    nearMiss: true,
  },
  {
    id: 'confidential-no-discovery',
    file: '.env',
    cite: `${OM} PR #16485 (pac4j "You must define either the discovery URL or directly the provider metadata")`,
    cause: 'A confidential client without a discovery URI: the server cannot build its OIDC client.',
    expect: ['confidential-client-incomplete@3'],
    nearMiss: true,
  },
  {
    id: 'env-name-typo',
    file: '.env',
    cite: 'kuma0128/terraform-openmetadata-aws @1566a444 (openmetadata_server.env)',
    cause: 'THENTICATION_RESPONSE_TYPE, a truncated variable name: silently ignored.',
    expect: ['unknown-env-var@2'],
    nearMiss: true,
  },
  {
    id: 'discovery-no-space',
    file: 'openmetadata.yaml',
    cite: `${DOCS} v1.12 keycloak/bare-metal.mdx (Auth Code block)`,
    cause: 'discoveryUri:"…" without a space after the colon: YAML reads one key and the server has no discovery URI.',
    expect: ['malformed-value@15'],
    nearMiss: true,
  },
  {
    id: 'env-yaml-syntax',
    file: '.env',
    cite: `${DOCS} v1.12 okta/docker.mdx (Auth Code block)`,
    cause: 'OIDC_DISCOVERY_URI: … in YAML syntax inside a .env file: not an assignment, the variable is never set.',
    expect: ['malformed-value@5'],
    nearMiss: true,
  },
  {
    id: 'placeholder-left',
    file: '.env',
    cite: `${DOCS} v1.12 keycloak/docker.mdx (implicit block)`,
    cause: 'Docs placeholders ({…}) left in the authority: the browser is sent to a URL that does not exist.',
    expect: ['placeholder-left@3'],
    nearMiss: true,
  },
  {
    id: 'saml-principal-domain-url',
    file: 'openmetadata.yaml',
    cite: `${OM} docker/local-sso/openmetadata-keycloak-saml.yaml @a4c934a2`,
    cause: 'principalDomain written as a URL: e-mails built from it are invalid; with enforcement every login is refused.',
    expect: ['principal-domain-format@5'],
    nearMiss: true,
  },
  {
    id: 'saml-acs-callback',
    file: 'openmetadata.yaml',
    cite: `${OM} docker/local-sso/openmetadata-keycloak-saml.yaml @a4c934a2`,
    cause: 'The SAML ACS set to /callback: the identity provider posts its response where OpenMetadata does not read it (/api/v1/saml/acs).',
    expect: ['saml-acs-path@13'],
    nearMiss: true,
  },
  {
    id: 'admin-principal-email',
    file: 'openmetadata.yaml',
    cite: `${OM} docker/local-sso/openmetadata-keycloak-saml.yaml @a4c934a2`,
    cause: 'An e-mail among adminPrincipals: admins are user names (the part before @), so that user is never an admin.',
    expect: ['admin-principal-format@4'],
    nearMiss: true,
  },
  {
    id: 'public-client-with-secret',
    file: 'openmetadata.yaml',
    cite: `${OM}#14602 (maintainer: a public custom OIDC client needs no secret), ${OM}#20811 (1.6.7)`,
    cause: 'A client secret on a public client: the server-side client is never built for it, and a Keycloak SPA client given one fails.',
    expect: ['public-client-with-secret@14'],
    nearMiss: true,
  },
  {
    id: 'public-code-flow-1-12',
    file: 'docker-compose.yml',
    cite: `${OM}#28062 (1.12.x)`,
    cause: 'A public client asking for the code flow on 1.12: the UI forces it back to implicit and sign-in loops.',
    expect: ['public-client-code-flow@8'],
    nearMiss: true,
  },
  {
    id: 'prompt-none',
    file: 'values.yaml',
    cite: `${OM}#25438 (1.11.5)`,
    cause: 'prompt none with Azure: the identity provider signs the user straight back in after logout; the prompt policy of later releases refuses it.',
    expect: ['prompt-none@19'],
    nearMiss: true,
  },
  {
    id: 'claims-mapping-incomplete',
    file: 'openmetadata.yaml',
    cite: `${OM} PR #16643 (the mapping, both keys required), ${OM}#25128`,
    cause: 'jwtPrincipalClaimsMapping with username only: the server refuses a mapping that lacks email.',
    expect: ['claims-mapping-invalid@11'],
    nearMiss: true,
  },
  {
    id: 'legacy-catalog-classes',
    file: 'docker-compose.yml',
    cite: `${OM}#7486 (0.12: a class name of the other package than the image's is a ClassNotFoundException; the classes moved from org.openmetadata.catalog to org.openmetadata.service in 0.12.1)`,
    cause: 'Authorizer classes of the old package on a 1.x image: ClassNotFoundException at start.',
    expect: ['legacy-setting@5', 'legacy-setting@6'],
    nearMiss: true,
  },
  {
    id: 'default-jwt-keys',
    file: '.env',
    cite: 'os-climate/os_c_data_commons#261 (bots on the quickstart keys); kuma0128/terraform-openmetadata-aws @1566a444',
    cause: 'The key files shipped with the image sign the bot tokens: anyone with the public image can mint them.',
    expect: ['default-jwt-keys@2', 'default-jwt-keys@3'],
    nearMiss: true,
  },
  {
    id: 'no-admin-principal',
    file: 'values.yaml',
    cite: `${CHART}#316 (chart values of the report)`,
    cause: 'initialAdmins [""] with SSO: nobody is made admin, so nobody can fix the setup from the UI.',
    expect: ['no-admin-principal@5'],
    nearMiss: true,
  },
  {
    id: 'helm-configuration-key',
    file: 'values.yaml',
    cite: `${CHART}#229 (the report's values)`,
    cause: 'openmetadata.configuration instead of openmetadata.config: the chart reads nothing of it.',
    expect: ['unknown-key@2'],
    nearMiss: true,
  },

  // ---- what helm install refuses (the chart's own values schema) ----------------------------------------------------
  {
    id: 'helm-team-claim-mapping',
    file: 'values.yaml',
    cite: `${CHART}#537`,
    cause: 'jwtTeamClaimMapping under openmetadata.config.authentication: helm install refuses it (additional property), and no template renders it.',
    // The auth check names the key first (with extraEnvs as the way); the chart-schema rule does not say it twice.
    expect: ['unknown-key@11'],
    nearMiss: true,
  },
  {
    id: 'helm-custom-params-map',
    file: 'values.yaml',
    cite: `${CHART}#245 (chart 1.4.1)`,
    cause: 'customParams written as a mapping {}: helm upgrade refuses it because the chart schema types it as a string.',
    expect: ['invalid-type@17', 'custom-params-empty@17'],
    nearMiss: true,
  },
  {
    id: 'helm-token-validity-number',
    file: 'values.yaml',
    cite: `${CHART} PR #251 (@b158bc1, chart 1.4.6: values.schema.json types tokenValidity as a string, as every later tag does)`,
    cause: 'tokenValidity: 3600 unquoted: helm install refuses a number where the chart schema wants a string.',
    expect: ['helm-chart-schema@14'],
    nearMiss: true,
  },

  // ---- needing a deployment, Keycloak or a sign-in --------------------------------------------------------------
  {
    id: 'db-copy-wins',
    file: '.env',
    cite: `${OM}#26241 (1.12), ${OM}#29597`,
    cause: 'OIDC set in the env after the first start: 1.10 to 2.0 keep the settings in the database, and that copy wins.',
    expect: [],
    needs: 'deployment',
    why: 'Whether the database already holds a copy is the deployment\'s state; the file is right (db-config-overrides-yaml notes it where the release is known).',
  },
  {
    id: 'ldap-password-rotated',
    file: 'docker-compose.yml',
    cite: `${OM}#23964 (1.10.0; maintainer: update-security-config from 1.12)`,
    cause: 'The LDAP admin password changed in the compose after the upgrade: the stored copy keeps the old one and the server cannot bind.',
    expect: [],
    needs: 'deployment',
    why: 'The file holds a reference to the new password; the stale copy is in the database.',
  },
  {
    id: 'https-jwks-self-signed',
    file: 'openmetadata.yaml',
    cite: `${OM}#9525 (0.13)`,
    cause: "OpenMetadata's JWKS served over https with a self-signed certificate: the server cannot fetch its own keys.",
    expect: [],
    needs: 'runtime',
    why: 'Whether the JVM trusts the certificate is the truststore of the running server.',
  },
  {
    id: 'azure-user-assignment',
    file: 'openmetadata.yaml',
    cite: `${OM}#22758`,
    cause: 'Azure "Need admin approval" with user assignment on: the app registration lacks admin consent.',
    expect: [],
    needs: 'runtime',
    why: 'The Azure app registration, not the file.',
  },
  {
    id: 'azure-redirect-registered',
    file: 'openmetadata.yaml',
    cite: `${OM}#26311 (1.12.3)`,
    cause: 'The confidential flow sends /auth/callback as redirect URI while only /callback is registered in Azure.',
    expect: [],
    needs: 'runtime',
    why: "The redirect URIs registered at the identity provider (Keycloak's are checked by Check Configuration against Keycloak).",
  },
  {
    id: 'ldap-self-signup-off',
    file: 'values.yaml',
    cite: `${OM}#18430 (1.5.8)`,
    cause: 'LDAP with enableSelfSignup false: a directory user without an OpenMetadata account cannot log in.',
    expect: [],
    needs: 'runtime',
    why: 'Only wrong when the users were not created beforehand, which the database knows.',
  },
  {
    id: 'claims-mapping-custom-claim',
    file: 'openmetadata.yaml',
    cite: `${OM}#18138 (1.5)`,
    cause: 'A claims mapping on a custom claim: bot and personal tokens of that release lack the claim and are refused.',
    expect: [],
    needs: 'runtime',
    why: "A server bug of the release's token generator (fixed later), not a wrong value.",
  },
  {
    id: 'keycloak-redirect-unregistered',
    file: 'openmetadata.yaml',
    cite: `${DOCS} v1.11 keycloak pages (redirect URIs of the client)`,
    cause: 'The callback URL not among the Keycloak client\'s redirect URIs: Keycloak answers "Invalid parameter: redirect_uri".',
    expect: [],
    needs: 'keycloak',
    why: 'The client\'s redirect URIs are in Keycloak (kc-* diagnostics, Test Sign-in).',
  },
  {
    id: 'keycloak-implicit-disabled',
    file: 'openmetadata.yaml',
    cite: `${DOCS} v1.11 keycloak index (the SPA client uses the implicit flow)`,
    cause: 'A public OpenMetadata client whose Keycloak client has the implicit flow off: the id_token request is refused.',
    expect: [],
    needs: 'keycloak',
    why: 'The Keycloak client\'s flow switches are in Keycloak (kc-* diagnostics, Test Sign-in).',
  },
];
