import { schemaRef, type ParameterObject } from '../schemas.js';
import type { RouteResponse } from './route.js';

/** OpenAPI pieces several resources' routes share. */

export const machineParam: ParameterObject = {
  name: 'machineId',
  in: 'path',
  required: true,
  description:
    'The machine id (uuid) or its asset code (e.g. PRS-07; looked up with `machines:read`)',
  schema: { type: 'string' },
};

export const pageParams: ParameterObject[] = [
  {
    name: 'limit',
    in: 'query',
    description: '1 to 100 (default 50)',
    schema: { type: 'integer', minimum: 1, maximum: 100 },
  },
  {
    name: 'cursor',
    in: 'query',
    description: '`nextCursor` of the previous page',
    schema: { type: 'string' },
  },
];

export const err = (description: string): RouteResponse => ({
  description,
  schema: schemaRef('Error'),
});

export const AUTH_ERRORS: Record<number, RouteResponse> = {
  401: err('No valid bearer token'),
  403: err('Role, scope or building does not allow this'),
  429: err('Rate limited; see Retry-After'),
};

export const BODY_ERRORS: Record<number, RouteResponse> = {
  400: err('Malformed JSON or invalid input'),
  413: err('Body too large'),
  415: err('Not application/json'),
};

export const IDEMPOTENCY_ERRORS: Record<number, RouteResponse> = {
  409: err('Conflict, or the answer for this Idempotency-Key is not stored yet (Retry-After)'),
  422: err(
    'This Idempotency-Key was used with another request, or (IDEMPOTENCY_ANSWER_LOST) its write happened but the answer was lost',
  ),
};
