"use client";
import type { User } from "firebase/auth";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { Suspense } from "react";
import { RequireAccount } from "@/components/RequireAccount";
import { StudyTable } from "@/components/studies/StudyTable";
import { formatQuantity } from "@/lib/format";
import { useStudies } from "@/lib/studies";

function EmptyState() {
  return (
    <div className="empty-state">
      <h2>
        No studies yet — <Link href="/upload/">upload one</Link>
      </h2>
      <p className="muted">Studies you upload (DICOM files, folders or ZIP archives) appear here, newest first.</p>
    </div>
  );
}

function StudyList({ user }: { user: User }) {
  const live = useStudies(user.uid);
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
  if (live.value.length === 0) return <EmptyState />;
  return (
    <>
      <p className="muted">{formatQuantity(live.value.length, "study", "studies")}</p>
      <StudyTable rows={live.value} highlight={highlight} />
    </>
  );
}

export default function StudiesPage() {
  return (
    <Suspense>
      <RequireAccount>
        {({ user }) => (
          <section>
            <div className="page-title">
              <h1>Studies</h1>
              {user.emailVerified ? (
                <Link href="/upload/" className="button">
                  Upload studies
                </Link>
              ) : null}
            </div>
            {!user.emailVerified ? (
              <p role="status" className="notice">
                Verify your email to upload studies. <Link href="/verify-email/">Resend the link</Link>
              </p>
            ) : null}
            <StudyList user={user} />
          </section>
        )}
      </RequireAccount>
    </Suspense>
  );
}
