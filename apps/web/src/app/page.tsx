"use client";
import { PRODUCT_NAME } from "@pacs/shared";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useSession } from "@/lib/session";

export default function HomePage() {
  const session = useSession();
  const router = useRouter();
  useEffect(() => {
    if (session.status === "signedIn") router.replace("/studies/");
  }, [session.status, router]);

  return (
    <section className="hero">
      <h1>{PRODUCT_NAME}</h1>
      <p className="lead">
        Your medical images in the cloud: upload DICOM studies, find them in seconds, read them in the OHIF viewer, and share
        time-limited links.
      </p>
      <div className="actions">
        <Link href="/signup/" className="button">
          Create account
        </Link>
        <Link href="/signin/" className="button secondary">
          Sign in
        </Link>
      </div>
    </section>
  );
}
