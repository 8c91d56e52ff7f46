package storagerules;

import com.google.firebase.rules.runtime.v1.ExpressionListValue;
import com.google.firebase.rules.runtime.v1.ExpressionMapValue;
import com.google.firebase.rules.runtime.v1.ExpressionPathSegmentValue;
import com.google.firebase.rules.runtime.v1.ExpressionPathValue;
import com.google.firebase.rules.runtime.v1.ExpressionValue;
import com.google.gson.JsonElement;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.NullValue;
import com.google.protobuf.util.JsonFormat;
import java.util.Map;

/** Conversions between firebase-tools' JSON and the engine's ExpressionValue protos. */
final class ExpressionValues {
  static final ExpressionValue NULL =
      ExpressionValue.newBuilder().setNullValue(NullValue.NULL_VALUE).build();

  private ExpressionValues() {}

  /**
   * Parses one proto-JSON ExpressionValue as runtime.js writes it (snake_case field names, e.g.
   * {@code {"map_value":{"fields":{...}}}}).
   *
   * <p>runtime.js encodes null and undefined as {@code {"null_value":null}}. protobuf's JsonFormat
   * treats a JSON null as "field absent", which leaves an ExpressionValue with no kind at all; the
   * engine would then fail on e.g. {@code request.auth == null}. So every kind-less value, at any
   * depth, is turned into the null value.
   */
  static ExpressionValue parse(JsonElement json) throws InvalidProtocolBufferException {
    ExpressionValue.Builder builder = ExpressionValue.newBuilder();
    JsonFormat.parser().merge(json.toString(), builder);
    return fillNulls(builder.build());
  }

  static ExpressionValue fillNulls(ExpressionValue value) {
    switch (value.getKindCase()) {
      case KIND_NOT_SET:
        return NULL;
      case MAP_VALUE:
        ExpressionMapValue.Builder map = ExpressionMapValue.newBuilder();
        for (Map.Entry<String, ExpressionValue> e : value.getMapValue().getFieldsMap().entrySet()) {
          map.putFields(e.getKey(), fillNulls(e.getValue()));
        }
        return ExpressionValue.newBuilder().setMapValue(map).build();
      case LIST_VALUE:
        ExpressionListValue.Builder list = ExpressionListValue.newBuilder();
        for (ExpressionValue v : value.getListValue().getValuesList()) {
          list.addValues(fillNulls(v));
        }
        return ExpressionValue.newBuilder().setListValue(list).build();
      default:
        return value;
    }
  }

  /** "/b/bucket/o/a/b" -> path of simple segments [b, bucket, o, a, b]. */
  static ExpressionPathValue path(String slashSeparated) {
    ExpressionPathValue.Builder path = ExpressionPathValue.newBuilder();
    for (String segment : slashSeparated.split("/")) {
      if (!segment.isEmpty()) {
        path.addSegments(ExpressionPathSegmentValue.newBuilder().setSimple(segment));
      }
    }
    return path.build();
  }

  /**
   * The inverse, for paths the rules hand to firestore.get(): every segment is simple once the
   * engine has substituted $(...) captures.
   */
  static String pathString(ExpressionPathValue path) {
    StringBuilder s = new StringBuilder();
    for (ExpressionPathSegmentValue segment : path.getSegmentsList()) {
      s.append('/');
      switch (segment.getKindCase()) {
        case SIMPLE:
          s.append(segment.getSimple());
          break;
        default:
          throw new IllegalArgumentException("unsupported path segment: " + segment);
      }
    }
    return s.toString();
  }

  static ExpressionValue string(String s) {
    return ExpressionValue.newBuilder().setStringValue(s).build();
  }

  static ExpressionValue bool(boolean b) {
    return ExpressionValue.newBuilder().setBoolValue(b).build();
  }
}
