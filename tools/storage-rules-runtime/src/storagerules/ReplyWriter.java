package storagerules;

import com.google.gson.JsonObject;
import java.io.PrintStream;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The only code that writes to the real stdout.
 *
 * <p>firebase-tools (lib/emulator/storage/rules/runtime.js) does JSON.parse on each stdout "data"
 * chunk as a whole. Two replies that land in one chunk fail to parse and are dropped as log text,
 * and the request they answered never resolves. So replies go through one thread, one JSON object
 * per line, flushed, with a short pause before the next so the pipe delivers them as separate
 * chunks.
 */
final class ReplyWriter {
  /** Pause between messages; firebase-tools itself waits 15 ms between the requests it writes. */
  private static final long GAP_MILLIS = 10;

  private final BlockingQueue<JsonObject> queue = new LinkedBlockingQueue<>();
  private final PrintStream stdout;

  ReplyWriter(PrintStream stdout) {
    this.stdout = stdout;
    Thread thread = new Thread(this::run, "reply-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a message; safe from any thread. */
  void send(JsonObject message) {
    queue.add(message);
  }

  private void run() {
    while (true) {
      try {
        JsonObject message = queue.take();
        // Gson's toString never emits raw newlines (they are escaped in strings), so one line each.
        String line = message.toString();
        stdout.print(line + "\n");
        stdout.flush();
        Log.info("-> " + abbreviate(line));
        Thread.sleep(GAP_MILLIS);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        Log.error("reply writer failed", e);
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
  }
}
