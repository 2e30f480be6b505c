// Environment variables (.env files, compose `environment:`, Kubernetes `env:`): the server's variable names, values
// as text that OpenMetadata pastes into its YAML.
import type { Profile } from '../../model';
import { envReference, keyOf, lastSegment, placeholderAdvice, referenceAdvice, withBlock } from '../common';

export const env: Profile = {
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
    if (entry.envForm === 'dotenv')
      return `A \`.env\` file is part of the deployment and is easily committed (public demo repositories carry them): keep it out of version control or load \`${entry.sourceKey}\` from a secret store.`;
    if (entry.envForm === 'k8s') return 'Read it from a Kubernetes Secret with `valueFrom.secretKeyRef`.';
    return referenceAdvice(variable);
  },
  rules: [],
  fixes: {},
};
