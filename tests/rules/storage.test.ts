/**
 * storage.rules, enforced by the Storage emulator through our rules runtime:
 * browsers may only create files under their own upload prefix, with ids the
 * server accepts and their relative path in metadata; nobody reads, lists,
 * overwrites or deletes from a client; server paths are closed.
 */
import { assertFails, assertSucceeds, type RulesTestEnvironment } from "@firebase/rules-unit-testing";
import { deleteObject, getBytes, getMetadata, listAll, ref, updateMetadata, uploadBytes } from "firebase/storage";
import { buildInstancePath } from "@pacs/shared";
import { createStorageRulesEnvironment, readRulesFile } from "../support/rules-env";

const ALICE = "alice";
const BOB = "bob";
const BATCH = "batch-0001";
/** What the upload page sends: a content type and the file's path inside the dropped folder. */
const upload = (contentType: string, relativePath = "CD/DICOM/IM0001") => ({ contentType, customMetadata: { relativePath } });
const DICOM = upload("application/dicom");
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

describe("uploads/{uid}/{batchId}/{fileId}", () => {
  it("lets a verified user create a DICOM file under their own prefix", async () => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/IM0001.dcm`), bytes(128), DICOM));
  });

  it.each(["application/zip", "application/octet-stream"])("accepts the content type %s", async (contentType) => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/file-${contentType.length}`), bytes(16), upload(contentType)));
  });

  it("refuses another user's prefix", async () => {
    await assertFails(uploadBytes(ref(storageAs(BOB), `uploads/${ALICE}/${BATCH}/evil.dcm`), bytes(16), DICOM));
  });

  it("refuses a signed-out visitor", async () => {
    const anonymous = env.unauthenticatedContext().storage();
    await assertFails(uploadBytes(ref(anonymous, `uploads/${ALICE}/${BATCH}/anon.dcm`), bytes(16), DICOM));
  });

  it("refuses a user whose email is not verified", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE, false), `uploads/${ALICE}/${BATCH}/unverified.dcm`), bytes(16), DICOM));
  });

  it("refuses an empty file", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/empty.dcm`), bytes(0), DICOM));
  });

  it.each(["text/html", "image/svg+xml", "application/javascript"])("refuses the content type %s", async (contentType) => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/page`), bytes(16), upload(contentType)));
  });

  it("refuses paths outside the batch layout", async () => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/no-batch.dcm`), bytes(16), DICOM));
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/nested/deeper.dcm`), bytes(16), DICOM));
  });

  it.each(["b-1", "x".repeat(65), "batch.0001", "batch 0001", "batch~0001"])("refuses the batch id %j", async (batchId) => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${batchId}/IM0001`), bytes(16), DICOM));
  });

  it("accepts batch ids of 8 and 64 characters", async () => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${"b".repeat(8)}/IM0001`), bytes(16), DICOM));
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${"b".repeat(64)}/IM0001`), bytes(16), DICOM));
  });

  it.each([".hidden", "..", "f".repeat(65), "IM 0001", "IM0001~", "IMÄ0001"])("refuses the file id %j", async (fileId) => {
    await assertFails(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/${fileId}`), bytes(16), DICOM));
  });

  it("accepts file ids of 1 and 64 characters", async () => {
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/7`), bytes(16), DICOM));
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), `uploads/${ALICE}/${BATCH}/${"f".repeat(64)}`), bytes(16), DICOM));
  });

  it("refuses a file without its relative path in metadata", async () => {
    const storage = storageAs(ALICE);
    await assertFails(uploadBytes(ref(storage, `uploads/${ALICE}/${BATCH}/no-metadata`), bytes(16), { contentType: "application/dicom" }));
    await assertFails(
      uploadBytes(ref(storage, `uploads/${ALICE}/${BATCH}/other-metadata`), bytes(16), {
        contentType: "application/dicom",
        customMetadata: { name: "IM0001" },
      }),
    );
  });

  it("refuses an empty or over-long relative path and accepts one of 1024 characters", async () => {
    const storage = storageAs(ALICE);
    await assertFails(uploadBytes(ref(storage, `uploads/${ALICE}/${BATCH}/empty-path`), bytes(16), upload("application/dicom", "")));
    await assertFails(uploadBytes(ref(storage, `uploads/${ALICE}/${BATCH}/long-path`), bytes(16), upload("application/dicom", "p".repeat(1025))));
    await assertSucceeds(uploadBytes(ref(storage, `uploads/${ALICE}/${BATCH}/max-path`), bytes(16), upload("application/dicom", "p".repeat(1024))));
  });

  it("refuses overwriting or changing a file already uploaded", async () => {
    const path = `uploads/${ALICE}/batch-0002/IM0001.dcm`;
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
    await assertFails(uploadBytes(ref(storageAs(ALICE), path), bytes(32), DICOM));
    await assertFails(updateMetadata(ref(storageAs(ALICE), path), { customMetadata: { x: "y" } }));
  });

  it("refuses every read, list and delete, even by the owner", async () => {
    const path = `uploads/${ALICE}/batch-0003/IM0001.dcm`;
    await assertSucceeds(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
    await assertFails(getBytes(ref(storageAs(ALICE), path)));
    await assertFails(getMetadata(ref(storageAs(ALICE), path)));
    await assertFails(listAll(ref(storageAs(ALICE), `uploads/${ALICE}/batch-0003`)));
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
    await assertSucceeds(uploadBytes(ref(storage, `uploads/${ALICE}/limit-batch/at.dcm`), bytes(1024), DICOM));
    await assertFails(uploadBytes(ref(storage, `uploads/${ALICE}/limit-batch/over.dcm`), bytes(1025), DICOM));
  });
});

describe("server-owned paths", () => {
  it.each([
    "instances/alice/1.2.3/1.2.3.4.dcm",
    "thumbnails/alice/1.2.3.png",
    "exports/alice/export.zip",
    // A de-identified link's copies and ZIPs: recipients get them through signed URLs only.
    "deidentified/alice/link-0001/2.25.1/2.25.2/2.25.3.dcm",
    "deidentified/alice/link-0001/zip/1/Case_12.zip",
    "anything/else",
  ])(
    "refuses client writes and reads of %s",
    async (path) => {
      await assertFails(uploadBytes(ref(storageAs(ALICE), path), bytes(16), DICOM));
      await assertFails(getBytes(ref(storageAs(ALICE), path)));
    },
  );
});

describe("instances/{uid}/...", () => {
  // Stored instances reach viewers only through signed URLs minted by the
  // server after its own ownership check; even the owner has no client access.
  const path = buildInstancePath(ALICE, "1.2.3", "1.2.3.4", "1.2.3.4.5");

  beforeAll(async () => {
    await env.withSecurityRulesDisabled(async (context) => {
      await uploadBytes(ref(context.storage(), path), bytes(16), { contentType: "application/dicom" });
    });
  });

  it("refuses the owner every read, even of their own stored instance", async () => {
    const storage = storageAs(ALICE);
    await assertFails(getBytes(ref(storage, path)));
    await assertFails(getMetadata(ref(storage, path)));
    await assertFails(listAll(ref(storage, `instances/${ALICE}`)));
  });

  it("refuses the owner every write", async () => {
    const storage = storageAs(ALICE);
    await assertFails(uploadBytes(ref(storage, buildInstancePath(ALICE, "1.2.3", "1.2.3.4", "1.2.3.4.6")), bytes(16), DICOM));
    await assertFails(uploadBytes(ref(storage, path), bytes(16), DICOM));
    await assertFails(updateMetadata(ref(storage, path), { customMetadata: { relativePath: "x" } }));
    await assertFails(deleteObject(ref(storage, path)));
  });
});
