import { registerInProcessExportRunner } from '../services/export-dispatch';
import { registerInProcessImportRunner } from '../services/import-dispatch';

/**
 * On the local stack (and in tests) import and export jobs run in this process
 * instead of in functions/import-worker. The workers are registered here, by the
 * local server, rather than by the services that start the jobs: those are in the
 * API's bundle, which must not carry the workers' customer writing and .xlsx writer.
 * Loaded on the first job, as Lambda would load the worker on its first invoke.
 */
registerInProcessImportRunner((ctx, importId, clock) => import('../services/import-worker').then((m) => m.runImport(ctx, importId, clock)));
registerInProcessExportRunner((ctx, exportId, clock) => import('../services/export-worker').then((m) => m.runExport(ctx, exportId, clock)));
