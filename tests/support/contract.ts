import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Config } from '../../lib/config';
import { openApiDocument } from '../../lib/http/openapi';
import { matchRoute } from '../../lib/local/api-gateway';

/**
 * The contract check: every response the integration tests receive through
 * the test client (tests/support/app.ts) is held against the OpenAPI document
 * — the status is one the operation lists, the documented headers are there,
 * the media type is documented and a JSON body matches its schema. A mismatch
 * fails the test that saw it, naming the operation and what differs.
 */
type Json = Record<string, unknown>;
interface DocResponse {
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, { schema: Json }>;
}
interface DocOperation {
  operationId: string;
  responses: Record<string, DocResponse>;
}

export class ContractViolation extends Error {
  override name = 'ContractViolation';
}

export function contractChecker(config: Config) {
  const doc = openApiDocument(config) as { paths: Record<string, Record<string, DocOperation>> };
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const compiled = new Map<Json, ValidateFunction>();
  const validator = (schema: Json) => {
    let fn = compiled.get(schema);
    if (!fn) compiled.set(schema, (fn = ajv.compile(schema)));
    return fn;
  };

  return async function check(method: string, url: string, res: Response): Promise<void> {
    const matched = matchRoute(method, new URL(url).pathname);
    // Unknown paths and methods are answered by the gateway, not by an operation.
    if (!matched || matched === 'method-not-allowed' || matched.route.fn !== 'api') return;
    const op = doc.paths[matched.route.path]?.[method.toLowerCase()];
    const where = `${method} ${matched.route.path}`;
    if (!op) throw new ContractViolation(`${where} is not in the OpenAPI document`);
    const name = `${where} (${op.operationId})`;
    const documented = op.responses[String(res.status)];
    if (!documented) {
      const body = await res.clone().text();
      throw new ContractViolation(
        `${name} answered ${res.status}, which the document does not list (${Object.keys(op.responses).join(', ')}): ${body.slice(0, 300)}`,
      );
    }
    for (const [header, spec] of Object.entries(documented.headers ?? {})) {
      if (spec.required && !res.headers.has(header)) throw new ContractViolation(`${name} ${res.status}: header ${header} missing`);
    }
    const text = await res.clone().text();
    if (!documented.content) {
      if (text !== '') throw new ContractViolation(`${name} ${res.status}: the document says no body, got ${text.slice(0, 200)}`);
      return;
    }
    const type = (res.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const media = documented.content[type];
    if (!media) {
      throw new ContractViolation(
        `${name} ${res.status}: Content-Type ${type || '(none)'} is not documented (${Object.keys(documented.content).join(', ')})`,
      );
    }
    if (type !== 'application/json') return;
    const validate = validator(media.schema);
    if (!validate(JSON.parse(text))) {
      const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
      throw new ContractViolation(`${name} ${res.status}: body does not match the schema: ${problems.slice(0, 8).join('; ')}`);
    }
  };
}
