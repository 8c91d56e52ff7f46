"use client";
/** `/settings/`: the user's privacy controls, DICOMweb tools and their tokens, this device's cache and their activity log. */
import { RequireAccount } from "@/components/RequireAccount";
import { ActivityLog } from "@/components/settings/ActivityLog";
import { ConnectTool } from "@/components/settings/ConnectTool";
import { DeviceCache } from "@/components/settings/DeviceCache";
import { PrivacyControls } from "@/components/settings/PrivacyControls";

export default function SettingsPage() {
  return (
    <RequireAccount>
      {({ user }) => (
        <section>
          <h1>Settings</h1>
          <PrivacyControls user={user} />
          <ConnectTool user={user} />
          <DeviceCache />
          <ActivityLog uid={user.uid} />
        </section>
      )}
    </RequireAccount>
  );
}
