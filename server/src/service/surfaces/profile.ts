// What a file shape is, for everything that is not its parser: names, defaults, what reaches the server, secrets.
import { Paths } from '../../../../common/protocol';
import type { CanonicalValue, Shape } from '../../../../common/protocol';
import type { Issue, ModelEntry, TextChange } from './model';
import type { ConfigModel } from './model';
import type { FixProvider, Rule } from '../rules/types';
import type { Naming } from '../schema';

/** How a client secret is referenced in a file of this shape. */
export interface SecretReference {
  /** The reference the extension writes for the client secret (`${OIDC_CLIENT_SECRET}`, a Kubernetes Secret). */
  reference: NonNullable<CanonicalValue['secretRef']>;
  /** The same for the client ID, where the shape takes it from a Secret too (the Helm chart). */
  idReference?: NonNullable<CanonicalValue['secretRef']>;
  /** Says in a message how a secret is referenced here. */
  wording: string;
  /** The title of the quick fix that writes the reference. */
  fixTitle: string;
}

export interface Profile {
  shape: Shape;
  /** Whose key names the YAML of this shape uses (env files have none: they name variables). */
  naming: Naming;
  /**
   * A key the file leaves out still gets a value (the chart's or the conf's default): nothing is missing then. Where
   * it binds null (the server config, a workflow), a required key that is left out is reported.
   */
  inheritsDefaults: boolean;
  /** How a canonical path is named in this shape: key, Helm value (with its `oidcConfiguration.` block) or env var. */
  nameOf(path: string): string;
  /** A setting as a user of this shape writes it: `clientType: public`, `AUTHENTICATION_CLIENT_TYPE=public`. */
  setting(path: string, value: string): string;
  /**
   * The value the server gets for a path the file leaves out: the server config binds null, env files and Helm values
   * fall back to the conf's or the chart's defaults. `secret` when the shape takes it from a Secret by default.
   */
  absentValue(path: string, version: string): string | 'secret' | undefined;
  /** Who set a default the server gets, in a message ("the chart's default"). */
  defaultsOwner: string;
  /**
   * The key that must be on for the shape to deliver `oidcConfiguration` to the server at all (the chart's
   * `oidcConfiguration.enabled`, which it honours only for a confidential client); undefined when the block always
   * reaches it.
   */
  oidcSwitch?: string;
  /** Values are `${VAR}`-substituted by the server (Dropwizard): a missing value may be written as a reference. */
  substitutes: boolean;
  /** Values are env text that OpenMetadata pastes into its YAML, not YAML nodes of their own. */
  textValues: boolean;
  /** The file configures the OpenMetadata server (not an ingestion workflow): flow and database rules apply. */
  configuresServer: boolean;
  /** OpenMetadata's URL when the file names none (the chart's service, or a local server). */
  defaultOmUrl: string;
  /**
   * The server runs in a container (a compose service, a Kubernetes pod, the chart's pod): `localhost` in a URL the
   * server fetches is then the container itself.
   */
  inContainer(model: ConfigModel): boolean;
  secret: SecretReference;
  /** The variable a literal secret of this entry should come from, for the reference that replaces it. */
  secretVariable(entry: ModelEntry): string | undefined;
  /** One sentence: where a secret written in clear text here belongs instead. */
  secretAdvice(entry: ModelEntry, variable: string | undefined): string;
  /** The edit that replaces a literal secret by this shape's reference, when the shape has its own (a Helm secretRef). */
  secretReferenceEdit?(text: string, entry: ModelEntry): { title: string; changes: TextChange[] } | undefined;
  /** Rules about the shape itself (Helm's `global:` layout, the chart's own switches), with their fixes. */
  rules: Rule[];
  fixes: Partial<Record<Issue['code'], FixProvider>>;
}

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
