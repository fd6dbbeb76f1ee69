import { ATTACHMENT_ROUTES } from './attachments.routes.js';
import { AUTH_ROUTES } from './auth.routes.js';
import { EVENT_ROUTES } from './events.routes.js';
import { FAULT_ROUTES } from './faults.routes.js';
import { MACHINE_ROUTES } from './machines.routes.js';
import type { FileRouteSpec, RouteSpec } from './route.js';
import { WARNING_ROUTES } from './warnings.routes.js';

export type {
  FileExchange,
  FileRouteSpec,
  HttpMethod,
  RestRequest,
  RestResult,
  RouteResponse,
  RouteSpec,
} from './route.js';
export { REST_OPERATIONS } from './operations.js';

/**
 * The REST adapter's one route table, by resource (one module each). The router
 * (../router.ts) and the OpenAPI document (../openapi.ts) are both built from it.
 */
export const ROUTES: RouteSpec[] = [
  ...AUTH_ROUTES,
  ...MACHINE_ROUTES,
  ...FAULT_ROUTES,
  ...WARNING_ROUTES,
];

/**
 * Routes that carry files (photo upload and download): they read and write the HTTP exchange
 * themselves; the router gives them the same caller, refusals and error answers.
 */
export const FILE_ROUTES: FileRouteSpec[] = [...ATTACHMENT_ROUTES, ...EVENT_ROUTES];

/** Served beside the table's routes (the document describes itself too). */
export const OPENAPI_PATH = '/api/openapi.json';
