// The server's own config (openmetadata.yaml): keys by the server's names, `${VAR:-default}` substituted by Dropwizard.
import type { Profile } from '../model';
import { envReference, placeholderAdvice, referenceAdvice, serverSecretVariable, yamlShape } from './common';

export const server: Profile = {
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
