"use client";
import { DisplayName, type UserProfile } from "@pacs/shared";
import { sendPasswordResetEmail, updateProfile, type User } from "firebase/auth";
import { useState, type FormEvent } from "react";
import { Field } from "@/components/Field";
import { RequireAccount } from "@/components/RequireAccount";
import { StorageUsage } from "@/components/StorageUsage";
import { describeError } from "@/lib/auth-errors";
import { getFirebase } from "@/lib/firebase";
import { updateDisplayName } from "@/lib/users";

function ProfileForm({ user, profile }: { user: User; profile: UserProfile }) {
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [status, setStatus] = useState<{ kind: "error" | "ok"; text: string }>();

  async function handleSave(event: FormEvent) {
    event.preventDefault();
    const parsed = DisplayName.safeParse(displayName);
    if (!parsed.success) {
      setStatus({ kind: "error", text: parsed.error.issues[0]?.message ?? "Invalid name." });
      return;
    }
    try {
      const { db } = await getFirebase();
      await updateDisplayName(db, user.uid, parsed.data);
      await updateProfile(user, { displayName: parsed.data });
      setStatus({ kind: "ok", text: "Saved." });
    } catch (error) {
      setStatus({ kind: "error", text: describeError(error) });
    }
  }

  async function handlePasswordReset() {
    if (!user.email) return;
    try {
      const { auth } = await getFirebase();
      await sendPasswordResetEmail(auth, user.email);
      setStatus({ kind: "ok", text: `We sent a password reset link to ${user.email}.` });
    } catch (error) {
      setStatus({ kind: "error", text: describeError(error) });
    }
  }

  return (
    <section className="card">
      <h1>Profile</h1>
      <form onSubmit={handleSave} noValidate>
        <Field id="displayName" label="Name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        <div className="field">
          <span className="label">Email</span>
          <span data-testid="profile-email">{user.email ?? "—"}</span>{" "}
          <span className={user.emailVerified ? "badge ok" : "badge warn"}>{user.emailVerified ? "verified" : "not verified"}</span>
        </div>
        <div className="field">
          <span className="label">Storage</span>
          <StorageUsage profile={profile} />
        </div>
        <div className="field">
          <span className="label">Privacy Policy</span>
          <span>
            version {profile.policyVersion}, accepted {profile.policyAcceptedAt.toLocaleString()}
          </span>
        </div>
        {status ? (
          <p role={status.kind === "error" ? "alert" : "status"} className={status.kind === "error" ? "error" : "success"}>
            {status.text}
          </p>
        ) : null}
        <div className="actions">
          <button type="submit">Save</button>
          {user.email && user.providerData.some((p) => p.providerId === "password") ? (
            <button type="button" className="secondary" onClick={handlePasswordReset}>
              Change password
            </button>
          ) : null}
        </div>
      </form>
    </section>
  );
}

export default function ProfilePage() {
  return <RequireAccount>{(account) => <ProfileForm {...account} />}</RequireAccount>;
}
