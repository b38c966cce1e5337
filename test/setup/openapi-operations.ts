import type { INestApplication } from '@nestjs/common';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiConfig } from '../../src/app.factory.js';

/** The part of an OpenAPI schema object that the tests read. */
export interface JsonSchema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
}

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
const HTTP_METHODS: readonly HttpMethod[] = ['get', 'post', 'put', 'patch', 'delete'];

export interface ApiParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: JsonSchema;
}

export interface ApiOperation {
  method: HttpMethod;
  /** OpenAPI path template, e.g. /forecasts/{id}. */
  path: string;
  /** "GET /forecasts/{id}": how the tests name a route. */
  route: string;
  parameters: ApiParameter[];
  /** The JSON request body's schema, $refs resolved at the top level. */
  body?: JsonSchema;
}

/** The OpenAPI document of the running application, built the way the app itself builds /docs. */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(app, buildOpenApiConfig());
}

/** Follows $ref and merges allOf, so callers see plain properties. */
export function resolveSchema(schema: JsonSchema, document: OpenAPIObject): JsonSchema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name] as JsonSchema | undefined;
    if (!target) throw new Error(`OpenAPI document has no schema ${schema.$ref}`);
    const { $ref: _ref, ...siblings } = schema;
    return resolveSchema({ ...target, ...siblings }, document);
  }
  if (schema.allOf) {
    const { allOf, ...rest } = schema;
    return allOf
      .map((part) => resolveSchema(part, document))
      .reduce<JsonSchema>(
        (merged, part) => ({
          ...part,
          ...merged,
          properties: { ...part.properties, ...merged.properties },
          required: [...(part.required ?? []), ...(merged.required ?? [])],
        }),
        rest,
      );
  }
  return schema;
}

/** Every operation in the document, in document order. */
export function apiOperations(document: OpenAPIObject): ApiOperation[] {
  const operations: ApiOperation[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((parameter) => {
        const given = parameter as unknown as ApiParameter & { schema?: JsonSchema };
        return {
          name: given.name,
          in: given.in,
          required: given.required ?? false,
          schema: resolveSchema(given.schema ?? { type: 'string' }, document),
        };
      });
      const content = (operation.requestBody as { content?: Record<string, { schema?: JsonSchema }> } | undefined)?.content;
      const bodySchema = content?.['application/json']?.schema;
      operations.push({
        method,
        path,
        route: `${method.toUpperCase()} ${path}`,
        parameters,
        body: bodySchema ? resolveSchema(bodySchema, document) : undefined,
      });
    }
  }
  return operations;
}

/** Fills {name} placeholders; values are URL-encoded unless `raw` says they are already. */
export function fillPath(template: string, values: Record<string, string>, raw = false): string {
  return template.replace(/\{(\w+)\}/g, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for path parameter ${name} of ${template}`);
    return raw ? value : encodeURIComponent(value);
  });
}

/** Produces a plausible value for a schema: what a well-behaved client would send. */
export function sampleValue(schema: JsonSchema, document: OpenAPIObject, idFor: (field: string) => string, field = '', depth = 0): unknown {
  const resolved = resolveSchema(schema, document);
  if (resolved.enum?.length) return resolved.enum[0];
  switch (resolved.format ?? '') {
    case 'uuid':
      return idFor(field);
    case 'date':
      return '2020-09-14';
    case 'date-time':
      return '2020-09-15T10:00:00.000Z';
    case 'email':
      return `${field || 'someone'}@example.test`;
    case 'uri':
      return 'https://example.org/report';
    default:
      break;
  }
  if (resolved.example !== undefined) return resolved.example;
  switch (resolved.type ?? 'object') {
    case 'string':
      return `sample ${field}`.trim();
    case 'number':
    case 'integer': {
      const low = resolved.minimum ?? 1;
      const high = resolved.maximum ?? low + 1;
      return resolved.type === 'integer' ? Math.ceil(low) : (low + high) / 2;
    }
    case 'boolean':
      return false;
    case 'array':
      return resolved.items && depth < 4 ? [sampleValue(resolved.items, document, idFor, field, depth + 1)] : [];
    default: {
      if (!resolved.properties || depth >= 4) return {};
      const required = new Set(resolved.required ?? []);
      return Object.fromEntries(
        Object.entries(resolved.properties)
          .filter(([name]) => required.has(name))
          .map(([name, property]) => [name, sampleValue(property, document, idFor, name, depth + 1)]),
      );
    }
  }
}
