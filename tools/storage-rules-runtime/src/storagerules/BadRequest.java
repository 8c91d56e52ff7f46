package storagerules;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * A request the runtime cannot act on (missing or mistyped field, unknown action, ruleset or
 * method). The dispatcher turns it into an error reply so the caller's promise still resolves.
 */
final class BadRequest extends Exception {
  private static final long serialVersionUID = 1L;

  BadRequest(String message) {
    super(message);
  }

  static String requireString(JsonObject object, String field) throws BadRequest {
    JsonElement value = object.get(field);
    if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw new BadRequest("missing or non-string field: " + field);
    }
    return value.getAsString();
  }

  static JsonObject requireObject(JsonObject object, String field) throws BadRequest {
    JsonElement value = object.get(field);
    if (value == null || !value.isJsonObject()) {
      throw new BadRequest("missing or non-object field: " + field);
    }
    return value.getAsJsonObject();
  }
}
