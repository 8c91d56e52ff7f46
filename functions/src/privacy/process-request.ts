import { PrivacyRequest } from "@pacs/shared";
import { parseSnapshot } from "../ingest/firestore-data";
import { runDeletion } from "./delete-account";
import { runExport } from "./export-data";
import { privacyRequestsRef, type PrivacyDeps } from "./privacy-deps";

/**
 * What the Firestore trigger runs when a request becomes "confirmed". A
 * failure is written on the request for the administrators' page (who can
 * run it again) instead of being retried blindly.
 */
export async function processPrivacyRequest(deps: PrivacyDeps, requestId: string): Promise<void> {
  const ref = privacyRequestsRef(deps.db).doc(requestId);
  const snapshot = await ref.get();
  if (!snapshot.exists) return;
  const record = parseSnapshot(PrivacyRequest, snapshot);
  if (record.status !== "confirmed") return;
  try {
    if (record.kind === "export") await runExport(deps, record);
    else await runDeletion(deps, record);
  } catch (error) {
    console.error(`privacy request ${requestId} (${record.kind}) failed`, error);
    const message = error instanceof Error ? error.message : String(error);
    if ((await ref.get()).exists) await ref.update({ status: "failed", error: message.slice(0, 500) });
  }
}
