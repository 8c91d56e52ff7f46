import { z } from "zod";

const HostPort = z.string().regex(/^[\w.-]+:\d+$/, "expected host:port");

/**
 * What the web app needs to know at run time, served as `/runtime-config.json`
 * next to the static build so that one build runs against the emulators on any
 * ports and against a real project.
 */
export const RuntimeConfig = z.object({
  firebase: z.object({
    apiKey: z.string().min(1),
    authDomain: z.string().min(1),
    projectId: z.string().min(1),
    storageBucket: z.string().min(1),
    appId: z.string().optional(),
    measurementId: z.string().optional(),
  }),
  emulators: z
    .object({
      auth: HostPort,
      firestore: HostPort,
      storage: HostPort,
    })
    .optional(),
});
export type RuntimeConfig = z.infer<typeof RuntimeConfig>;
