/** The Auth emulator's own REST API: read the emails it would have sent, inspect accounts. */
import { emulatorHost, projectId } from "./emulators";

interface OobCode {
  email: string;
  requestType: "VERIFY_EMAIL" | "PASSWORD_RESET" | "EMAIL_SIGNIN";
  oobLink: string;
}

export async function listOobCodes(): Promise<OobCode[]> {
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const response = await fetch(`${origin}/emulator/v1/projects/${projectId}/oobCodes`);
  if (!response.ok) throw new Error(`Auth emulator oobCodes: HTTP ${response.status}`);
  return ((await response.json()) as { oobCodes: OobCode[] }).oobCodes;
}

/** Opens the verification link the Auth emulator "sent" to this address, as the user would. */
export async function verifyEmailThroughEmulator(email: string): Promise<void> {
  const codes = (await listOobCodes()).filter((code) => code.email === email && code.requestType === "VERIFY_EMAIL");
  const last = codes.at(-1);
  if (!last) throw new Error(`No verification email was sent to ${email}`);
  const response = await fetch(last.oobLink);
  if (!response.ok) throw new Error(`Verification link failed: HTTP ${response.status}`);
}

export interface EmulatorAccount {
  localId: string;
  email?: string;
  emailVerified?: boolean;
}

/** Every account in the emulator (admin access via the emulator's "owner" token). */
export async function listAccounts(): Promise<EmulatorAccount[]> {
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const response = await fetch(`${origin}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:query`, {
    method: "POST",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify({ returnUserInfo: true }),
  });
  if (!response.ok) throw new Error(`Auth emulator accounts:query: HTTP ${response.status}`);
  return ((await response.json()) as { userInfo?: EmulatorAccount[] }).userInfo ?? [];
}

/** Creates an email/password account directly, as if a sign-up had stopped before writing users/{uid}. */
export async function createAccountThroughAuthEmulator(email: string, password: string): Promise<string> {
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const response = await fetch(`${origin}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-api-key`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password, returnSecureToken: true }),
  });
  if (!response.ok) throw new Error(`Auth emulator accounts:signUp: HTTP ${response.status}`);
  return ((await response.json()) as { localId: string }).localId;
}

let counter = 0;
/** A unique address per test so that tests never see each other's accounts. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}@example.test`;
}

/** Changes an account with admin access, as the Admin SDK would. */
async function updateAccount(change: Record<string, unknown>): Promise<void> {
  const { origin } = emulatorHost("FIREBASE_AUTH_EMULATOR_HOST");
  const response = await fetch(`${origin}/identitytoolkit.googleapis.com/v1/projects/${projectId}/accounts:update`, {
    method: "POST",
    headers: { Authorization: "Bearer owner", "Content-Type": "application/json" },
    body: JSON.stringify(change),
  });
  if (!response.ok) throw new Error(`Auth emulator accounts:update: HTTP ${response.status}`);
}

/** Marks an account's email verified, as opening the emailed link would. */
export async function markEmailVerified(localId: string): Promise<void> {
  await updateAccount({ localId, emailVerified: true });
}

/** Gives an account the `admin` custom claim, as `npm run admin:grant` does; its next ID token carries it. */
export async function grantAdmin(localId: string): Promise<void> {
  await updateAccount({ localId, customAttributes: JSON.stringify({ admin: true }) });
}
