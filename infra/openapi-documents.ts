/**
 * The HTTP functions' OpenAPI documents, built at synth from the same route specs the apps serve
 * (functions/http/openapi.ts) and put into each function's asset (`openapi/<function>.json`,
 * infra/constructs/app-function.ts): the bundles carry no JSON Schema converter (infra/bundling.ts).
 */
import { adminFunctionRoutes } from '../functions/admin/admin-routes.ts';
import { type AdminFunctionRoutes, adminSetSpecs } from '../functions/admin/app.ts';
import { caseworkRoutes } from '../functions/casework/routes.ts';
import { type OpenApiDocument, openApiDocument } from '../functions/http/openapi.ts';
import { OPENAPI_VERSION } from '../functions/http/routes.ts';
import { PORTAL_OPENAPI, portalRouteSpecs } from '../functions/portal/app.ts';
import { staffToolsRoutes } from '../functions/staff-tools/routes.ts';

/** The functions that serve an OpenAPI document, by the name each app asks for it under. */
export type OpenApiFunction = 'portal' | AdminFunctionRoutes['name'];

const staffDocument = (fn: AdminFunctionRoutes) =>
  openApiDocument(adminSetSpecs(fn), { title: fn.title, version: OPENAPI_VERSION });

const builders: Record<OpenApiFunction, () => OpenApiDocument> = {
  portal: () => openApiDocument(portalRouteSpecs(), PORTAL_OPENAPI.info),
  admin: () => staffDocument(adminFunctionRoutes),
  casework: () => staffDocument(caseworkRoutes),
  'staff-tools': () => staffDocument(staffToolsRoutes),
};

const built = new Map<OpenApiFunction, string>();
/** A function's OpenAPI document as the text its asset carries (built once per synth process). */
export function openApiDocumentText(name: OpenApiFunction): string {
  let text = built.get(name);
  if (!text) {
    text = JSON.stringify(builders[name]());
    built.set(name, text);
  }
  return text;
}
