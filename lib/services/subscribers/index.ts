/** Side-effect imports: each feature's subscriptions to domain events (lib/services/events.ts). One line per feature. */
import { markSubscribersLoaded } from '../events';
import './care';
import './surveys';
import './metrics';

markSubscribersLoaded();
