/**
 * Checks one HTTP request against the Kubeflow Pipelines swagger, three ways:
 *
 * 1. Prism validates it (path, method, query and body types, the multipart `uploadfile` part,
 *    security) and lists what it found in `sl-violations`; any entry located in the request is a
 *    violation, as is Prism's 404/405 for a path or method the contract lacks.
 * 2. Prism accepts JSON fields the contract does not have, which the real server refuses with 400
 *    (`DiscardUnknown: false`): JSON bodies are checked again here with ajv, every object of the
 *    swagger's definitions closed (`additionalProperties: false`) unless it declares otherwise.
 * 3. Query parameters the operation does not declare are violations too (a misspelt
 *    `resource_key.id` would otherwise go unnoticed and list everything).
 */
import Ajv, { type ValidateFunction } from 'ajv';
import type { Swagger, SwaggerApi, SwaggerParameter } from './prism';
import { readSwagger } from './prism';

export interface CheckedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

interface Operation {
  template: string;
  pattern: RegExp;
  literals: number;
  parameters: SwaggerParameter[];
}

export class Contract {
  private readonly operations = new Map<string, Operation[]>();
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  private readonly swagger: Swagger;
  readonly api: SwaggerApi;
  readonly prismUrl: string;

  constructor(prism: { api: SwaggerApi; url: string }) {
    this.api = prism.api;
    this.prismUrl = prism.url;
    this.swagger = readSwagger(prism.api);
    this.ajv.addSchema({ $id: 'kfp', definitions: closeObjects(this.swagger.definitions) });
    for (const [template, methods] of Object.entries(this.swagger.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const list = this.operations.get(method.toUpperCase()) ?? [];
        const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`);
        list.push({ template, pattern, literals: template.split('/').filter((s) => s && !s.includes('{')).length, parameters: operation.parameters ?? [] });
        this.operations.set(method.toUpperCase(), list);
      }
    }
  }

  /** Every way the request breaks the contract; empty when it keeps it. */
  async violations(request: CheckedRequest): Promise<string[]> {
    const found: string[] = [];
    const url = new URL(request.url, 'http://contract');
    const operation = this.operation(request.method, url.pathname);
    if (operation) {
      const declared = new Set(operation.parameters.filter((p) => p.in === 'query').map((p) => p.name));
      for (const name of new Set(url.searchParams.keys())) if (!declared.has(name)) found.push(`query parameter \`${name}\` is not in the contract of ${request.method} ${operation.template}`);
      const body = operation.parameters.find((p) => p.in === 'body');
      if (body && request.body.length > 0 && /json/.test(request.headers['content-type'] ?? '')) found.push(...this.bodyViolations(operation, body, request.body));
    }
    found.push(...(await this.prismViolations(request)));
    return found;
  }

  private operation(method: string, path: string): Operation | undefined {
    // The most literal template wins: /pipelines/upload before /pipelines/{pipeline_id}.
    return (this.operations.get(method) ?? []).filter((o) => o.pattern.test(path)).sort((a, b) => b.literals - a.literals)[0];
  }

  private bodyViolations(operation: Operation, parameter: SwaggerParameter, body: Buffer): string[] {
    let value: unknown;
    try {
      value = JSON.parse(body.toString('utf8'));
    } catch {
      return [`the body of ${operation.template} is not JSON`];
    }
    const ref = (parameter.schema as { $ref?: string } | undefined)?.$ref;
    if (!ref) return [];
    let validate = this.validators.get(ref);
    if (!validate) this.validators.set(ref, (validate = this.ajv.compile({ $ref: `kfp${ref}` })));
    if (validate(value)) return [];
    return (validate.errors ?? []).map((e) =>
      e.keyword === 'additionalProperties'
        ? `body${e.instancePath}: field \`${(e.params as { additionalProperty: string }).additionalProperty}\` is not in ${ref.split('/').pop()}`
        : `body${e.instancePath}: ${e.message}`,
    );
  }

  private async prismViolations(request: CheckedRequest): Promise<string[]> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (FORWARDED_HEADERS.has(name)) headers.set(name, value);
    // Prism enforces the swagger's global apiKey security; single-user KFP needs no credentials.
    if (!headers.has('authorization')) headers.set('authorization', 'Bearer contract-check');
    const response = await fetch(new URL(request.url, this.prismUrl), {
      method: request.method,
      headers,
      body: request.method === 'GET' || request.method === 'HEAD' ? undefined : new Uint8Array(request.body),
    });
    await response.arrayBuffer();
    const found: string[] = [];
    if (response.status === 404 || response.status === 405) found.push(`${request.method} ${new URL(request.url, 'http://x').pathname}: ${response.status} from Prism (not in the contract)`);
    const header = response.headers.get('sl-violations');
    if (header) {
      for (const violation of JSON.parse(header) as { location?: string[]; message?: string }[]) {
        if (violation.location?.[0] === 'request') found.push(`${violation.location.join('.')}: ${violation.message}`);
      }
    } else if (response.status === 415 || response.status === 422) found.push(`${response.status} from Prism`);
    return found;
  }
}

const FORWARDED_HEADERS = new Set(['content-type', 'accept', 'authorization']);

/** The definitions with every object that lists its properties closed to others, as the server's JSON decoding is. */
function closeObjects(node: unknown): Record<string, unknown> {
  const close = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(close);
    if (!value || typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      // Swagger refs point at #/definitions; the schema registered here is `kfp`.
      out[key] = key === '$ref' && typeof child === 'string' ? child.replace(/^#\//, 'kfp#/') : close(child);
    }
    if ('properties' in out && !('additionalProperties' in out)) out.additionalProperties = false;
    return out;
  };
  return close(node) as Record<string, unknown>;
}
