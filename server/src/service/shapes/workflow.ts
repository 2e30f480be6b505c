// An ingestion workflow (workflowConfig): the server config's names, read by the ingestion CLI instead.
import type { Profile } from '../model';
import { server } from './server';

// The ingestion CLI expands plain `${VAR}` (os.path.expandvars), not Dropwizard's `${VAR:-default}`.
export const workflow: Profile = { ...server, shape: 'workflow', configuresServer: false, substitutes: false };
