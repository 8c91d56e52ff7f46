package storagerules;

import java.io.File;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.logging.Handler;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * File-only logging.
 *
 * <p>firebase-tools reports every byte the runtime writes on stderr as "Unexpected rules runtime
 * error", and parses every stdout chunk as a protocol message. So nothing - not our own logs, not
 * the engine's java.util.logging output, not a stray stack trace - may reach either stream. This
 * class takes over System.out, System.err and the JUL root logger and points them all at one
 * file; only {@link ReplyWriter} keeps the real stdout.
 */
final class Log {
  /** Env var naming the log file; otherwise storage-rules-runtime.log in the temp dir. */
  static final String LOG_ENV = "STORAGE_RULES_RUNTIME_LOG";

  private static final long MAX_APPEND_BYTES = 10L * 1024 * 1024;

  private static PrintStream out = new PrintStream(OutputStream.nullOutputStream());

  private Log() {}

  /**
   * Redirects stdout/stderr/JUL to the log file and returns the original stdout, which the caller
   * hands to the single reply writer.
   */
  static PrintStream takeOverStandardStreams() {
    PrintStream realStdout = System.out;
    out = openLogFile();
    System.setOut(out);
    System.setErr(out);
    routeJavaUtilLogging(out);
    return realStdout;
  }

  static void info(String message) {
    write("INFO", message, null);
  }

  static void error(String message, Throwable t) {
    write("ERROR", message, t);
  }

  private static synchronized void write(String level, String message, Throwable t) {
    out.println(Instant.now() + " " + level + " " + message);
    if (t != null) {
      t.printStackTrace(out);
    }
    out.flush();
  }

  private static PrintStream openLogFile() {
    String configured = System.getenv(LOG_ENV);
    File file =
        configured != null && !configured.isEmpty()
            ? new File(configured)
            : new File(System.getProperty("java.io.tmpdir"), "storage-rules-runtime.log");
    try {
      // Append, so earlier emulator sessions stay readable, unless the file has grown past the cap
      // (every request and reply is logged, and the default file is never cleaned up).
      boolean append = file.length() < MAX_APPEND_BYTES;
      return new PrintStream(new FileOutputStream(file, append), true, StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      // An unwritable log location must not break the emulator: drop logs silently instead.
      return new PrintStream(OutputStream.nullOutputStream());
    }
  }

  /** The default JUL ConsoleHandler writes to stderr; replace it with a handler on the log file. */
  private static void routeJavaUtilLogging(PrintStream target) {
    LogManager.getLogManager().reset();
    Logger root = Logger.getLogger("");
    for (Handler h : root.getHandlers()) {
      root.removeHandler(h);
    }
    StreamHandler handler =
        new StreamHandler(target, new SimpleFormatter()) {
          @Override
          public synchronized void publish(java.util.logging.LogRecord record) {
            super.publish(record);
            flush();
          }
        };
    root.addHandler(handler);
  }
}
