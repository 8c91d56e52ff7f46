// Talks to the runtime jar the way firebase-tools 14.27.0 does
// (node_modules/firebase-tools/lib/emulator/storage/rules/runtime.js): JSON lines on stdin, one
// JSON message per stdout chunk, variables built as runtime.js / files.js / metadata.js build them.
import { execFile, execFileSync, spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const BUILD_SCRIPT = path.resolve(__dirname, "..", "build.mjs");

/** Same lookup as build.mjs (which is an ES module, so it is run rather than imported here). */
function findGcloudJar(): string | null {
  const fromEnv = process.env.GCLOUD_FIRESTORE_EMULATOR_JAR;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  try {
    const listing = execFileSync("dpkg", ["-L", "google-cloud-cli-firestore-emulator"], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return listing.split("\n").find((l) => l.endsWith("emulator.jar") && existsSync(l)) ?? null;
  } catch {
    return null;
  }
}

const GCLOUD_JAR = findGcloudJar();
if (!GCLOUD_JAR) {
  console.warn(
    "storage-rules-runtime tests SKIPPED: the gcloud Firestore emulator jar (Debian package " +
      "google-cloud-cli-firestore-emulator) is not installed, so there is no rules engine to host.",
  );
}
const describeIfEngine = GCLOUD_JAR ? describe : describe.skip;
const SUITE = GCLOUD_JAR
  ? "storage rules runtime (hosting the gcloud Firestore emulator's rules engine)"
  : "storage rules runtime - SKIPPED: gcloud Firestore emulator jar not installed";

// A JVM start, a javac build and a rules compile each take seconds on a busy 2-core machine.
jest.setTimeout(30_000);

// ---------------------------------------------------------------------------------------------
// ExpressionValue builders: a port of runtime.js' toExpressionValue / createRequestExpressionValue
// and of metadata.js' asRulesResource, so the runtime sees exactly what the emulator sends.

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Plain = undefined | null | boolean | number | string | Date | Plain[] | { [k: string]: Plain };

/** metadata.js toSerializedDate: YYYY-MM-DDTHH:MM:SS.mmmZ in UTC. */
function toSerializedDate(d: Date): string {
  const pad = (n: number, w = 2) => n.toString().padStart(w, "0");
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
  return `${day}T${time}Z`;
}

function toExpressionValue(obj: Plain): Json {
  if (typeof obj === "string") return { string_value: obj };
  if (typeof obj === "boolean") return { bool_value: obj };
  if (typeof obj === "number") {
    return Math.floor(obj) === obj ? { int_value: obj } : { float_value: obj };
  }
  if (obj instanceof Date) return { timestamp_value: toSerializedDate(obj) };
  if (Array.isArray(obj)) return { list_value: { values: obj.map(toExpressionValue) } };
  if (obj == null) return { null_value: null };
  const fields: Record<string, Json> = {};
  for (const key of Object.keys(obj)) fields[key] = toExpressionValue(obj[key]);
  return { map_value: { fields } };
}

/** A fake unsigned Firebase ID token; runtime.js only jwt.decode()s it. */
function idToken(uid: string): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    iss: "https://securetoken.google.com/demo-srt",
    aud: "demo-srt",
    auth_time: now,
    user_id: uid,
    sub: uid,
    iat: now,
    exp: now + 3600,
    firebase: { identities: {}, sign_in_provider: "custom" },
  };
  return `${b64({ alg: "none", typ: "JWT" })}.${b64(payload)}.`;
}

function authValue(token: string | undefined): Json {
  if (!token) return { null_value: null };
  const payload = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()) as {
    user_id: string;
  } & Record<string, Plain>;
  return toExpressionValue({ uid: payload.user_id, token: payload });
}

/** metadata.js StoredFileMetadata#asRulesResource, for an object stored by the emulator. */
function rulesResource(
  name: string,
  opts: { size: number; contentType?: string; metadata?: Record<string, string> },
): Record<string, Plain> {
  const created = new Date("2025-01-02T03:04:05.678Z");
  return {
    name,
    bucket: "demo-srt.appspot.com",
    generation: 1735787045678,
    metageneration: 1,
    size: opts.size,
    timeCreated: created,
    updated: created,
    md5Hash: "1B2M2Y8AsgTpgAmY7PhCfg==",
    crc32c: "0",
    etag: "dGVzdA",
    contentDisposition: undefined,
    contentEncoding: undefined,
    contentType: opts.contentType ?? "application/octet-stream",
    metadata: opts.metadata ?? {},
  };
}

type Method = "get" | "list" | "create" | "update" | "delete";

/** runtime.js verifyWithRuleset: the context of a verify request. */
function verifyContext(
  rulesetName: string,
  opts: {
    method: Method;
    objectPath: string; // as files.js builds it: ["b", bucket, "o", objectId].join("/")
    uid?: string;
    before?: Record<string, Plain>;
    after?: Record<string, Plain>;
  },
): Json {
  let p = opts.objectPath;
  if (!p.startsWith("/")) p = `/${p}`;
  if (p.endsWith("/")) p = p.slice(0, -1);
  const token = opts.uid ? idToken(opts.uid) : undefined;
  const request = {
    map_value: {
      fields: {
        path: {
          path_value: {
            segments: p.split("/").filter((s) => s).map((simple) => ({ simple })),
          },
        },
        time: toExpressionValue(new Date()),
        resource: toExpressionValue(opts.after ?? null),
        auth: token ? authValue(token) : { null_value: null },
      },
    },
  };
  return {
    rulesetName,
    service: "firebase.storage",
    path: p,
    method: opts.method,
    delimiter: opts.method === "list" ? "/" : undefined,
    variables: { resource: toExpressionValue(opts.before ?? null), request },
  } as unknown as Json;
}

// ---------------------------------------------------------------------------------------------
// A stand-in for runtime.js: spawns the jar and parses each stdout chunk as ONE message, exactly
// as firebase-tools does (a chunk holding two messages is a protocol violation it cannot recover).

type Message = Record<string, any>;
/** Messages already handed to a waiter, so each reply is consumed once. */
const claimed = new WeakSet<Message>();

class RuntimeProcess {
  readonly child: ChildProcessWithoutNullStreams;
  readonly messages: Message[] = [];
  readonly unparsableChunks: string[] = [];
  stderr = "";
  private waiters: { match: (m: Message) => boolean; resolve: (m: Message) => void }[] = [];
  private nextId = 100;

  constructor(jar: string, logFile: string) {
    this.child = spawn("java", ["-Duser.language=en", "-jar", jar, "serve"], {
      env: { ...process.env, STORAGE_RULES_RUNTIME_LOG: logFile },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.on("data", (b: Buffer) => (this.stderr += b.toString()));
    this.child.stdout.on("data", (b: Buffer) => {
      const text = b.toString("utf8").trim();
      if (!text) return;
      let message: Message;
      try {
        message = JSON.parse(text) as Message;
      } catch {
        this.unparsableChunks.push(text);
        return;
      }
      this.messages.push(message);
      const i = this.waiters.findIndex((w) => w.match(message));
      if (i >= 0) this.waiters.splice(i, 1)[0]!.resolve(message);
    });
  }

  id(): number {
    return this.nextId++;
  }

  send(raw: string): void {
    this.child.stdin.write(`${raw}\n`);
  }

  /** The next message matching `match` (or one already received and not yet claimed). */
  waitFor(match: (m: Message) => boolean, timeoutMs = 15000): Promise<Message> {
    const seen = this.messages.find((m) => match(m) && !claimed.has(m));
    if (seen) {
      claimed.add(seen);
      return Promise.resolve(seen);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("timed out waiting for runtime reply")), timeoutMs);
      this.waiters.push({
        match: (m) => match(m) && !claimed.has(m),
        resolve: (m) => {
          clearTimeout(timer);
          claimed.add(m);
          resolve(m);
        },
      });
    });
  }

  reply(id: number): Promise<Message> {
    return this.waitFor((m) => m.id === id || m.server_request_id === id);
  }

  async request(action: string, context: Json): Promise<Message> {
    const id = this.id();
    const reply = this.reply(id);
    this.send(JSON.stringify({ action, context, id }));
    return reply;
  }

  async load(rulesetName: string, content: string, fileName = "storage.rules"): Promise<Message> {
    return this.request("load_ruleset", { rulesetName, source: { files: [{ name: fileName, content }] } });
  }

  async verify(rulesetName: string, opts: Parameters<typeof verifyContext>[1]): Promise<Message> {
    return this.request("verify", verifyContext(rulesetName, opts));
  }

  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      if (this.child.exitCode !== null) return resolve(this.child.exitCode);
      this.child.once("exit", (code) => resolve(code));
      this.child.stdin.end();
    });
  }
}
// ---------------------------------------------------------------------------------------------

const RULES = `rules_version = '2';
service firebase.storage {
  match /b/{bucket}/o {
    match /users/{uid}/{file=**} {
      function isOwner() { return request.auth != null && request.auth.uid == uid; }
      allow get, list: if isOwner();
      allow create: if isOwner() && request.resource.size < 1024
        && request.resource.contentType.matches('image/.*');
      allow update: if isOwner() && resource.metadata.get('locked', 'no') != 'yes';
      allow delete: if isOwner() && !('keep' in resource.metadata);
    }
    match /shared/{file} {
      allow get: if firestore.get(/databases/(default)/documents/grants/$(request.auth.uid)).data.canRead == true;
      allow delete: if firestore.exists(/databases/(default)/documents/admins/$(request.auth.uid));
      allow update: if firestore.get(/databases/(default)/documents/grants/$(request.auth.uid)).data.canWrite == true
        && firestore.exists(/databases/(default)/documents/admins/$(request.auth.uid));
    }
    match /public/{file} {
      allow get: if request.auth == null;
      allow create: if request.resource.contentDisposition == null && resource == null
        && request.time > timestamp.date(2020, 1, 1)
        && request.resource.timeCreated < request.time;
    }
    match /pair/{f} {
      allow get: if firestore.get(/databases/(default)/documents/grants/a).data.v
          == firestore.get(/databases/(default)/documents/grants/b).data.v
        && firestore.get(/databases/(default)/documents/grants/a).data.w == true;
    }
  }
}
`;

const BUCKET_PATH = "b/demo-srt.appspot.com/o";
const obj = (name: string) => `${BUCKET_PATH}/${name}`;

describeIfEngine(SUITE, () => {
  let workDir: string;
  let jar: string;
  let rt: RuntimeProcess;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(os.tmpdir(), "srt-test-"));
    jar = path.join(workDir, "storage-rules-runtime.jar");
    await promisify(execFile)(process.execPath, [BUILD_SCRIPT, jar], {
      env: { ...process.env, GCLOUD_FIRESTORE_EMULATOR_JAR: GCLOUD_JAR! },
    });
    rt = new RuntimeProcess(jar, path.join(workDir, "runtime.log"));
    await rt.waitFor((m) => m.id === -1, 30000);
    const loaded = await rt.load("main", RULES);
    expect(loaded.errors).toEqual([]);
  }, 120000);

  afterAll(async () => {
    if (rt) await rt.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 30000);

  it("completes the startup handshake with exactly {id:-1,status:ok}", () => {
    expect(rt.messages[0]).toEqual({ id: -1, status: "ok" });
  });

  it("reports rules_version so runtime.js can gate list", async () => {
    const v2 = await rt.load("v2", "rules_version = '2';\nservice firebase.storage { match /b/{b}/o { allow read: if true; } }\n");
    expect(v2).toMatchObject({ status: "ok", result: { rulesVersion: 2 }, errors: [] });
    const v1 = await rt.load("v1", "service firebase.storage { match /b/{b}/o { allow read: if true; } }\n");
    expect(v1).toMatchObject({ status: "ok", result: { rulesVersion: 1 }, errors: [] });
  });

  it("reports compile errors with file name and line, as manager.js parses them", async () => {
    const broken = "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if request.auth.uid == ;\n  }\n}\n";
    const reply = await rt.load("broken", broken, "/proj/storage.rules");
    expect(reply.status).toBe("ok");
    expect(reply.result).toBeUndefined();
    expect(reply.errors.length).toBeGreaterThan(0);
    const issue = JSON.parse(reply.errors[0]);
    expect(issue.sourcePosition_.fileName_).toBe("/proj/storage.rules");
    expect(issue.sourcePosition_.line_).toBe(4);
    expect(typeof issue.description_).toBe("string");
    // ...and a verify against the ruleset that failed to load is an error, not a hang
    const verify = await rt.verify("broken", { method: "get", objectPath: obj("x") });
    expect(verify.status).toBe("ok");
    expect(verify.errors.length).toBe(1);
  });

  it("reports semantic issues as warnings with line numbers, as Firebase's compiler rates them", async () => {
    const reply = await rt.load(
      "semantic",
      "rules_version = '2';\nservice firebase.storage {\n  match /b/{bucket}/o {\n    allow read: if undefinedFunction();\n  }\n}\n",
    );
    expect(reply).toMatchObject({ status: "ok", errors: [], result: { rulesVersion: 2 } });
    const warning = JSON.parse(reply.warnings[0]);
    expect(warning.description_).toMatch(/undefinedFunction/);
    expect(warning.sourcePosition_.line_).toBe(4);
  });

  describe("every method, permitted and denied", () => {
    const stored = (name: string, metadata: Record<string, string> = {}) =>
      rulesResource(name, { size: 100, contentType: "image/png", metadata });

    const cases: [string, Parameters<RuntimeProcess["verify"]>[1], boolean][] = [
      ["get by the owner", { method: "get", objectPath: obj("users/u1/a.png"), uid: "u1", before: stored("users/u1/a.png") }, true],
      ["get by another user", { method: "get", objectPath: obj("users/u1/a.png"), uid: "u2", before: stored("users/u1/a.png") }, false],
      ["get anonymously", { method: "get", objectPath: obj("users/u1/a.png"), before: stored("users/u1/a.png") }, false],
      ["list by the owner", { method: "list", objectPath: obj("users/u1/"), uid: "u1" }, true],
      ["list anonymously", { method: "list", objectPath: obj("users/u1/") }, false],
      ["list by another user", { method: "list", objectPath: obj("users/u1/"), uid: "u2" }, false],
      ["create by the owner", { method: "create", objectPath: obj("users/u1/new.png"), uid: "u1", after: rulesResource("users/u1/new.png", { size: 10, contentType: "image/png" }) }, true],
      ["create by another user", { method: "create", objectPath: obj("users/u1/new.png"), uid: "u2", after: rulesResource("users/u1/new.png", { size: 10, contentType: "image/png" }) }, false],
      ["create oversized", { method: "create", objectPath: obj("users/u1/big.png"), uid: "u1", after: rulesResource("users/u1/big.png", { size: 4096, contentType: "image/png" }) }, false],
      ["create with wrong type", { method: "create", objectPath: obj("users/u1/a.txt"), uid: "u1", after: rulesResource("users/u1/a.txt", { size: 10, contentType: "text/plain" }) }, false],
      ["update by the owner", { method: "update", objectPath: obj("users/u1/a.png"), uid: "u1", before: stored("users/u1/a.png"), after: stored("users/u1/a.png", { note: "x" }) }, true],
      ["update of a locked file", { method: "update", objectPath: obj("users/u1/a.png"), uid: "u1", before: stored("users/u1/a.png", { locked: "yes" }), after: stored("users/u1/a.png", { locked: "yes" }) }, false],
      ["delete by the owner", { method: "delete", objectPath: obj("users/u1/a.png"), uid: "u1", before: stored("users/u1/a.png") }, true],
      ["delete of a kept file", { method: "delete", objectPath: obj("users/u1/a.png"), uid: "u1", before: stored("users/u1/a.png", { keep: "1" }) }, false],
      ["delete by another user", { method: "delete", objectPath: obj("users/u1/a.png"), uid: "u2", before: stored("users/u1/a.png") }, false],
    ];
    it.each(cases)("%s", async (_name, opts, permit) => {
      const reply = await rt.verify("main", opts);
      expect(reply).toMatchObject({ status: "ok", errors: [], result: { permit } });
      expect(reply).not.toHaveProperty("context"); // a verdict, not a fetch request
    });
  });

  it("treats {null_value:null} as null (anonymous auth, undefined metadata fields)", async () => {
    const anon = await rt.verify("main", {
      method: "get",
      objectPath: obj("public/readme.txt"),
      before: rulesResource("public/readme.txt", { size: 1 }),
    });
    expect(anon.result).toEqual({ permit: true });
    const signedIn = await rt.verify("main", { method: "get", objectPath: obj("public/readme.txt"), uid: "u1" });
    expect(signedIn.result).toEqual({ permit: false });
    // contentDisposition is undefined in metadata.js -> {null_value:null}; resource is null on create
    const create = await rt.verify("main", {
      method: "create",
      objectPath: obj("public/new.txt"),
      after: rulesResource("public/new.txt", { size: 1 }),
    });
    expect(create.result).toEqual({ permit: true });
  });

  describe("firestore.get()/exists() via fetch_firestore_document", () => {
    /** Plays firebase-tools: answers each fetch from `docs` (path -> fields), then awaits the verdict. */
    async function verifyWithFirestore(
      opts: Parameters<RuntimeProcess["verify"]>[1],
      docs: Record<string, Record<string, Json>>,
    ): Promise<{ verdict: Message; fetched: string[] }> {
      const id = rt.id();
      const fetched: string[] = [];
      rt.send(JSON.stringify({ action: "verify", context: verifyContext("main", opts), id }));
      for (;;) {
        const m = await rt.reply(id);
        if (!("context" in m)) return { verdict: m, fetched };
        expect(m).toEqual({
          server_request_id: id,
          action: "fetch_firestore_document",
          status: "ok",
          context: { path: expect.any(String) },
        });
        // runtime.js can only track one outstanding fetch per id: nothing else may arrive under
        // this id until the fetch is answered.
        await new Promise((r) => setTimeout(r, 100));
        expect(rt.messages.filter((x) => x.server_request_id === id || x.id === id).filter((x) => !claimed.has(x))).toEqual([]);
        const docPath: string = m.context.path;
        fetched.push(docPath);
        const fields = docs[docPath];
        // runtime.js fetchFirestoreDocument + _sendRequest(dataResponse, overrideId)
        const answer = fields
          ? { result: { name: `projects/demo-srt${docPath}`, fields }, status: "ok", warnings: [], errors: [] }
          : { status: "not_found", warnings: [], errors: [] };
        rt.send(JSON.stringify({ ...answer, id }));
      }
    }

    const grants = "/databases/(default)/documents/grants/u1";
    const admins = "/databases/(default)/documents/admins/u1";

    it("firestore.get() permits when the fetched document allows it", async () => {
      const { verdict, fetched } = await verifyWithFirestore(
        { method: "get", objectPath: obj("shared/doc.pdf"), uid: "u1" },
        { [grants]: { canRead: { booleanValue: true } } },
      );
      expect(fetched).toEqual([grants]);
      expect(verdict).toMatchObject({ id: expect.any(Number), status: "ok", errors: [], result: { permit: true } });
    });

    it("firestore.get() denies when the document says no, or does not exist", async () => {
      const no = await verifyWithFirestore(
        { method: "get", objectPath: obj("shared/doc.pdf"), uid: "u1" },
        { [grants]: { canRead: { booleanValue: false } } },
      );
      expect(no.verdict.result).toEqual({ permit: false });
      const missing = await verifyWithFirestore({ method: "get", objectPath: obj("shared/doc.pdf"), uid: "u1" }, {});
      expect(missing.fetched).toEqual([grants]);
      expect(missing.verdict.result).toEqual({ permit: false });
    });

    it("firestore.exists() is true for a found document and false for not_found", async () => {
      const found = await verifyWithFirestore(
        { method: "delete", objectPath: obj("shared/doc.pdf"), uid: "u1" },
        { [admins]: {} },
      );
      expect(found.fetched).toEqual([admins]);
      expect(found.verdict.result).toEqual({ permit: true });
      const missing = await verifyWithFirestore({ method: "delete", objectPath: obj("shared/doc.pdf"), uid: "u1" }, {});
      expect(missing.verdict.result).toEqual({ permit: false });
    });

    it("chains two fetches one at a time under the verify's id", async () => {
      const { verdict, fetched } = await verifyWithFirestore(
        {
          method: "update",
          objectPath: obj("shared/doc.pdf"),
          uid: "u1",
          before: rulesResource("shared/doc.pdf", { size: 1 }),
          after: rulesResource("shared/doc.pdf", { size: 1 }),
        },
        {
          [grants]: { canWrite: { booleanValue: true }, nested: { mapValue: { fields: { n: { integerValue: "3" } } } } },
          [admins]: { since: { timestampValue: "2024-01-01T00:00:00Z" } },
        },
      );
      expect(fetched).toEqual([grants, admins]);
      expect(verdict.result).toEqual({ permit: true });
    });

    it("fetches each document once, and never two at a time, when an expression needs several", async () => {
      const a = "/databases/(default)/documents/grants/a";
      const b = "/databases/(default)/documents/grants/b";
      const same = await verifyWithFirestore(
        { method: "get", objectPath: obj("pair/x"), uid: "u1" },
        { [a]: { v: { stringValue: "s" }, w: { booleanValue: true } }, [b]: { v: { stringValue: "s" } } },
      );
      expect([...same.fetched].sort()).toEqual([a, b]);
      expect(same.verdict.result).toEqual({ permit: true });
      const differ = await verifyWithFirestore(
        { method: "get", objectPath: obj("pair/x"), uid: "u1" },
        { [a]: { v: { integerValue: "1" }, w: { booleanValue: true } }, [b]: { v: { integerValue: "2" } } },
      );
      expect(differ.verdict.result).toEqual({ permit: false });
    });
  });

  describe("malformed requests get an error reply, not a hang", () => {
    it("bad JSON: the id is recovered when visible", async () => {
      const reply = rt.reply(9001);
      rt.send('{"action":"verify","id":9001,"context":{');
      expect(await reply).toMatchObject({ id: 9001, status: "ok", errors: [expect.stringContaining("malformed")] });
    });

    it("unknown action", async () => {
      const reply = await rt.request("explode", {});
      expect(reply).toMatchObject({ status: "ok", errors: [expect.stringContaining("unknown action")] });
    });

    it("missing fields", async () => {
      const noVariables = await rt.request("verify", { rulesetName: "main", path: "/b/x/o/y", method: "get" });
      expect(noVariables.errors[0]).toMatch(/variables/);
      const noSource = await rt.request("load_ruleset", { rulesetName: "z" });
      expect(noSource.errors[0]).toMatch(/source/);
      const badMethod = await rt.verify("main", { method: "frobnicate" as Method, objectPath: obj("users/u1/a") });
      expect(badMethod.errors[0]).toMatch(/method/);
      const badVariable = await rt.request("verify", {
        rulesetName: "main",
        path: "/b/x/o/y",
        method: "get",
        variables: { request: { no_such_kind: 1 }, resource: { null_value: null } },
      });
      expect(badVariable.errors.length).toBe(1);
    });

    it("keeps serving after garbage without an id", async () => {
      rt.send("not json at all");
      await rt.waitFor((m) => m.id === null && m.errors?.[0]?.includes("malformed"));
      const reply = await rt.verify("main", { method: "get", objectPath: obj("users/u1/a.png"), uid: "u1", before: rulesResource("users/u1/a.png", { size: 1 }) });
      expect(reply.result).toEqual({ permit: true });
    });
  });

  it("answers a burst of requests one message per stdout chunk", async () => {
    const replies = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        rt.verify("main", { method: "get", objectPath: obj(`users/u${i % 2}/a.png`), uid: "u0" }),
      ),
    );
    expect(replies.map((r) => r.result.permit)).toEqual([true, false, true, false, true, false, true, false]);
    expect(rt.unparsableChunks).toEqual([]);
  });

  it("never writes to stderr and exits when stdin closes", async () => {
    expect(rt.stderr).toBe("");
    expect(await rt.stop()).toBe(0);
    expect(rt.stderr).toBe("");
    expect(rt.unparsableChunks).toEqual([]);
  });
});
