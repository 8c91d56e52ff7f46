import type { ActionState } from "@/lib/use-action";

/** An action's outcome: announced politely when it worked, as an alert when it did not. */
export function StatusMessage({ state }: { state: Pick<ActionState, "message" | "error"> }) {
  if (!state.message) return null;
  return (
    <p role={state.error ? "alert" : "status"} className={state.error ? "error" : "success"}>
      {state.message}
    </p>
  );
}
