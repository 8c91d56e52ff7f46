package storagerules;

import com.google.firebase.rules.lang.CompileResult;
import com.google.firebase.rules.lang.FirebaseRulesProtoCompiler;
import com.google.firebase.rules.lang.common.FirebaseRulesLangOptions;
import com.google.firebase.rules.runtime.v1.RulesetAst;
import com.google.firebase.rules.v1.File;
import com.google.firebase.rules.v1.Issue;
import com.google.firebase.rules.v1.Source;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Compiles rules source with Firebase's own compiler and keeps the compiled rulesets by name. */
final class Rulesets {
  /** Outcome of one load_ruleset: the version on success, plus issues split by severity. */
  static final class Loaded {
    final Integer rulesVersion; // null when compilation failed
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    Loaded(Integer rulesVersion) {
      this.rulesVersion = rulesVersion;
    }
  }

  // The options the emulator needs: cross-service rules make firestore.get()/exists() resolve
  // (without it they compile but fail silently at evaluation time); ternaries are legal in
  // production rules.
  private static final FirebaseRulesLangOptions OPTIONS =
      FirebaseRulesLangOptions.builder()
          .allowTernaryOperator(true)
          .allowCrossServiceRules(true)
          .build();

  private final Map<String, RulesetAst> byName = new ConcurrentHashMap<>();

  Loaded load(String rulesetName, List<File> files) {
    Source.Builder source = Source.newBuilder();
    files.forEach(source::addFiles);
    // A compiler per call: it is cheap next to the compile itself, and nothing is shared between
    // concurrent loads.
    CompileResult result = FirebaseRulesProtoCompiler.createStandalone(OPTIONS).compile(source);

    Loaded loaded =
        result.hasCompilationError() ? new Loaded(null) : new Loaded(versionOf(result.getRulesetAst()));
    for (Issue issue : result.getIssues()) {
      (issue.getSeverity() == Issue.Severity.ERROR ? loaded.errors : loaded.warnings)
          .add(describe(issue));
    }
    if (result.hasCompilationError()) {
      if (loaded.errors.isEmpty()) {
        loaded.errors.add(describeMessage("Rules failed to compile", "", 0, 0));
      }
    } else {
      byName.put(rulesetName, result.getRulesetAst());
    }
    return loaded;
  }

  RulesetAst get(String rulesetName) {
    return byName.get(rulesetName);
  }

  /**
   * runtime.js only denies list for rules_version < 2, so the number matters; anything but an
   * explicit '2' is version 1, as in production.
   */
  private static int versionOf(RulesetAst ast) {
    return ast.getVersion() == RulesetAst.Version.VERSION_2 ? 2 : 1;
  }

  /**
   * An issue in the shape firebase-tools' manager.js parses: a JSON string with Java-field-style
   * names (it was Gson's dump of the Issue object in Google's runtime) read as
   * {@code description_} and {@code sourcePosition_.fileName_ / line_}.
   */
  private static String describe(Issue issue) {
    return describeMessage(
        issue.getDescription(),
        issue.getSourcePosition().getFileName(),
        issue.getSourcePosition().getLine(),
        issue.getSourcePosition().getColumn());
  }

  private static String describeMessage(String description, String fileName, int line, int column) {
    JsonObject position = new JsonObject();
    position.addProperty("fileName_", fileName);
    position.addProperty("line_", line);
    position.addProperty("column_", column);
    JsonObject json = new JsonObject();
    json.addProperty("description_", description);
    json.add("sourcePosition_", position);
    return json.toString();
  }
}
