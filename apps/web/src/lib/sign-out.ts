/**
 * Signing out, from every place that offers it: the device cache is switched off and emptied
 * first, so that nothing of this account's studies stays in the browser for the next person.
 */
import { signOut as signOutOfFirebase, type Auth } from "firebase/auth";
import { switchDeviceCacheOff } from "./device-cache";

export async function signOutOfDevice(auth: Auth): Promise<void> {
  try {
    await switchDeviceCacheOff();
  } catch (error) {
    // The sign-out itself must still happen; the session watcher tries the cache again (session.tsx).
    console.error("The device cache could not be cleared at sign-out.", error);
  }
  await signOutOfFirebase(auth);
}
