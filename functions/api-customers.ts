import { customerRoutes } from '../lib/http/api/customers';
import { exportRoutes } from '../lib/http/api/exports';
import { importRoutes } from '../lib/http/api/imports';
import { createApiHandler } from '../lib/http/api-handler';
import '../lib/notify/install-channels';

/**
 * REST API, the customer book: customers, their timeline and contacts, erasure,
 * and the import and export jobs (lib/http/route-functions.ts). Its own function
 * because writing customers loads pinyin, Han folding and phone metadata, which
 * no other route needs. The jobs themselves run in functions/import-worker.
 */
export const handler = createApiHandler('api-customers', {
  ...customerRoutes,
  ...importRoutes,
  ...exportRoutes,
});
