import type { JsonSchema, ResponseObject } from '../types';

/**
 * Strapi's error shape, `{ data: null, error: { status, name, message, details } }`, as every
 * content-API route answers a failure (the kit's validation error fills `details.errors`).
 */
export const ERROR_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    description: "Strapi's error answer.",
    properties: {
      data: { type: 'null' },
      error: {
        type: 'object',
        properties: {
          status: { type: 'integer', minimum: 400, maximum: 599 },
          name: { type: 'string', examples: ['ValidationError', 'NotFoundError', 'ForbiddenError'] },
          message: { type: 'string' },
          details: { type: 'object' },
        },
        required: ['status', 'name', 'message'],
      },
    },
    required: ['data', 'error'],
  },
  ValidationError: {
    description:
      'A 400: `details.errors` lists every problem (`path`: where, `[]` for the input as a whole). ' +
      "Strapi's own unknown-key check answers `details: { key, path }` instead.",
    allOf: [
      { $ref: '#/components/schemas/Error' },
      {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              status: { const: 400 },
              details: {
                anyOf: [
                  {
                    type: 'object',
                    properties: {
                      errors: {
                        type: 'array',
                        minItems: 1,
                        items: {
                          type: 'object',
                          properties: {
                            path: { type: 'array', items: { type: ['string', 'integer'] } },
                            message: { type: 'string' },
                            name: { type: 'string' },
                          },
                          required: ['path', 'message', 'name'],
                        },
                      },
                    },
                    required: ['errors'],
                  },
                  {
                    type: 'object',
                    properties: { key: { type: 'string' }, path: { type: ['string', 'null'] } },
                    required: ['key'],
                  },
                ],
              },
            },
          },
        },
      },
    ],
  },
};

const errorResponse = (description: string, schema: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: `#/components/schemas/${schema}` } } },
});

/** The failures every public operation can answer, added to each unless it says otherwise. */
export const errorResponses = (options: { hasPathParameters: boolean }): Record<string, ResponseObject> => ({
  '400': errorResponse('Bad input (unknown or malformed query parameters, unknown locale): nothing was done.', 'ValidationError'),
  ...(options.hasPathParameters ? { '404': errorResponse('Nothing public has this identifier.', 'Error') } : {}),
  '500': errorResponse('An unexpected failure (never with internals: no SQL, stack or table names).', 'Error'),
});
