import { MAX_SENSOR_REPORTS } from '../modules/warnings/sensor-report.types.js';

/** The slice of OpenAPI 3.1 this adapter uses, typed so the document is checked by tsc. */
export interface SchemaObject {
  type?:
    | 'object'
    | 'array'
    | 'string'
    | 'integer'
    | 'number'
    | 'boolean'
    | 'null'
    | ('string' | 'null' | 'object' | 'integer')[];
  $ref?: string;
  description?: string;
  properties?: Record<string, SchemaObject>;
  required?: string[];
  items?: SchemaObject;
  enum?: (string | number)[];
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  oneOf?: SchemaObject[];
  anyOf?: SchemaObject[];
  additionalProperties?: boolean | SchemaObject;
  examples?: unknown[];
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  description?: string;
  /** For list parameters: `form` + `explode`, i.e. the parameter repeated once per value. */
  style?: 'form';
  explode?: boolean;
  schema: SchemaObject;
}

const ref = (name: string): SchemaObject => ({ $ref: `#/components/schemas/${name}` });
const nullable = (schema: SchemaObject): SchemaObject => ({ anyOf: [schema, { type: 'null' }] });
const dateTime: SchemaObject = { type: 'string', format: 'date-time' };
const id: SchemaObject = { type: 'string', format: 'uuid' };

export const schemaRef = ref;

export const COMPONENT_SCHEMAS: Record<string, SchemaObject> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description:
              'UNAUTHENTICATED, FORBIDDEN, BAD_USER_INPUT, NOT_FOUND, CONFLICT, TOO_MANY_REQUESTS, MALFORMED_JSON, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, IMAGE_UNREADABLE, IMAGE_TOO_MANY_PIXELS, QUOTA_EXCEEDED, METHOD_NOT_ALLOWED, IDEMPOTENCY_KEY_REUSED, IDEMPOTENCY_KEY_IN_USE, INTERNAL_SERVER_ERROR',
          },
          message: { type: 'string' },
          details: { type: 'object', additionalProperties: true },
        },
      },
    },
  },
  ActorSummary: {
    type: 'object',
    required: ['kind', 'id', 'name'],
    properties: {
      kind: { type: 'string', enum: ['USER', 'API_CLIENT'] },
      id,
      name: { type: 'string' },
    },
  },
  PersonRef: {
    type: 'object',
    required: ['id', 'name'],
    properties: { id, name: { type: 'string' } },
  },
  MachineRef: {
    type: 'object',
    required: ['id', 'assetCode', 'name', 'status'],
    properties: {
      id,
      assetCode: { type: 'string' },
      name: { type: 'string' },
      status: ref('MachineStatus'),
    },
  },
  MachineStatus: { type: 'string', enum: ['OK', 'WARNING', 'FAULT'] },
  Severity: {
    type: 'string',
    description: 'Case-insensitive on input ("High" works)',
    enum: ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'],
  },
  FaultStatus: { type: 'string', enum: ['OPEN', 'ACKNOWLEDGED', 'IN_PROGRESS', 'RESOLVED'] },
  Machine: {
    type: 'object',
    required: [
      'id',
      'assetCode',
      'name',
      'importance',
      'status',
      'statusSince',
      'archived',
      'building',
    ],
    properties: {
      id,
      assetCode: {
        type: 'string',
        description: 'Printed on the QR label; usable instead of the id in paths',
      },
      name: { type: 'string' },
      location: nullable({ type: 'string', description: 'Line, cell or bay inside the building' }),
      importance: { type: 'integer', minimum: 1, maximum: 5 },
      status: ref('MachineStatus'),
      statusSince: dateTime,
      archived: { type: 'boolean' },
      building: {
        type: 'object',
        required: ['id', 'name'],
        properties: { id, name: { type: 'string' } },
      },
      technicians: { type: 'array', items: ref('PersonRef') },
      activeWarnings: {
        type: 'array',
        description: 'Oldest first, at most 100',
        items: {
          type: 'object',
          properties: {
            id,
            message: { type: 'string' },
            code: nullable({ type: 'string' }),
            repeatCount: { type: 'integer' },
            raisedAt: dateTime,
            lastSeenAt: dateTime,
          },
        },
      },
      openFaultCase: nullable({
        type: 'object',
        description: "The newest unresolved case's board fields; its detail is under /faults/",
        properties: {
          id,
          severity: ref('Severity'),
          status: ref('FaultStatus'),
          openedAt: dateTime,
          assignee: nullable(ref('PersonRef')),
        },
      }),
    },
  },
  MachineList: {
    type: 'object',
    required: ['items', 'totalCount', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('Machine') },
      totalCount: { type: 'integer' },
      nextCursor: nullable({ type: 'string', description: 'Pass as `cursor` for the next page' }),
    },
  },
  FaultCase: {
    type: 'object',
    required: ['id', 'description', 'severity', 'status', 'openedAt', 'version', 'machine'],
    properties: {
      id,
      description: { type: 'string' },
      severity: ref('Severity'),
      status: ref('FaultStatus'),
      openedAt: dateTime,
      acknowledgedAt: nullable(dateTime),
      startedAt: nullable(dateTime),
      resolvedAt: nullable(dateTime),
      resolutionNote: nullable({ type: 'string' }),
      reopenCount: { type: 'integer' },
      version: { type: 'integer' },
      machine: ref('MachineRef'),
      assignee: nullable(ref('PersonRef')),
      reportedBy: nullable(ref('ActorSummary')),
      deduplicated: {
        type: 'boolean',
        description:
          'On POST: true when this API client already had an unresolved case with this description on this machine, which is returned instead of a new one',
      },
    },
  },
  Attachment: {
    type: 'object',
    required: [
      'id',
      'faultCaseId',
      'noteId',
      'contentType',
      'size',
      'width',
      'height',
      'url',
      'thumbnailUrl',
      'createdAt',
    ],
    properties: {
      id,
      faultCaseId: id,
      noteId: nullable(id),
      contentType: { type: 'string', enum: ['image/jpeg', 'image/png', 'image/webp'] },
      size: { type: 'integer', description: 'Bytes of the stored (re-encoded) image' },
      width: { type: 'integer' },
      height: { type: 'integer' },
      url: { type: 'string', description: 'GET it with the same bearer token' },
      thumbnailUrl: { type: 'string', description: 'A WebP of at most 320 pixels a side' },
      createdAt: dateTime,
    },
  },
  FaultCaseList: {
    type: 'object',
    required: ['items', 'totalCount', 'nextCursor'],
    properties: {
      items: { type: 'array', items: ref('FaultCase') },
      totalCount: { type: 'integer' },
      nextCursor: nullable({ type: 'string' }),
    },
  },
  Warning: {
    type: 'object',
    required: ['id', 'message', 'repeatCount', 'raisedAt', 'active', 'machine'],
    properties: {
      id,
      message: { type: 'string' },
      code: nullable({ type: 'string' }),
      repeatCount: { type: 'integer', description: 'How often the same active code was reported' },
      raisedAt: dateTime,
      lastSeenAt: dateTime,
      clearedAt: nullable(dateTime),
      active: { type: 'boolean' },
      machine: ref('MachineRef'),
      raisedBy: nullable(ref('ActorSummary')),
      clearedBy: nullable(ref('ActorSummary')),
      deduplicated: {
        type: 'boolean',
        description:
          'On POST: true when the code was already active and only its repeat count rose',
      },
    },
  },
  SensorReportsRequest: {
    type: 'object',
    required: ['reports'],
    properties: {
      reports: {
        type: 'array',
        minItems: 1,
        maxItems: MAX_SENSOR_REPORTS,
        description: 'Applied in order, in one transaction',
        items: {
          type: 'object',
          required: ['machineId', 'code', 'active'],
          properties: {
            machineId: id,
            code: {
              type: 'string',
              pattern: '^[A-Za-z0-9_.:-]{1,64}$',
              description: 'Sensor condition id, e.g. TEMP_HIGH',
            },
            active: {
              type: 'boolean',
              description: 'true: the condition holds (raise, or count a repeat); false: clear it',
            },
            message: {
              type: 'string',
              minLength: 1,
              maxLength: 500,
              description: 'For a raise; the code when omitted',
            },
          },
        },
      },
    },
  },
  SensorReportsResult: {
    type: 'object',
    required: ['results'],
    properties: {
      results: {
        type: 'array',
        description: "One per report, in the request's order",
        items: {
          type: 'object',
          required: ['machineId', 'code', 'outcome', 'warningId', 'repeatCount', 'error'],
          properties: {
            machineId: id,
            code: { type: 'string' },
            outcome: nullable({
              type: 'string',
              enum: ['RAISED', 'REPEATED', 'CLEARED', 'NOT_ACTIVE'],
            }),
            warningId: nullable(id),
            repeatCount: nullable({ type: 'integer' }),
            error: nullable({
              type: 'object',
              description:
                'This report was not applied (the others were): NOT_FOUND, FORBIDDEN or BAD_USER_INPUT',
              required: ['code', 'message'],
              properties: { code: { type: 'string' }, message: { type: 'string' } },
            }),
          },
        },
      },
    },
  },
  Session: {
    type: 'object',
    required: ['token', 'expiresAt', 'user'],
    properties: {
      token: {
        type: 'string',
        description: 'Send as `Authorization: Bearer <token>` (or `Token <token>`)',
      },
      expiresAt: dateTime,
      refreshToken: nullable({
        type: 'string',
        description: 'For the GraphQL `refreshSession` mutation; single use',
      }),
      refreshTokenExpiresAt: dateTime,
      user: {
        type: 'object',
        required: ['id', 'email', 'name', 'role'],
        properties: {
          id,
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string', enum: ['MANAGER', 'TECHNICIAN', 'REPAIR'] },
        },
      },
    },
  },
  LoginRequest: {
    type: 'object',
    required: ['password'],
    description:
      'Give `email` or `username` (the same thing: the e-mail address). JSON or a form (application/x-www-form-urlencoded).',
    properties: {
      email: { type: 'string', maxLength: 254 },
      username: { type: 'string', maxLength: 254 },
      password: { type: 'string', maxLength: 1024 },
    },
  },
  CreateMachineRequest: {
    type: 'object',
    required: ['name', 'importance'],
    description: 'Give `location` (a building name, created when missing) or `buildingId`',
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 120 },
      location: { type: 'string', description: 'The building, by name', maxLength: 120 },
      buildingId: id,
      importance: { type: 'integer', minimum: 1, maximum: 5 },
      line: { type: ['string', 'integer'], description: 'Optional location detail' },
      cell: { type: ['string', 'integer'], description: 'Optional location detail' },
      locationDetail: { type: 'string', maxLength: 120, description: 'Instead of line/cell' },
      assetCode: {
        type: 'string',
        pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$',
        description: 'Generated when omitted',
      },
    },
  },
  OpenFaultRequest: {
    type: 'object',
    required: ['description', 'severity'],
    properties: {
      description: { type: 'string', minLength: 1, maxLength: 2000 },
      severity: {
        type: 'string',
        examples: ['High'],
        description: 'LOW, MEDIUM, HIGH or CRITICAL, any case',
      },
    },
  },
  ResolveFaultRequest: {
    type: 'object',
    description: 'All optional; the note defaults to "Resolved via API"',
    properties: {
      resolution_note: { type: 'string', maxLength: 5000 },
      resolutionNote: { type: 'string', maxLength: 5000 },
      note: { type: 'string', maxLength: 5000 },
      expectedVersion: { type: 'integer', description: 'When given, a case changed since is 409' },
    },
  },
  RaiseWarningRequest: {
    type: 'object',
    description: 'Give `message` or `warning`; without either, the code is the message',
    properties: {
      message: { type: 'string', minLength: 1, maxLength: 500 },
      warning: { type: 'string', minLength: 1, maxLength: 500 },
      code: {
        type: 'string',
        pattern: '^[A-Za-z0-9_.:-]{1,64}$',
        description: 'Sensor condition id, e.g. TEMP_HIGH',
      },
    },
  },
};
