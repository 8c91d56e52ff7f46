/**
 * storage.rules, enforced by the Storage emulator through our rules runtime:
 * browsers may only create files under their own upload prefix; nobody reads,
 * lists, overwrites or deletes from a client; server paths are closed.
 */
import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { deleteObject, getBytes, getMetadata, listAll, ref, updateMetadata, uploadBytes } from "firebase/storage";
import { createStorageRulesEnvironment, readRulesFile } from "../support/rules-env";

const ALICE = "alice";
const BOB = "bob";
const DICOM = { contentType: "application/dicom" };
const bytes = (size: number) => new Uint8Array(size).fill(7);

let env: RulesTestEnvironment;

function storageAs(uid: string, emailVerified = true) {
  return env.authenticatedContext(uid, { email: `${uid}@example.test`, email_verified: emailVerified }).storage();
}

beforeAll(async () => {
  env = await createStorageRulesEnvironment();
});
afterAll(async () => {
  await env?.cleanup();
});

describe("uploads/{uid}/{batchId}/{fileName}", () => {
  it("lets a verified user create a DICOM file under their own prefix", async () => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/batch-1/IM0001.dcm`), bytes(128), DICOM));
  });

  it.each(["application/zip", "application/octet-stream"])("accepts the content type %s", async (contentType) => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/batch-1/file-${contentType.length}`), bytes(16), { contentType }));
  });

  it("refuses another user's prefix", async () => {
    await assertFails(uploadBytes(ref(storageAs(BOB), `uploads/${ALICE}/batch-1/evil.dcm`), bytes(16), DICOM));
  });

  it("refuses a signed-out visitor", async () => {
    const anonymous = env.unauthenticatedContext().storage();
    await assertFails(uploadBytes(ref(anonymous, `uploads/${ALICE}/batch-1/anon.dcm`), bytes(16), DICOM));
  });

  it("refuses a user whose email is not verified", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE, false), `uploads/${ALICE}/batch-1/unverified.dcm`), bytes(16), DICOM));
  });

  it("refuses an empty file", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/batch-1/empty.dcm`), bytes(0), DICOM));
  });

  it.each(["text/html", "image/svg+xml", "application/javascript"])("refuses the content type %s", async (contentType) => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/batch-1/page`), bytes(16), { contentType }));
  });

  it("refuses paths outside the batch layout", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/no-batch.dcm`), bytes(16), DICOM));
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/batch-1/nested/deeper.dcm`), bytes(16), DICOM));
  });

  it("refuses overwriting or changing a file already uploaded", async () => {
    const path = `uploads/${ALICE}/batch-2/IM0001.dcm`;
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
    await assertFails(uploadBytes(ref(storageAs(ALICE), path), bytes(32), DICOM));
    await assertFails(updateMetadata(ref(storageAs(ALICE), path), { customMetadata: { x: "y" } }));
  });

  it("refuses every read, list and delete, even by the owner", async () => {
    const path = `uploads/${ALICE}/batch-3/IM0001.dcm`;
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
    await assertFails(getBytes(ref(storageAs(ALICE), path)));
    await assertFails(getMetadata(ref(storageAs(ALICE), path)));
    await assertFails(listAll(ref(storageAs(ALICE), `uploads/${ALICE}/batch-3`)));
    await assertFails(deleteObject(ref(storageAs(ALICE), path)));
    await assertFails(getBytes(ref(storageAs(BOB), path)));
  });
});

describe("the size limit", () => {
  // The real limit is 2 GiB (a unit test ties it to MAX_UPLOAD_FILE_BYTES); the
  // same rules with a 1 KiB limit show that the comparison itself holds.
  let smallLimit: RulesTestEnvironment;
  beforeAll(async () => {
    const rules = readRulesFile("storage.rules").replace(/return 2147483648;/, "return 1024;");
    expect(rules).toContain("return 1024;");
    smallLimit = await createStorageRulesEnvironment(rules);
  });
  afterAll(async () => {
    await smallLimit?.cleanup();
    // Put the real rules back for the suites that follow.
    await createStorageRulesEnvironment().then((restored) => restored.cleanup());
  });

  it("accepts a file at the limit and refuses one byte more", async () => {
    const storage = smallLimit.authenticatedContext(ALICE, { email_verified: true }).storage();
    await assertSucceeds(uploadBytes(ref(storage, `uploads/${ALICE}/limit/at.dcm`), bytes(1024), DICOM));
    await assertFails(uploadBytes(ref(storage, `uploads/${ALICE}/limit/over.dcm`), bytes(1025), DICOM));
  });
});

describe("server-owned paths", () => {
  it.each(["instances/alice/1.2.3/1.2.3.4.dcm", "thumbnails/alice/1.2.3.png", "exports/alice/export.zip", "anything/else"])(
    "refuses client writes and reads of %s",
    async (path) => {
      await assertFails(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
      await assertFails(getBytes(ref(storageAs(ALICE), path)));
    },
  );
});
