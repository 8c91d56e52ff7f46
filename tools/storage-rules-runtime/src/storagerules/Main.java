package storagerules;

import com.google.gson.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;

/**
 * Stand-in for Google's cloud-storage-rules-runtime jar, which the Firebase Storage emulator
 * spawns as {@code java -jar <jar> serve} and talks to in JSON lines over stdin/stdout. It hosts
 * the Firebase rules engine that ships inside the gcloud Firestore emulator jar.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 1 || !"serve".equals(args[0])) {
      // Only a person runs it like this (firebase-tools always passes "serve"), so stderr is fine.
      System.err.println("usage: java -jar storage-rules-runtime.jar serve");
      System.exit(2);
    }
    PrintStream stdout = Log.takeOverStandardStreams();
    Log.info("starting storage rules runtime");

    ExecutorService requests = Executors.newSingleThreadExecutor(daemon("rules-requests"));
    ExecutorService workers = Executors.newCachedThreadPool(daemon("rules-worker"));
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("rules-timer"));
    ReplyWriter writer = new ReplyWriter(stdout);
    Rulesets rulesets = new Rulesets();
    Map<String, FirestoreFetcher> fetchers = new ConcurrentHashMap<>();
    Verifier verifier = new Verifier(rulesets, writer, workers, timer, fetchers);
    Dispatcher dispatcher = new Dispatcher(rulesets, verifier, fetchers, writer, requests);

    // runtime.js resolves its start() promise on this message, and sends nothing before it.
    JsonObject ready = new JsonObject();
    ready.addProperty("id", -1);
    ready.addProperty("status", "ok");
    writer.send(ready);

    BufferedReader stdin =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = stdin.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      Log.info("<- " + (line.length() <= 2000 ? line : line.substring(0, 2000) + "..."));
      try {
        dispatcher.onLine(line);
      } catch (RuntimeException e) {
        Log.error("unhandled error for line", e); // keep serving; never let one request kill us
      }
    }
    // stdin closed: the emulator is gone (it normally sends SIGINT first). Don't linger.
    Log.info("stdin closed; exiting");
    System.exit(0);
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
