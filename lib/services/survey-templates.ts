import { changedFields } from '../domain/audit';
import { DomainError, ForbiddenError, NotFoundError } from '../domain/errors';
import { type Actor, atLeast } from '../domain/staff';
import { type SurveyTemplate, surveyTemplateInput, templateIdParam } from '../domain/survey';
import { builtInTemplate, builtInTemplates } from '../domain/survey-templates';
import { parseInput } from '../domain/validation';
import { auditOp, newId } from '../store';
import type { AppContext } from './context';

/**
 * Survey templates: the built-in NPS, CSAT and CES (lib/domain/survey-templates.ts)
 * plus the company's own. A stored template with a built-in id is the
 * company's edited copy and wins over the shipped one.
 */
function mayEdit(actor: Actor) {
  if (!atLeast(actor.role, 'supervisor'))
    throw new ForbiddenError('Only supervisors and above may change survey templates', 'error.forbidden');
}

export async function resolveTemplate(ctx: AppContext, id: string): Promise<SurveyTemplate> {
  const parsed = templateIdParam.safeParse(id);
  const found = parsed.success ? ((await ctx.store.surveys.template(id)) ?? builtInTemplate(id)) : undefined;
  if (!found) throw new NotFoundError('survey template', id);
  return found;
}

export async function listSurveyTemplates(ctx: AppContext): Promise<SurveyTemplate[]> {
  const stored = await ctx.store.surveys.templates();
  const storedIds = new Set(stored.map((t) => t.id));
  return [...builtInTemplates.filter((t) => !storedIds.has(t.id)), ...stored].sort((a, b) =>
    a.builtIn === b.builtIn ? a.id.localeCompare(b.id) : a.builtIn ? -1 : 1,
  );
}

export async function createSurveyTemplate(ctx: AppContext, actor: Actor, raw: unknown, now: Date): Promise<SurveyTemplate> {
  mayEdit(actor);
  const input = parseInput(surveyTemplateInput, raw, 'survey template');
  const at = now.toISOString();
  const tpl: SurveyTemplate = { ...input, id: newId('tpl', now.getTime()), builtIn: false, version: 1, createdAt: at, updatedAt: at };
  await ctx.store.transact([
    ctx.store.surveys.templatePutOp(tpl),
    auditOp({
      at,
      actor: actor.id,
      action: 'survey_template.created',
      entity: 'survey-template',
      entityId: tpl.id,
      changes: changedFields({}, input),
    }),
  ]);
  return tpl;
}

/** PUT: replaces the texts and questions at `expectedVersion` (If-Match); links already sent keep their copy. */
export async function replaceSurveyTemplate(
  ctx: AppContext,
  actor: Actor,
  id: string,
  expectedVersion: number,
  raw: unknown,
  now: Date,
): Promise<SurveyTemplate> {
  mayEdit(actor);
  const input = parseInput(surveyTemplateInput, raw, 'survey template');
  const before = await resolveTemplate(ctx, id);
  if (before.version !== expectedVersion) {
    throw new DomainError(
      'precondition_failed',
      `survey template ${id} is at version ${before.version}, not ${expectedVersion}; read it again and retry`,
      { currentVersion: before.version },
      'error.version_mismatch',
      { entity: 'survey template', id },
    );
  }
  const at = now.toISOString();
  const after: SurveyTemplate = {
    ...input,
    id,
    builtIn: before.builtIn,
    version: before.version + 1,
    createdAt: before.createdAt,
    updatedAt: at,
  };
  await ctx.store.transact([
    ctx.store.surveys.templatePutOp(after, expectedVersion),
    auditOp({
      at,
      actor: actor.id,
      action: 'survey_template.updated',
      entity: 'survey-template',
      entityId: id,
      changes: changedFields(before, after),
    }),
  ]);
  return after;
}
