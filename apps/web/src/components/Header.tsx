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

  return (
    <header className="site-header">
      <Link href="/" className="brand">
        {PRODUCT_NAME}
      </Link>
      {session.status === "signedIn" ? (
        <nav aria-label="Main" className="nav">
          <Link href="/studies/">Studies</Link>
          <Link href="/upload/">Upload</Link>
          <Link href="/shares/">Shared links</Link>
          <details className="user-menu">
            <summary aria-label="Account menu">{session.profile?.displayName || session.user.email}</summary>
            <div className="menu" role="menu">
              <Link href="/profile/" role="menuitem">
                Profile
              </Link>
              <Link href="/settings/" role="menuitem">
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
          <Link href="/signin/">Sign in</Link>
          <Link href="/signup/" className="button">
            Create account
          </Link>
        </nav>
      ) : null}
    </header>
  );
}
