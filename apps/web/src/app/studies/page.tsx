"use client";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useMemo, useState } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { EMPTY_SEARCH, StudySearchForm, type StudySearchValues } from "@/components/studies/StudySearchForm";
import { StudyTable } from "@/components/studies/StudyTable";
import { formatQuantity } from "@/lib/format";
import { useSession } from "@/lib/session";
import { useStudyList } from "@/lib/studies";
import { buildStudyQueryPlan, dateInputToKey } from "@/lib/study-query";

function EmptyState() {
  return (
    <div className="empty-state">
      <h2>
        No studies yet — <Link href="/upload/" prefetch={false}>upload one</Link>
      </h2>
      <p className="muted">Studies you upload (DICOM files, folders or ZIP archives) appear here, newest first.</p>
    </div>
  );
}

const SEARCH_DELAY_MS = 300;

/** `value`, once it has stopped changing for `delayMs`: one query per pause in typing, not per key. */
function useDebounced<T>(value: T, delayMs: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function StudyRows({ user, values }: { user: User; values: StudySearchValues }) {
  const text = useDebounced(values.text, SEARCH_DELAY_MS);
  const plan = useMemo(
    () => buildStudyQueryPlan({ text, modality: values.modality, from: dateInputToKey(values.from), to: dateInputToKey(values.to), sort: values.sort }),
    [text, values.modality, values.from, values.to, values.sort],
  );
  const live = useStudyList(user.uid, plan);
  const highlight = useSearchParams().get("study");
  if (live.status === "loading") {
    return (
      <p className="muted" aria-busy="true">
        Loading studies…
      </p>
    );
  }
  if (live.status === "error") {
    return (
      <p role="alert" className="error">
        {live.message}
      </p>
    );
  }
  const { rows, hasMore, loadingMore, loadMoreError, loadMore } = live.value;
  const filtered = plan.where.length > 0 || plan.otherTokens.length > 0;
  if (rows.length === 0 && !hasMore) {
    return filtered ? (
      <p role="status" className="muted">
        No studies match.
      </p>
    ) : (
      <EmptyState />
    );
  }
  return (
    <>
      <p role="status" className="muted">
        {formatQuantity(rows.length, "study", "studies")}
        {hasMore ? " shown, more below" : ""}
      </p>
      <StudyTable rows={rows} highlight={highlight} />
      {loadMoreError ? (
        <p role="alert" className="error">
          {loadMoreError}
        </p>
      ) : null}
      {hasMore ? (
        <p className="actions">
          <button type="button" className="secondary" onClick={loadMore} disabled={loadingMore} aria-busy={loadingMore || undefined}>
            {loadingMore ? "Loading…" : "Load more"}
          </button>
        </p>
      ) : null}
    </>
  );
}

/** The Upload button, once the session says the address is verified (email accounts must verify before uploading). */
function UploadButton() {
  const session = useSession();
  if (session.status !== "signedIn" || !session.user.emailVerified) return null;
  return (
    <Link href="/upload/" prefetch={false} className="button">
      Upload studies
    </Link>
  );
}

/**
 * The title and the search form are in the static HTML, painted before
 * Firebase and the session load (they are the page's largest content, so
 * this is its Largest Contentful Paint); only what needs the user waits for
 * the session: the rows, and the notice to verify the address. A signed-out
 * visitor sees them for a moment before going to sign in.
 */
export default function StudiesPage() {
  const [values, setValues] = useState(EMPTY_SEARCH);
  return (
    <section>
      <div className="page-title">
        <h1>Studies</h1>
        <UploadButton />
      </div>
      <StudySearchForm values={values} onChange={setValues} />
      <Suspense>
        <RequireAccount>
          {({ user }) => (
            <>
              {!user.emailVerified ? (
                <p role="status" className="notice">
                  Verify your email to upload studies. <Link href="/verify-email/" prefetch={false}>Resend the link</Link>
                </p>
              ) : null}
              <StudyRows user={user} values={values} />
            </>
          )}
        </RequireAccount>
      </Suspense>
    </section>
  );
}
