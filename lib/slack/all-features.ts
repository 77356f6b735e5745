import { ask } from './ask';
import { care } from './care';
import { complaints } from './complaints';
import { crmLookup, customers } from './customers';
import { digest } from './digest';
import type { SlackFeature } from './feature-module';
import { helpFeature } from './help';
import { home } from './home';
import { imports } from './imports';
import { staff } from './staff';
import { surveys } from './surveys';

/** Every Slack feature module; app.ts registers their listeners, worker.ts runs their jobs. */
const modules: SlackFeature[] = [customers, complaints, care, surveys, digest, staff, home, ask, imports];

const subcommandNames = () => modules.flatMap((m) => (m.subcommands ?? []).map((s) => s.name)).concat('help');

export const features: SlackFeature[] = [helpFeature(subcommandNames), ...modules];
export { crmLookup };
