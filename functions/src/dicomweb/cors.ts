import type { NextFunction, Request, Response } from "express";

/**
 * CORS for browser clients (OHIF or any web viewer on another origin).
 * Calls carry a Bearer token, never a cookie, so any origin may call and
 * credentials are never allowed: a page cannot ride on a user's session.
 */
export function allowCrossOrigin(req: Request, res: Response, next: NextFunction) {
  res.set("Access-Control-Allow-Origin", "*");
  res.set("Access-Control-Expose-Headers", "Content-Type, Content-Length, Warning, X-Total-Count");
  if (req.method !== "OPTIONS") return next();
  res.set("Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS");
  res.set("Access-Control-Allow-Headers", "Authorization, Accept, Content-Type");
  res.set("Access-Control-Max-Age", "3600");
  res.status(204).end();
}
