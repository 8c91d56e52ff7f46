"use client";
import Link from "next/link";
import { RequireAccount } from "@/components/RequireAccount";

export default function StudiesPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <div className="page-title">
            <h1>Studies</h1>
          </div>
          {!user.emailVerified ? (
            <p role="status" className="notice">
              Verify your email to upload studies. <Link href="/verify-email/">Resend the link</Link>
            </p>
          ) : null}
          <div className="empty-state">
            <h2>No studies yet — upload one</h2>
            <p className="muted">Studies you upload (DICOM files, folders or ZIP archives) appear here, newest first.</p>
          </div>
        </section>
      )}
    </RequireAccount>
  );
}
