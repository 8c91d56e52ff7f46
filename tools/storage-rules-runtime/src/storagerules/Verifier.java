package storagerules;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageCreateContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageDeleteContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageGetContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageListContextConverter;
import com.google.firebase.rules.partners.services.firebasestorage.FirebaseStorageUpdateContextConverter;
import com.google.firebase.rules.runtime.common.EvaluationResult;
import com.google.firebase.rules.runtime.evaluators.AuthRuleEvaluator.RuleContext;
import com.google.firebase.rules.runtime.impl.DefaultEvaluator;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.firebase.rules.runtime.v1.RulesetAst;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The verify action: evaluates one storage request against a loaded ruleset. */
final class Verifier {
  /**
   * An evaluation still running after this is denied rather than left hanging. (If a Firestore
   * fetch is still unanswered then, the verdict still waits for it: see FirestoreFetcher.)
   */
  private static final long TIMEOUT_SECONDS = 30;

  private final Rulesets rulesets;
  private final ReplyWriter writer;
  private final Executor executor;
  private final ScheduledExecutorService timer;
  /** Verifies waiting on Firestore answers, by id; the dispatcher routes answers through it. */
  private final Map<String, FirestoreFetcher> fetchers;

  Verifier(
      Rulesets rulesets,
      ReplyWriter writer,
      Executor executor,
      ScheduledExecutorService timer,
      Map<String, FirestoreFetcher> fetchers) {
    this.rulesets = rulesets;
    this.writer = writer;
    this.executor = executor;
    this.timer = timer;
    this.fetchers = fetchers;
  }

  /**
   * Starts the evaluation; the verdict is written later. Context, as runtime.js sends it:
   * {rulesetName, service, path, method, delimiter, variables:{request, resource}}.
   */
  void verify(JsonElement id, JsonObject context) throws BadRequest {
    String rulesetName = BadRequest.requireString(context, "rulesetName");
    String path = BadRequest.requireString(context, "path");
    String method = BadRequest.requireString(context, "method");
    JsonObject variables = BadRequest.requireObject(context, "variables");
    if (context.has("service") && !"firebase.storage".equals(context.get("service").getAsString())) {
      throw new BadRequest("unsupported service: " + context.get("service"));
    }
    RulesetAst ast = rulesets.get(rulesetName);
    if (ast == null) {
      throw new BadRequest("unknown ruleset: " + rulesetName);
    }
    ExpressionValue request = variable(variables, "request");
    if (!request.hasMapValue()) {
      throw new BadRequest("variables.request must be a map_value");
    }
    ExpressionValue resource =
        variables.has("resource") ? variable(variables, "resource") : ExpressionValues.NULL;

    FirestoreFetcher fetcher = new FirestoreFetcher(id, writer, executor);
    StorageRequestContext storageContext =
        new StorageRequestContext(
            ExpressionValues.path(path), request.getMapValue(), resource, fetcher);
    RuleContext ruleContext = convert(method, storageContext);

    String key = String.valueOf(id);
    fetchers.put(key, fetcher);
    ListenableFuture<EvaluationResult> result;
    try {
      result = new DefaultEvaluator(ast).evaluate(ruleContext);
    } catch (RuntimeException e) {
      result = Futures.immediateFailedFuture(e);
    }
    ListenableFuture<EvaluationResult> bounded =
        Futures.withTimeout(result, TIMEOUT_SECONDS, TimeUnit.SECONDS, timer);
    bounded.addListener(() -> finish(id, key, fetcher, bounded), executor);
  }

  /** Pins the engine's per-method converters; "read"/"write" never reach the runtime. */
  private static RuleContext convert(String method, StorageRequestContext c) throws BadRequest {
    switch (method) {
      case "get":
        return FirebaseStorageGetContextConverter.convert(c);
      case "list":
        return FirebaseStorageListContextConverter.convert(c);
      case "create":
        return FirebaseStorageCreateContextConverter.convert(c);
      case "update":
        return FirebaseStorageUpdateContextConverter.convert(c);
      case "delete":
        return FirebaseStorageDeleteContextConverter.convert(c);
      default:
        throw new BadRequest("unsupported method: " + method);
    }
  }

  private static ExpressionValue variable(JsonObject variables, String name) throws BadRequest {
    JsonElement json = variables.get(name);
    if (json == null || !json.isJsonObject()) {
      throw new BadRequest("missing or non-object variable: " + name);
    }
    try {
      return ExpressionValues.parse(json);
    } catch (InvalidProtocolBufferException e) {
      throw new BadRequest("variable " + name + " is not an ExpressionValue: " + e.getMessage());
    }
  }

  /**
   * Writes the verdict. An evaluation error is a denial, as in production; its message rides along
   * as a warning, which the Storage emulator logs. The verdict waits for any Firestore fetch still
   * in flight (see FirestoreFetcher).
   */
  private void finish(
      JsonElement id, String key, FirestoreFetcher fetcher, ListenableFuture<EvaluationResult> done) {
    boolean permit;
    List<String> warnings;
    try {
      permit = Futures.getDone(done).permit();
      warnings = List.of();
    } catch (ExecutionException | RuntimeException e) {
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      Log.error("evaluation of request " + key + " failed; denying", cause);
      permit = false;
      warnings = List.of(String.valueOf(cause.getMessage()));
    }
    JsonObject result = new JsonObject();
    result.addProperty("permit", permit);
    JsonObject reply = Replies.ok(id, result, List.of(), warnings);
    fetcher
        .close()
        .addListener(
            () -> {
              fetchers.remove(key, fetcher);
              writer.send(reply);
            },
            executor);
  }
}
