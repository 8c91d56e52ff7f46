"use client";
/**
 * The burned-in text check for a dialog: asked once when the owner first
 * needs it (ticking "De-identify", opening "Download de-identified"), kept
 * while the dialog stays open, and asked again only on "Check again".
 */
import type { DeidentificationCheck } from "@pacs/shared";
import { useEffect, useState } from "react";
import { checkDeidentification } from "./deidentification-api";
import type { Live } from "./use-live";
import type { TokenSource } from "./uploads-api";

export function useDeidentificationCheck(user: TokenSource, studyInstanceUID: string, wanted: boolean): { check: Live<DeidentificationCheck> | null; retry: () => void } {
  const [attempt, setAttempt] = useState(0);
  const [check, setCheck] = useState<Live<DeidentificationCheck> | null>(null);
  const started = wanted || check !== null;

  useEffect(() => {
    if (!started) return;
    let cancelled = false;
    setCheck({ status: "loading" });
    checkDeidentification(user, studyInstanceUID)
      .then((value) => !cancelled && setCheck({ status: "ready", value }))
      .catch((error: Error) => !cancelled && setCheck({ status: "error", message: error.message }));
    return () => {
      cancelled = true;
    };
    // `started` turns true once and stays; `attempt` asks again.
  }, [started, attempt, user, studyInstanceUID]);

  return { check, retry: () => setAttempt((n) => n + 1) };
}
