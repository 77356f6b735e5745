import { describe, expect, it } from 'vitest';
import type { ApiScope } from '../../lib/domain/api-scopes';
import type { ApiHandlerFn, ApiHandlers, createApiHandler } from '../../lib/http/api-handler';
import { operations } from '../../lib/http/openapi';
import type { Operation } from '../../lib/http/operation';
import { type ApiKeyRouteKey, type ApiRouteKey, routeKey, routes } from '../../lib/http/routes';
import { routeScopes } from '../../lib/http/scopes';

/**
 * Routes are joined to their handler, OpenAPI operation and scope by route key
 * at compile time. The `@ts-expect-error` lines are the proof: tsc fails if a
 * map missing a route (or naming an unknown one) ever compiles.
 */
describe('typed route joins', () => {
  it('refuses, at compile time, a handler map, an operation map or a scope map that misses a route', () => {
    const handlers = {} as Record<ApiRouteKey, ApiHandlerFn>;
    const { 'GET /api/staff': _handler, ...handlersWithoutOne } = handlers;
    // @ts-expect-error GET /api/staff has no handler
    const _incompleteHandlers: Parameters<typeof createApiHandler>[0] = handlersWithoutOne;

    const { 'PATCH /api/tasks/{id}': _operation, ...operationsWithoutOne } = operations;
    // @ts-expect-error PATCH /api/tasks/{id} has no operation
    const _incompleteOperations: Record<ApiRouteKey, Operation> = operationsWithoutOne;

    const { 'POST /api/complaints': _scope, ...scopesWithoutOne } = routeScopes;
    // @ts-expect-error POST /api/complaints has no scope
    const _incompleteScopes: Record<ApiKeyRouteKey, ApiScope> = scopesWithoutOne;

    const _typo = {
      // @ts-expect-error a route that does not exist cannot get a handler
      'GET /api/customer': async () => ({ body: {} }),
    } satisfies ApiHandlers;

    expect(Object.keys(handlersWithoutOne)).toHaveLength(0);
  });

  it('has exactly one operation per REST route and one scope per API-key route', () => {
    const rest = routes.filter((r) => r.fn === 'api').map(routeKey);
    expect(Object.keys(operations).sort()).toEqual([...rest].sort());
    const keyed = routes.filter((r) => r.auth === 'apiKey').map(routeKey);
    expect(Object.keys(routeScopes).sort()).toEqual([...keyed].sort());
  });
});
