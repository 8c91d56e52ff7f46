// `bench:viewer --trace`: where the renderer's main thread spends the OHIF boot,
// from a Chrome trace of one visit. Compile and run are what bytes alone do not show:
// a warm visit fetches nothing and may still spend seconds compiling and running. (A warm
// visit that uses V8's code cache shows almost no compile.)

/** Trace categories: V8's compile events, script evaluation and GC on the main thread. */
export const TRACE_CATEGORIES = ["devtools.timeline", "v8", "disabled-by-default-v8.compile", "disabled-by-default-devtools.timeline"];

/** Events summed into each bucket (durations in µs; nested events are summed as they are). */
const BUCKETS = {
  compile: /^(v8\.compile|v8\.compileModule|V8\.CompileCode|V8\.CompileLazy|v8\.parseOnBackground|V8\.ScriptCompiler)$/,
  evaluateScript: /^(EvaluateScript|v8\.evaluateModule)$/,
  functionCall: /^FunctionCall$/,
  gc: /^(MinorGC|MajorGC|V8\.GCScavenger|V8\.GCFinalizeMC|BlinkGC\.AtomicPhase)$/,
  layoutAndPaint: /^(Layout|UpdateLayoutTree|Paint|PrePaint|Layerize)$/,
};

/**
 * Milliseconds per bucket on the renderer main thread (CrRendererMain) until
 * `untilMs` after the first event, from Chrome trace JSON.
 */
export function summariseTrace(traceJson, untilMs = Infinity) {
  const events = JSON.parse(traceJson).traceEvents ?? [];
  const main = events.find((event) => event.name === "thread_name" && event.args?.name === "CrRendererMain");
  const onMain = events.filter((event) => event.ph === "X" && (!main || (event.pid === main.pid && event.tid === main.tid)));
  const start = Math.min(...onMain.map((event) => event.ts));
  const totals = Object.fromEntries(Object.keys(BUCKETS).map((bucket) => [bucket, 0]));
  // Top-level tasks only for the busy total: nested events would count twice.
  let busy = 0;
  for (const event of onMain) {
    if ((event.ts - start) / 1000 > untilMs) continue;
    for (const [bucket, pattern] of Object.entries(BUCKETS)) if (pattern.test(event.name)) totals[bucket] += (event.dur ?? 0) / 1000;
    if (event.name === "RunTask" || event.name === "ThreadControllerImpl::RunTask") busy += (event.dur ?? 0) / 1000;
  }
  return { busyMs: busy, ...Object.fromEntries(Object.entries(totals).map(([bucket, ms]) => [`${bucket}Ms`, ms])) };
}
