package storagerules;

import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.SettableFuture;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Asks firebase-tools for Firestore documents on behalf of one verify request.
 *
 * <p>The runtime sends {@code {"server_request_id":<verify id>,"action":"fetch_firestore_document",
 * "status":"ok","context":{"path":...}}}; firebase-tools fetches the document from the Firestore
 * emulator and writes the answer back on stdin with {@code "id":<verify id>} and no action. Only
 * after that may the final verdict go out under the same id.
 *
 * <p>runtime.js keeps a single handler per id, which the first message under that id resolves. A
 * second fetch sent before the first is answered, or a verdict sent while a fetch is outstanding,
 * would therefore be swallowed and the request would hang. Hence: at most one fetch in flight per
 * verify (others queue), the same path is fetched once, and {@link #close()} lets the verdict wait
 * for an outstanding answer.
 */
final class FirestoreFetcher {
  private final JsonElement verifyId;
  private final ReplyWriter writer;
  private final Executor executor;

  private final Map<String, SettableFuture<JsonObject>> byPath = new HashMap<>();
  private final Deque<String> queued = new ArrayDeque<>();
  private String inFlight;
  private boolean closed;
  private SettableFuture<Void> idle;

  FirestoreFetcher(JsonElement verifyId, ReplyWriter writer, Executor executor) {
    this.verifyId = verifyId;
    this.writer = writer;
    this.executor = executor;
  }

  /** The answer message for a document path like /databases/(default)/documents/users/u1. */
  synchronized ListenableFuture<JsonObject> fetch(String path) {
    SettableFuture<JsonObject> existing = byPath.get(path);
    if (existing != null) {
      return existing;
    }
    SettableFuture<JsonObject> future = SettableFuture.create();
    byPath.put(path, future);
    if (closed) {
      future.setException(new IllegalStateException("evaluation already finished"));
    } else if (inFlight == null) {
      send(path);
    } else {
      Log.info("request " + verifyId + ": fetch of " + path + " waits for " + inFlight);
      queued.add(path);
    }
    return future;
  }

  /**
   * Called from the stdin reader with a message that carried this verify's id and no action.
   * Returns false when no fetch was outstanding (the message is then not an answer).
   */
  boolean onAnswer(JsonObject answer) {
    SettableFuture<JsonObject> answered;
    synchronized (this) {
      if (inFlight == null) {
        return false;
      }
      answered = byPath.get(inFlight);
      inFlight = null;
      String next = closed ? null : queued.poll();
      if (next != null) {
        send(next);
      } else if (idle != null) {
        idle.set(null);
      }
    }
    // The engine continues evaluating in the future's listeners; keep that off the stdin thread.
    executor.execute(() -> answered.set(answer));
    return true;
  }

  /**
   * Evaluation is over: drop fetches not yet sent, and resolve once no fetch is outstanding, which
   * is when the verdict may be written.
   */
  ListenableFuture<Void> close() {
    List<SettableFuture<JsonObject>> dropped = new ArrayList<>();
    ListenableFuture<Void> result;
    synchronized (this) {
      closed = true;
      for (String path : queued) {
        dropped.add(byPath.get(path));
      }
      queued.clear();
      if (inFlight == null) {
        result = Futures.immediateFuture(null);
      } else {
        idle = SettableFuture.create();
        result = idle;
      }
    }
    for (SettableFuture<JsonObject> f : dropped) {
      f.setException(new IllegalStateException("evaluation already finished"));
    }
    return result;
  }

  private void send(String path) {
    inFlight = path;
    JsonObject context = new JsonObject();
    context.addProperty("path", path);
    JsonObject request = new JsonObject();
    // No "id" key: runtime.js routes by `id ?? server_request_id`, and treats a message that has a
    // "context" key as a fetch request rather than a verdict.
    request.add("server_request_id", verifyId);
    request.addProperty("action", "fetch_firestore_document");
    request.addProperty("status", "ok");
    request.add("context", context);
    writer.send(request);
  }
}
