/**
 * The shapes this plugin reads and writes. A plugin documents a content-API route with
 * `config.openapi`, an OpenAPI 3.1 Operation Object fragment (plugins/openapi/README.md).
 */

/** A JSON Schema (2020-12, OpenAPI 3.1's dialect). */
export type JsonSchema = { [keyword: string]: unknown };

export type ParameterObject = {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  description?: string;
  style?: string;
  explode?: boolean;
  schema: JsonSchema;
};

export type MediaTypeObject = { schema: JsonSchema };

export type ResponseObject = {
  description: string;
  headers?: Record<string, { description?: string; schema: JsonSchema }>;
  content?: Record<string, MediaTypeObject>;
};

export type RequestBodyObject = { description?: string; required?: boolean; content: Record<string, MediaTypeObject> };

/** What a route's `config.openapi` says (every key optional but `summary`). */
export type OperationFragment = {
  summary: string;
  description?: string;
  tags?: string[];
  parameters?: ParameterObject[];
  requestBody?: RequestBodyObject;
  responses?: Record<string, ResponseObject>;
};

export type OperationObject = OperationFragment & {
  operationId: string;
  tags: string[];
  parameters?: ParameterObject[];
  responses: Record<string, ResponseObject>;
  security?: Array<Record<string, string[]>>;
};

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type PathItem = Partial<Record<HttpMethod, OperationObject>>;

export type OpenApiDocument = {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  jsonSchemaDialect: string;
  servers: Array<{ url: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, PathItem>;
  components: { schemas: Record<string, JsonSchema> };
};
