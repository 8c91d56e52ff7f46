import { PRODUCT_NAME } from "@pacs/shared";

/** A route's answer, kept free of Express so that it is tested as a plain function. */
export interface RouteResult {
  status: number;
  body: unknown;
}

export type Route = (request: { method: string; path: string }) => Promise<RouteResult> | RouteResult;

/** `GET /api/health`: lets monitors and tests see that functions answer on the app's origin. */
export const readHealth: Route = () => ({ status: 200, body: { ok: true, service: PRODUCT_NAME } });

const routes: Record<string, Route> = {
  "GET /api/health": readHealth,
};

/** Finds the route for a request; unknown paths get a 404 that says which path. */
export async function dispatchApiRequest(request: { method: string; path: string }): Promise<RouteResult> {
  const route = routes[`${request.method} ${request.path.replace(/\/+$/, "")}`];
  if (!route) return { status: 404, body: { error: `No API route for ${request.method} ${request.path}` } };
  return route(request);
}
