"use client";
/** `/settings/`: the user's privacy controls, this device's cache and their activity log. */
import { RequireAccount } from "@/components/RequireAccount";
import { ActivityLog } from "@/components/settings/ActivityLog";
import { DeviceCache } from "@/components/settings/DeviceCache";
import { PrivacyControls } from "@/components/settings/PrivacyControls";

export default function SettingsPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <h1>Settings</h1>
          <PrivacyControls user={user} />
          <DeviceCache />
          <ActivityLog uid={user.uid} />
        </section>
      )}
    </RequireAccount>
  );
}
