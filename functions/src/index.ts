/**
 * Cloud Functions entry point: options and wiring only; logic lives in the
 * stage folders (http, ingest, ...).
 */
import { setGlobalOptions } from "firebase-functions/v2";
import { onRequest } from "firebase-functions/v2/https";
import { dispatchApiRequest } from "./http/routes";

// One region for everything, next to the bucket and database (docs/deploy.md).
setGlobalOptions({ region: "europe-west1", maxInstances: 20 });

/** `/api/**` on the app's own origin (firebase.json rewrites it here). */
export const api = onRequest(async (req, res) => {
  const result = await dispatchApiRequest({ method: req.method, path: req.path });
  res.status(result.status).json(result.body);
});
