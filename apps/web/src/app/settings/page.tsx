"use client";
/** `/settings/`: the user's privacy controls and their activity log. */
import { RequireAccount } from "@/components/RequireAccount";
import { ActivityLog } from "@/components/settings/ActivityLog";
import { PrivacyControls } from "@/components/settings/PrivacyControls";

export default function SettingsPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <h1>Settings</h1>
          <PrivacyControls user={user} />
          <ActivityLog uid={user.uid} />
        </section>
      )}
    </RequireAccount>
  );
}
