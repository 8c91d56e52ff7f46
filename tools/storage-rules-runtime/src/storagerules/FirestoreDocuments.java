package storagerules;

import com.google.firebase.rules.runtime.v1.ExpressionListValue;
import com.google.firebase.rules.runtime.v1.ExpressionMapValue;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import com.google.type.LatLng;
import java.text.ParseException;
import java.util.Base64;
import java.util.Map;

/**
 * Turns a Firestore document, as firebase-tools fetches it from the Firestore emulator's REST API
 * ({@code {"name":"projects/p/databases/(default)/documents/c/d","fields":{...}}}), into the value
 * firestore.get() yields in rules: a resource map with {@code data}, {@code id} and
 * {@code __name__}.
 */
final class FirestoreDocuments {
  private FirestoreDocuments() {}

  /**
   * firestore.get(): firebase-tools answers {@code {"status":"ok","result":{name,fields}}} for a
   * document it found and {@code {"status":"not_found"}} otherwise; a missing document is null in
   * rules, anything else is an evaluation error (so the request is denied).
   */
  static ExpressionValue getResult(JsonObject answer) {
    String status = status(answer);
    if ("ok".equals(status) && answer.has("result") && answer.get("result").isJsonObject()) {
      return toResource(answer.getAsJsonObject("result"));
    }
    if ("not_found".equals(status)) {
      return ExpressionValues.NULL;
    }
    throw new IllegalStateException("Firestore document fetch failed: " + answer);
  }

  /** firestore.exists(): true for a found document, false for not_found, error otherwise. */
  static ExpressionValue existsResult(JsonObject answer) {
    String status = status(answer);
    if ("ok".equals(status) || "not_found".equals(status)) {
      return ExpressionValues.bool("ok".equals(status));
    }
    throw new IllegalStateException("Firestore document fetch failed: " + answer);
  }

  private static String status(JsonObject answer) {
    JsonElement s = answer.get("status");
    return s != null && s.isJsonPrimitive() ? s.getAsString() : "";
  }

  static ExpressionValue toResource(JsonObject document) {
    String name = document.has("name") ? document.get("name").getAsString() : "";
    // Rules see document paths without the project prefix: /databases/(default)/documents/...
    String path = stripProject(name);
    String id = path.substring(path.lastIndexOf('/') + 1);

    JsonObject fields =
        document.has("fields") && document.get("fields").isJsonObject()
            ? document.getAsJsonObject("fields")
            : new JsonObject(); // the REST API omits "fields" for an empty document

    ExpressionMapValue.Builder resource = ExpressionMapValue.newBuilder();
    resource.putFields("data", fromFields(fields));
    resource.putFields("id", ExpressionValues.string(id));
    resource.putFields(
        "__name__", ExpressionValue.newBuilder().setPathValue(ExpressionValues.path(path)).build());
    return ExpressionValue.newBuilder().setMapValue(resource).build();
  }

  private static String stripProject(String name) {
    int databases = name.indexOf("/databases/");
    return databases >= 0 ? name.substring(databases) : name;
  }

  private static ExpressionValue fromFields(JsonObject fields) {
    ExpressionMapValue.Builder map = ExpressionMapValue.newBuilder();
    for (Map.Entry<String, JsonElement> e : fields.entrySet()) {
      map.putFields(e.getKey(), fromValue(e.getValue().getAsJsonObject()));
    }
    return ExpressionValue.newBuilder().setMapValue(map).build();
  }

  /** One Firestore REST Value (exactly one of the typed keys below). */
  private static ExpressionValue fromValue(JsonObject value) {
    ExpressionValue.Builder out = ExpressionValue.newBuilder();
    if (value.has("nullValue")) {
      return ExpressionValues.NULL;
    } else if (value.has("booleanValue")) {
      out.setBoolValue(value.get("booleanValue").getAsBoolean());
    } else if (value.has("integerValue")) {
      // int64 travels as a JSON string
      out.setIntValue(Long.parseLong(value.get("integerValue").getAsString()));
    } else if (value.has("doubleValue")) {
      out.setFloatValue(parseDouble(value.get("doubleValue")));
    } else if (value.has("timestampValue")) {
      try {
        out.setTimestampValue(Timestamps.parse(value.get("timestampValue").getAsString()));
      } catch (ParseException e) {
        throw new IllegalArgumentException("bad timestampValue", e);
      }
    } else if (value.has("stringValue")) {
      out.setStringValue(value.get("stringValue").getAsString());
    } else if (value.has("bytesValue")) {
      out.setBytesValue(
          ByteString.copyFrom(Base64.getDecoder().decode(value.get("bytesValue").getAsString())));
    } else if (value.has("referenceValue")) {
      out.setPathValue(
          ExpressionValues.path(stripProject(value.get("referenceValue").getAsString())));
    } else if (value.has("geoPointValue")) {
      JsonObject point = value.getAsJsonObject("geoPointValue");
      out.setLatlngValue(
          LatLng.newBuilder()
              .setLatitude(point.has("latitude") ? point.get("latitude").getAsDouble() : 0)
              .setLongitude(point.has("longitude") ? point.get("longitude").getAsDouble() : 0));
    } else if (value.has("arrayValue")) {
      ExpressionListValue.Builder list = ExpressionListValue.newBuilder();
      JsonObject array = value.getAsJsonObject("arrayValue");
      if (array.has("values")) {
        for (JsonElement v : array.getAsJsonArray("values")) {
          list.addValues(fromValue(v.getAsJsonObject()));
        }
      }
      out.setListValue(list);
    } else if (value.has("mapValue")) {
      JsonObject map = value.getAsJsonObject("mapValue");
      return fromFields(map.has("fields") ? map.getAsJsonObject("fields") : new JsonObject());
    } else {
      throw new IllegalArgumentException("unsupported Firestore value: " + value);
    }
    return out.build();
  }

  /** doubleValue is a JSON number, or a string for NaN / Infinity. */
  private static double parseDouble(JsonElement e) {
    return e.getAsJsonPrimitive().isString() ? Double.parseDouble(e.getAsString()) : e.getAsDouble();
  }
}
