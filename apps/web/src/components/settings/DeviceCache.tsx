"use client";
/**
 * Settings → This device: keeping opened studies in this browser (off by default), how much it
 * keeps, and "Clear now". The choice belongs to this browser, not to the account.
 */
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import { StatusMessage } from "@/components/StatusMessage";
import { formatBytes, formatQuantity } from "@/lib/format";
import { clearDeviceCache, readDeviceCacheState, switchDeviceCacheOff, switchDeviceCacheOn, type DeviceCacheState } from "@/lib/device-cache";
import { useAction } from "@/lib/use-action";

export function DeviceCache() {
  const [state, setState] = useState<DeviceCacheState | null>(null);
  const action = useAction();
  const refresh = useCallback(() => readDeviceCacheState().then(setState), []);

  useEffect(() => {
    refresh().catch((error: unknown) => console.warn("The device cache could not be read.", error));
  }, [refresh]);

  const run = (change: () => Promise<void>, done: string) =>
    action.run(async () => {
      await change();
      await refresh();
      return done;
    });
  const toggle = (on: boolean) =>
    run(on ? switchDeviceCacheOn : switchDeviceCacheOff, on ? "Studies you open in the viewer from now on are kept on this device." : "Switched off; everything kept on this device was deleted.");

  return (
    <section className="card" aria-labelledby="device-cache-title">
      <h2 id="device-cache-title">This device</h2>
      <div className="field checkbox">
        <input id="device-cache" type="checkbox" checked={state?.on ?? false} disabled={!state || action.busy} onChange={(event) => toggle(event.target.checked)} />
        <label htmlFor="device-cache">Keep studies I open on this device, so that they open again without downloading their images</label>
      </div>
      <p className="muted">
        Off unless you switch it on, and only for this browser. The images of studies you open in the viewer stay in this browser&apos;s storage,
        unencrypted, until you clear them or sign out; studies opened through share links are never kept. Use it only on a device that you alone
        use. See the <Link href="/privacy/">Privacy Policy</Link>.
      </p>
      <p data-testid="device-cache-size">
        {state ? `Kept on this device: ${formatBytes(state.bytes)} (${formatQuantity(state.entries, "image file")})` : "Reading what this device keeps…"}
      </p>
      <button type="button" className="secondary" onClick={() => run(clearDeviceCache, "Everything kept on this device was deleted.")} disabled={!state || action.busy}>
        Clear now
      </button>
      <StatusMessage state={action} />
    </section>
  );
}
