import type { AuditAction, ShareAccessOutcome } from "@pacs/shared";
import type { ApiRequest } from "../http/api-request";
import { recordAudit } from "../audit/audit-log";
import { coarseLocation, describeBrowser } from "./client-info";
import { clock, type ShareDeps } from "./share-deps";
import { shareRefs } from "./share-refs";

/** Who is on the other end of a share link: the address (for lockouts only, never stored) and the browser. */
export interface ShareVisitor {
  address: string;
  /** Whether something we trust vouches for the address (client-info.ts); if not, it counts with every other such caller. */
  addressTrusted: boolean;
  userAgent?: string | undefined;
}

export function visitorOf(request: ApiRequest): ShareVisitor {
  const trusted = request.client?.addressTrusted === true;
  return { address: trusted ? request.client!.address : "unknown", addressTrusted: trusted, userAgent: request.client?.userAgent };
}

/**
 * Records what a recipient did, in the link's access log and/or the owner's
 * audit log. The country is looked up once for both, and the two say the
 * same: "United Kingdom", "Chrome 141 on Linux".
 */
export async function recordRecipientAccess(
  deps: ShareDeps,
  /** `deidentified`: the link shares a de-identified copy, and its access log says so. */
  where: { ownerUid: string; linkId: string; StudyInstanceUID?: string; deidentified?: boolean },
  visitor: ShareVisitor,
  event: { accessLog?: ShareAccessOutcome; audit?: AuditAction },
  at: Date = clock(deps),
): Promise<void> {
  const location = coarseLocation(visitor.address);
  const browser = describeBrowser(visitor.userAgent);
  if (event.accessLog) await shareRefs(deps.db).accessLog(where.ownerUid, where.linkId).add({ at, outcome: event.accessLog, location, browser, ...(where.deidentified ? { deidentified: true } : {}) });
  if (event.audit) {
    await recordAudit(
      deps.db,
      where.ownerUid,
      {
        action: event.audit,
        actor: "share-recipient",
        ...(where.StudyInstanceUID ? { StudyInstanceUID: where.StudyInstanceUID } : {}),
        linkId: where.linkId,
        client: `${location} · ${browser}`,
      },
      at,
    );
  }
}
