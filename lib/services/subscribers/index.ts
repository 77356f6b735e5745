/** Side-effect imports: each feature's subscriptions to domain events (lib/services/events.ts). One line per feature. */
import { markSubscribersLoaded } from '../events';
import './care';
import './surveys';
import './metrics';
// Last: a claim is named by its subscription's position among its event type's (lib/services/events.ts),
// so a new subscription goes after the existing ones and pending events keep their claims' names.
import './survey-answers';

markSubscribersLoaded();
