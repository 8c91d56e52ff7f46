/** Privacy requests from the browser: asking, confirming by the emailed link, downloading an export, and the admin's actions. */
import { DeletionProof, PrivacyRequest, type PrivacyRequestKind } from "@pacs/shared";
import { collection, onSnapshot, orderBy, query, where } from "firebase/firestore";
import { z } from "zod";
import { callApi } from "./api-call";
import { schemaConverter } from "./firestore-schema";
import type { TokenSource } from "./uploads-api";
import { useLive, type Live } from "./use-live";

const converter = schemaConverter(PrivacyRequest);
const proofConverter = schemaConverter(DeletionProof);

export async function requestPrivacyAction(user: TokenSource, kind: PrivacyRequestKind): Promise<{ email: string }> {
  const body = await callApi({ method: "POST", path: "/api/privacy-requests", user, body: { kind }, doing: kind === "export" ? "ask for your data" : "ask to delete your account" });
  return z.object({ email: z.string() }).parse(body);
}

export async function confirmPrivacyRequest(requestId: string, token: string): Promise<{ kind: PrivacyRequestKind; status: string }> {
  const body = await callApi({ method: "POST", path: "/api/privacy-requests/confirm", body: { requestId, token }, doing: "confirm the request" });
  return z.object({ kind: z.enum(["export", "deletion"]), status: z.string() }).parse(body);
}

export async function exportDownloadUrl(requestId: string, token: string): Promise<string> {
  const body = await callApi({ method: "POST", path: "/api/privacy-exports/download", body: { requestId, token }, doing: "download your export" });
  return z.object({ url: z.string().url() }).parse(body).url;
}

export async function recordEmailedRequest(admin: TokenSource, input: { email: string; kind: PrivacyRequestKind; note?: string }): Promise<void> {
  await callApi({ method: "POST", path: "/api/admin/privacy-requests", user: admin, body: input, doing: "record the request" });
}

export async function runVerifiedRequest(admin: TokenSource, requestId: string): Promise<void> {
  await callApi({ method: "POST", path: `/api/admin/privacy-requests/${encodeURIComponent(requestId)}/run`, user: admin, doing: "run the request" });
}

/** The user's own requests (the rules allow only this query), or every request for an administrator. */
export function usePrivacyRequests(uid: string | null): Live<PrivacyRequest[]> {
  return useLive(`privacy-requests/${uid ?? "all"}`, uid ? "your privacy requests" : "privacy requests", (db, next, fail) => {
    const all = collection(db, "privacyRequests").withConverter(converter);
    const scoped = uid ? query(all, where("uid", "==", uid), orderBy("createdAt", "desc")) : query(all, orderBy("createdAt", "desc"));
    return onSnapshot(scoped, (snapshot) => next(snapshot.docs.map((doc) => doc.data())), fail);
  });
}

/** "12 days left", "due today", "3 days overdue". */
export function describeDue(dueAt: Date, now: Date): { text: string; overdue: boolean } {
  const days = Math.ceil((dueAt.getTime() - now.getTime()) / 86_400_000);
  if (days > 1) return { text: `${days} days left`, overdue: false };
  if (days === 1) return { text: "1 day left", overdue: false };
  if (days === 0) return { text: "due today", overdue: false };
  return { text: `${-days} day${days === -1 ? "" : "s"} overdue`, overdue: true };
}

/** Completed deletions (administrators only): all that remains of each account. */
export function useDeletionProofs(): Live<DeletionProof[]> {
  return useLive("deletion-proofs", "deletion proofs", (db, next, fail) =>
    onSnapshot(query(collection(db, "deletionProofs").withConverter(proofConverter), orderBy("completedAt", "desc")), (snapshot) => next(snapshot.docs.map((doc) => doc.data())), fail),
  );
}
