package storagerules;

import com.google.firebase.rules.v1.File;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes each stdin line: a Firestore answer to the verify waiting for it, an action to its
 * handler. Whatever goes wrong, the sender gets exactly one reply under its id - firebase-tools
 * awaits every request it sends, so a request without a reply hangs the Storage emulator.
 */
final class Dispatcher {
  private static final Pattern ID_IN_BROKEN_JSON = Pattern.compile("\"id\"\\s*:\\s*(-?\\d+)");

  private final Rulesets rulesets;
  private final Verifier verifier;
  private final Map<String, FirestoreFetcher> fetchers;
  private final ReplyWriter writer;
  /**
   * Single-threaded, so actions start in arrival order: a verify sent right after a load_ruleset
   * finds that ruleset compiled. Evaluations that wait on Firestore continue elsewhere.
   */
  private final Executor inOrder;

  Dispatcher(
      Rulesets rulesets,
      Verifier verifier,
      Map<String, FirestoreFetcher> fetchers,
      ReplyWriter writer,
      Executor inOrder) {
    this.rulesets = rulesets;
    this.verifier = verifier;
    this.fetchers = fetchers;
    this.writer = writer;
    this.inOrder = inOrder;
  }

  /** Called on the stdin thread, which must stay free to receive Firestore answers. */
  void onLine(String line) {
    JsonObject message;
    try {
      JsonElement parsed = JsonParser.parseString(line);
      if (!parsed.isJsonObject()) {
        throw new IllegalArgumentException("not a JSON object");
      }
      message = parsed.getAsJsonObject();
    } catch (RuntimeException e) {
      writer.send(Replies.error(idFromBrokenLine(line), "malformed request: " + e.getMessage()));
      return;
    }
    JsonElement id = message.get("id");

    // firebase-tools answers fetch_firestore_document with {id, status, result?} and no action.
    if (!message.has("action")) {
      FirestoreFetcher fetcher = id == null ? null : fetchers.get(String.valueOf(id));
      if (fetcher == null || !fetcher.onAnswer(message)) {
        writer.send(Replies.error(id, "request has no action"));
      }
      return;
    }
    inOrder.execute(() -> handle(id, message));
  }

  private void handle(JsonElement id, JsonObject message) {
    try {
      if (id == null || !id.isJsonPrimitive()) {
        throw new BadRequest("missing id");
      }
      String action = BadRequest.requireString(message, "action");
      JsonObject context = BadRequest.requireObject(message, "context");
      switch (action) {
        case "load_ruleset":
          loadRuleset(id, context);
          break;
        case "verify":
          verifier.verify(id, context); // replies asynchronously
          break;
        default:
          throw new BadRequest("unknown action: " + action);
      }
    } catch (BadRequest e) {
      writer.send(Replies.error(id, e.getMessage()));
    } catch (RuntimeException | LinkageError e) {
      // LinkageError: an engine class changed shape in a newer gcloud jar - report, don't die.
      Log.error("request " + id + " failed", e);
      writer.send(Replies.error(id, "internal error: " + e));
    }
  }

  /** context: {rulesetName, source:{files:[{name, content}]}} */
  private void loadRuleset(JsonElement id, JsonObject context) throws BadRequest {
    String rulesetName = BadRequest.requireString(context, "rulesetName");
    JsonObject source = BadRequest.requireObject(context, "source");
    JsonElement filesJson = source.get("files");
    if (filesJson == null || !filesJson.isJsonArray() || ((JsonArray) filesJson).size() == 0) {
      throw new BadRequest("source.files must be a non-empty array");
    }
    List<File> files = new ArrayList<>();
    for (JsonElement f : filesJson.getAsJsonArray()) {
      if (!f.isJsonObject()) {
        throw new BadRequest("source.files entries must be objects");
      }
      files.add(
          File.newBuilder()
              .setName(BadRequest.requireString(f.getAsJsonObject(), "name"))
              .setContent(BadRequest.requireString(f.getAsJsonObject(), "content"))
              .build());
    }
    Rulesets.Loaded loaded = rulesets.load(rulesetName, files);
    JsonObject result = null;
    if (loaded.rulesVersion != null) {
      result = new JsonObject();
      result.addProperty("rulesVersion", loaded.rulesVersion);
    }
    writer.send(Replies.ok(id, result, loaded.errors, loaded.warnings));
  }

  /** Best effort: a request cut short or garbled may still show its numeric id. */
  private static JsonElement idFromBrokenLine(String line) {
    Matcher m = ID_IN_BROKEN_JSON.matcher(line);
    return m.find() ? new JsonPrimitive(Long.parseLong(m.group(1))) : null;
  }
}
