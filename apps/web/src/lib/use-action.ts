"use client";
/**
 * One user action at a time with its outcome: busy while it runs, then the
 * sentence it returned (success) or its error's message. Buttons that call
 * the server share it, so every one of them says what happened.
 */
import { useState } from "react";

export interface ActionState {
  busy: boolean;
  message: string | null;
  error: boolean;
}

export function useAction(): ActionState & { run: (action: () => Promise<string | null | void>) => Promise<void> } {
  const [state, setState] = useState<ActionState>({ busy: false, message: null, error: false });
  async function run(action: () => Promise<string | null | void>) {
    setState({ busy: true, message: null, error: false });
    try {
      setState({ busy: false, message: (await action()) ?? null, error: false });
    } catch (error) {
      setState({ busy: false, message: (error as Error).message, error: true });
    }
  }
  return { ...state, run };
}
