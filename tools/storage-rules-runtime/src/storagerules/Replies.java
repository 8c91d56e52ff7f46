package storagerules;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;

/**
 * Reply shapes expected by firebase-tools' runtime.js.
 *
 * <p>Every reply says {@code "status":"ok"}: runtime.js drops any message whose status is not "ok"
 * (after a console warning) and the request it answered then never resolves. Errors therefore
 * travel in the {@code errors} array, which runtime.js reads as {@code response.errors.length}
 * without a null check after load_ruleset - so {@code errors} and {@code warnings} are always
 * present.
 */
final class Replies {
  private Replies() {}

  static JsonObject ok(JsonElement id, JsonObject result, List<String> errors, List<String> warnings) {
    JsonObject reply = new JsonObject();
    reply.add("id", id == null ? JsonNull.INSTANCE : id);
    reply.addProperty("status", "ok");
    if (result != null) {
      reply.add("result", result);
    }
    reply.add("errors", strings(errors));
    reply.add("warnings", strings(warnings));
    return reply;
  }

  /** A failed request: no result, one error message. */
  static JsonObject error(JsonElement id, String message) {
    return ok(id, null, List.of(message), List.of());
  }

  static JsonElement id(long id) {
    return new JsonPrimitive(id);
  }

  private static JsonArray strings(List<String> values) {
    JsonArray array = new JsonArray();
    for (String v : values) {
      array.add(v);
    }
    return array;
  }
}
