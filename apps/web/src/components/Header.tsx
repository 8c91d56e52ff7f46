"use client";
import { PRODUCT_NAME } from "@pacs/shared";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { getFirebase } from "@/lib/firebase";
import { useSession } from "@/lib/session";
import { signOutOfDevice } from "@/lib/sign-out";

export function Header() {
  const session = useSession();
  const router = useRouter();

  async function handleSignOut() {
    const { auth } = await getFirebase();
    await signOutOfDevice(auth);
    router.replace("/signin/");
  }

  // No link prefetches (here, in the footer and in the study list): prefetching
  // every link in view fetched each target's route payload and scripts (the
  // upload page's with the Storage SDK) while the page was still starting
  // (docs/performance.md, "Study list page"); a static route loads on click.
  const accountName = session.status === "signedIn" ? session.profile?.displayName || session.user.email : "";
  return (
    <header className="site-header">
      <Link href="/" prefetch={false} className="brand">
        {PRODUCT_NAME}
      </Link>
      {session.status === "signedIn" ? (
        <nav aria-label="Main" className="nav">
          <Link href="/studies/" prefetch={false}>Studies</Link>
          <Link href="/upload/" prefetch={false}>Upload</Link>
          <Link href="/shares/" prefetch={false}>Shared links</Link>
          <details className="user-menu">
            {/* The name holds the visible text too (WCAG 2.5.3, label in name). */}
            <summary aria-label={`Account menu: ${accountName}`}>{accountName}</summary>
            <div className="menu" role="menu">
              <Link href="/profile/" prefetch={false} role="menuitem">
                Profile
              </Link>
              <Link href="/settings/" prefetch={false} role="menuitem">
                Settings &amp; privacy
              </Link>
              <button type="button" role="menuitem" onClick={handleSignOut}>
                Sign out
              </button>
            </div>
          </details>
        </nav>
      ) : session.status === "signedOut" ? (
        <nav aria-label="Main" className="nav">
          <Link href="/signin/" prefetch={false}>Sign in</Link>
          <Link href="/signup/" prefetch={false} className="button">
            Create account
          </Link>
        </nav>
      ) : null}
    </header>
  );
}
